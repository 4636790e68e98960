"""The guide recorder: a screenshot and the marks of each step of a guide scenario.

It only observes; the steps never depend on it. What a step marks comes from what it does: the
element it clicks, the boxes it types into, and what it checks with `expect` (see
`driftless.capture.actions`), each with its role and accessible name.

A step's picture is taken just before its last click (the target is still there, marked), or
at its end (typed values visible, or the result a "Then" step checked). The page is scrolled
first so that every mark is inside the picture, and the boxes of its words, pictures and
controls are measured so that the badge can be put clear of them. The page's accessibility tree
is kept with the picture: what was on the screen in words, for the change report.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import ElementHandle, Locator, Page
from playwright.sync_api import Error as PlaywrightError

from driftless.capture.actions import Action
from driftless.capture.marks import (
    CONTEXT,
    INK,
    SETTLE_LIMIT_MS,
    SETTLED_BOXES,
    SETTLING,
    Measured,
    Shown,
    element_of,
    moved_by,
    scroll_to_fit,
    what_is,
)
from driftless.capture.patience import wait_until_idle
from driftless.capture.screen_words import words_on
from driftless.model.handout import refs_by_line
from driftless.model.record import Box, Capture, Mark, ScenarioRecord, StepRecord, dump, pictured

MASK_COLOUR = "#5b6770"


@dataclass
class _StepState:
    record: StepRecord
    pictured: bool  # the guide shows this step's picture
    # Measured when the picture is taken, each with what the step did to it ("click", "fill",
    # or "" for what it checked).
    marked: list[tuple[Locator, str]] = field(default_factory=list)
    secrets: list[Locator] = field(default_factory=list)
    captured: bool = False
    kept: bool = False  # the step chose its picture (`Hands.show`): later actions keep it


@dataclass
class Timings:
    """Where the recorder's time goes: seconds spent and times done, for each phase."""

    seconds: dict[str, float] = field(default_factory=dict)
    times: dict[str, int] = field(default_factory=dict)

    @contextlib.contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Time what the block does as one more of this phase."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.count(name, time.perf_counter() - started)

    def count(self, name: str, seconds: float = 0.0) -> None:
        """One more of this phase, which took these seconds."""
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        self.times[name] = self.times.get(name, 0) + 1


