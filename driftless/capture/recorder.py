"""The guide recorder: a screenshot and the marked boxes of each step of a guide scenario.

It only observes; the steps never depend on it.

A step's picture is taken just before its first click (the target is still there, marked), or
at its end (typed values visible, or the result a "Then" step checked).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from driftless.capture.actions import Action
from driftless.model.handout import refs_by_line
from driftless.model.record import Box, Capture, ScenarioRecord, StepRecord, dump, pictured

MASK_COLOUR = "#5b6770"
# Before a picture: fonts loaded, every image decoded, and two frames painted since.
SETTLE = """Promise.all([
  document.fonts.ready,
  ...Array.from(document.images, (image) => image.decode().catch(() => null)),
]).then(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))))"""
SETTLED = f"() => {SETTLE}"
# An element's box in the viewport, in one round trip. With `reveal`, it is first scrolled into
# view if it is not wholly on screen, and the page settles before it is measured.
MEASURE = f"""async (element, reveal) => {{
  if (reveal) {{
    const r = element.getBoundingClientRect();
    if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) {{
      element.scrollIntoView({{block: "center", inline: "nearest"}});
    }}
    await {SETTLE};
  }}
  const box = element.getBoundingClientRect();
  return box.width || box.height ? [box.x, box.y, box.width, box.height] : null;
}}"""


@dataclass
class _StepState:
    record: StepRecord
    pictured: bool  # the guide shows this step's picture
    marked: list[Locator] = field(default_factory=list)  # measured when the picture is taken
    secrets: list[Locator] = field(default_factory=list)
    captured: bool = False


def box_of(target: Locator, *, reveal: bool = False) -> Box | None:
    """The element's box in the viewport, or None if it is not on screen."""
    try:  # a click's target may still be arriving: it is waited for longer
        found = target.evaluate(MEASURE, reveal, timeout=10_000 if reveal else 2_000)
    except PlaywrightError:
        return None
    if not found:
        return None
    x, y, width, height = (round(value) for value in found)
    return Box(x, y, width, height)


@dataclass
class Recorder:
    """Keeps the record of one guide scenario at a time and writes it when it ends."""

    run_dir: Path
    redact: list[str] = field(default_factory=list)  # selectors masked in every picture
    scenario: ScenarioRecord | None = None
    steps: list[_StepState] = field(default_factory=list)
    current: _StepState | None = None
    problem: str | None = None

    def start(
        self,
        feature_file: Path,
        feature_name: str,
        name: str,
        description: str,
        tags: set[str],
        screen: str,
        example: dict[str, str],
        steps: list[tuple[str, str, int, str | None, bool]],
    ) -> None:
        """Begin recording a scenario: its steps as (type, text, line, docstring, background)."""
        refs = refs_by_line(feature_file)
        self.scenario = ScenarioRecord(
            feature=feature_file.name,
            feature_name=feature_name,
            name=name,
            description=description,
            tags=sorted(tags),
            screen=screen,
            example=example,
        )
        records = [
            StepRecord(kind.capitalize(), text, line, refs.get(line), tip, background)
            for kind, text, line, tip, background in steps
        ]
        shown = pictured(
            [step.keyword for step in records], [step.background for step in records], tags
        )
        self.steps = [_StepState(step, show) for step, show in zip(records, shown, strict=True)]
        self.scenario.steps = [state.record for state in self.steps]
        self.current = None
        self.problem = None

    def begin_step(self, line: int) -> None:
        """A step is about to run."""
        self.current = next((state for state in self.steps if state.record.line == line), None)

    def before_action(self, action: Action) -> None:
        """Before a click, take the step's picture with the target marked (the last one wins)."""
        state = self.current
        if state is None or action.kind != "click" or not state.pictured:
            return
        self._capture(action.target.page, state, state.marked, reveal=action.target)

    def after_action(self, action: Action) -> None:
        """After a click the screen changes; after typing, the typed box is worth marking."""
        state = self.current
        if state is None:
            return
        if action.kind == "click":
            state.marked, state.secrets = [], []
            return
        state.marked.append(action.target)
        if action.secret:
            state.secrets.append(action.target)
        state.captured = False

    def noticed(self, target: Locator) -> None:
        """A step checked this element: mark it on the step's picture."""
        if self.current:
            self.current.marked.append(target)
            self.current.captured = False

    def end_step(self, page: Page | None, passed: bool) -> None:
        """After a step: take its picture if it has none yet (never for background steps)."""
        state = self.current
        if state is None:
            return
        state.record.status = "passed" if passed else "failed"
        if passed and not state.captured and page and state.pictured:
            self._capture(page, state, state.marked)
        self.current = None

    def finish(self, passed: bool) -> ScenarioRecord | None:
        """Write the scenario's record; a failed scenario is written but marked failed."""
        if self.scenario is None:
            return None
        self.scenario.status = "passed" if passed and self.problem is None else "failed"
        self.problem = None
        self.run_dir.mkdir(parents=True, exist_ok=True)
        dump(self.scenario, self.run_dir / f"{self.scenario.key}.json")
        finished, self.scenario, self.steps = self.scenario, None, []
        return finished

    def _capture(
        self, page: Page, state: _StepState, marked: list[Locator], reveal: Locator | None = None
    ) -> None:
        assert self.scenario is not None
        index = self.scenario.steps.index(state.record) + 1
        image = f"{self.scenario.key}--{index:02d}.png"
        self.run_dir.mkdir(parents=True, exist_ok=True)
        masks = [*state.secrets, *(page.locator(selector) for selector in self.redact)]
        try:
            revealed: list[Box] = []
            if reveal is not None:  # the click's target: on screen, and the page settled
                if (target_box := box_of(reveal, reveal=True)) is None:
                    return  # the click will fail and say why; the recorder only watches
                revealed.append(target_box)
            else:
                page.evaluate(SETTLED)
            boxes = [box for target in marked if (box := box_of(target))] + revealed
            page.screenshot(
                path=self.run_dir / image,
                animations="disabled",
                caret="hide",
                mask=masks,
                mask_color=MASK_COLOUR,
                scale="css",
            )
        except PlaywrightError as error:
            # No picture: the page stays as last published rather than go out incomplete.
            self.problem = f"no picture of step {index}: {str(error).splitlines()[0]}"
            return
        viewport = page.viewport_size or {"width": 0, "height": 0}
        state.record.captures[:] = [
            Capture(
                image,
                self.scenario.screen,
                viewport["width"],
                viewport["height"],
                urlsplit(page.url).path,
                tuple(boxes),
            )
        ]
        state.captured = True