@dataclass
class Recorder:
    """Keeps the record of one guide scenario at a time and writes it when it ends."""

    run_dir: Path
    redact: list[str] = field(default_factory=list)  # selectors masked in every picture
    masked: list[str] = field(default_factory=list)  # and in this scenario's, `redact` with its own
    timings: Timings = field(default_factory=Timings)
    settle_limit_ms: int = SETTLE_LIMIT_MS  # the longest a picture waits for the page to settle
    scenario: ScenarioRecord | None = None
    steps: list[_StepState] = field(default_factory=list)
    current: _StepState | None = None
    problem: str | None = None
    _step_began: tuple[float, float] = (0.0, 0.0)  # when the step began; recording time till then

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
        place: tuple[int, int] = (0, 0),
        redact: tuple[str, ...] = (),
        clock: str = "",
    ) -> None:
        """Begin recording a scenario: its steps as (type, text, line, docstring, background).

        `place` is where it is written: its line, and its example's row in the Examples tables.
        `redact`: what its pictures mask besides the run's; `clock`: the portal's frozen time
        (ISO 8601), if the run froze it: what its pictures show.
        """
        self.masked = [*self.redact, *redact]
        refs = refs_by_line(feature_file)
        self.scenario = ScenarioRecord(
            feature=feature_file.name,
            feature_name=feature_name,
            name=name,
            description=description,
            tags=sorted(tags),
            screen=screen,
            example=example,
            line=place[0],
            row=place[1],
            clock=clock,
        )
        records = [
            StepRecord(kind.capitalize(), text, line, refs.get(line), tip, background)
            for kind, text, line, tip, background in steps
        ]
        shown = pictured(
            [step.keyword for step in records],
            [step.background for step in records],
            tags,
            [step.text for step in records],
        )
        self.steps = [_StepState(step, show) for step, show in zip(records, shown, strict=True)]
        self.scenario.steps = [state.record for state in self.steps]
        self.current = None
        self.problem = None

    def begin_step(self, line: int) -> None:
        """A step is about to run."""
        self.current = next((state for state in self.steps if state.record.line == line), None)
        self._step_began = (time.perf_counter(), sum(self.timings.seconds.values()))

    def before_action(self, action: Action) -> None:
        """Before a click, take the step's picture with the target marked (the last one wins)."""
        state = self.current
        if state is None or action.kind != "click" or not state.pictured or state.kept:
            return
        if action.on_the_way:
            return
        self._capture(action.target.page, state, state.marked, reveal=action.target)

    def after_action(self, action: Action) -> None:
        """After a click the screen changes; after typing, the typed box is worth marking."""
        state = self.current
        if state is None or state.kept:
            return
        if action.kind == "click":
            state.marked, state.secrets = [], []
            return
        state.marked.append((action.target, action.kind))
        if action.secret:
            state.secrets.append(action.target)
        state.captured = False

    def noticed(self, target: Locator) -> None:
        """A step checked this element: mark it on the step's picture."""
        if self.current and not self.current.kept:
            self.current.marked.append((target, ""))
            self.current.captured = False

    def shown(self, target: Locator) -> None:
        """The step's picture, now, with this element marked too; nothing later replaces it."""
        state = self.current
        if state is None or state.kept or not state.pictured:
            return
        self._capture(target.page, state, [*state.marked, (target, "")])
        state.kept = state.captured

    def end_step(self, page: Page | None, passed: bool) -> None:
        """After a step: take its picture if it has none yet (never for background steps)."""
        state = self.current
        if state is None:
            return
        began, recorded = self._step_began
        took = time.perf_counter() - began - (sum(self.timings.seconds.values()) - recorded)
        self.timings.count("actions and checks", took)  # the step's own work, pictures aside
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
        self,
        page: Page,
        state: _StepState,
        marked: list[tuple[Locator, str]],
        reveal: Locator | None = None,
    ) -> None:
        assert self.scenario is not None
        index = self.scenario.steps.index(state.record) + 1
        image = f"{self.scenario.key}--{index:02d}.png"
        self.run_dir.mkdir(parents=True, exist_ok=True)
        masks = [*state.secrets, *(page.locator(selector) for selector in self.masked)]
        viewport = page.viewport_size or {"width": 0, "height": 0}
        clock = self.timings.phase
        try:
            seen = self._look(page, marked, reveal, viewport["height"])
            if seen is None:
                return  # nothing to point at: the step fails and says why, or marks nothing
            picture, aria = self._shoot(page, masks)
        except PlaywrightError as error:
            # No picture: the page stays as last published rather than go out incomplete.
            self.problem = f"no picture of step {index}: {str(error).splitlines()[0]}"
            return
        with clock("write"):
            (self.run_dir / image).write_bytes(picture)
        if state.record.captures:
            self.timings.count("replaced")  # a later click's picture replaces an earlier one
        shown, ink, context = seen
        state.record.captures[:] = [
            Capture(
                image,
                self.scenario.screen,
                viewport["width"],
                viewport["height"],
                urlsplit(page.url).path,
                _marks_of(shown),
                tuple(ink),
                tuple(dict.fromkeys(context)),
                hashlib.sha256(picture).hexdigest()[:16],
                aria,
            )
        ]
        state.captured = True

    def _shoot(self, page: Page, masks: list[Locator]) -> tuple[bytes, str]:
        """The screen as a picture, and in words as a screen reader has it, masked alike."""
        with self.timings.phase("screenshot"):  # the browser's capture and PNG encoding
            picture = page.screenshot(
                animations="disabled", caret="hide", mask=masks, mask_color=MASK_COLOUR, scale="css"
            )
        with self.timings.phase("words"):
            return picture, words_on(page, masks)

    def _look(
        self,
        page: Page,
        marked: list[tuple[Locator, str]],
        reveal: Locator | None,
        height: int,
    ) -> tuple[list[Shown], list[Box], list[Box]] | None:
        """The settled page's marks (measured, scrolled into view), its ink and their context.

        None when a click's target is not there or takes no room: there is nothing to point at.
        """
        clock = self.timings.phase
        with clock("settle"):  # a click's target waited for, then the page set settling
            wait_until_idle(page, self.settle_limit_ms)  # no spinner, nothing being fetched
            first = None
            if reveal is not None and (first := element_of(reveal, 10_000)) is None:
                return None  # the click's target is not there: the click will fail and say why
            settling = page.evaluate_handle(SETTLING, self.settle_limit_ms)
        with clock("name"):  # while the page settles: each mark found, with its role and name
            found = _found(marked, reveal, first)
            names = [(*what_is(target), acted) for _, target, acted in found]
        with clock("measure"):  # the page settled, the marks measured and scrolled in, the ink
            settled, boxes = settling.evaluate(SETTLED_BOXES, [element for element, _, _ in found])
            if not settled:
                self.timings.count("unsettled")  # pictured as it was when time ran out
            if reveal is not None and boxes[-1] is None:
                return None  # the click's target takes no room: nothing to point at
            shown = [
                (Measured(*box), element, name)
                for box, (element, _, _), name in zip(boxes, found, names, strict=True)
                if box
            ]
            dy = scroll_to_fit(
                [measured.box() for measured, _, _ in shown],
                height,
                shown[-1][0].box() if reveal is not None else None,
            )
            words, moved = page.evaluate(INK, [dy, self.settle_limit_ms])
            if moved:  # what scrolls with the page moved with it; what is pinned, not
                shown = moved_by(shown, moved)
            context = [
                Box(*box)
                for boxes in page.evaluate(CONTEXT, [element for _, element, _ in shown])
                for box in boxes
            ]
        return shown, [Box(*box) for box in words], context


def _found(
    marked: list[tuple[Locator, str]], reveal: Locator | None, first: ElementHandle | None
) -> list[tuple[ElementHandle, Locator, str]]:
    """The marks' elements on the page, with how each was used; a click's target last."""
    found = [
        (element, target, acted)
        for target, acted in marked
        if (element := element_of(target)) is not None
    ]
    if reveal is not None and first is not None:
        found.append((first, reveal, "click"))
    return found


def _marks_of(shown: list[Shown]) -> tuple[Mark, ...]:
    """Each element marked once, though checked twice: what was done to it says more."""
    marks: dict[Box, Mark] = {}
    for measured, _, (role, name, acted) in shown:
        box = measured.box()
        if box not in marks or acted:
            marks[box] = Mark(box.x, box.y, box.width, box.height, role, name, acted)
    return tuple(marks.values())
