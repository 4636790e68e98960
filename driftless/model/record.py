"""The run record: everything the guide, the drift report and the other outputs are made from.

One JSON file per recorded scenario, written by the recorder and read by pure renderers, so
pictures can be redrawn and pages regenerated without a browser.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

GUIDE = "guide"  # a scenario's tag: it becomes a page of the guide
TROUBLESHOOTING = "troubleshooting"  # a tag: an entry of the Troubleshooting page, so named
# A tag: what to do when a guide step's result does not show ("If you do not see your Account
# Settings page, ..."); its last "When" is pictured beneath the guide step citing the same
# handout instruction.
ASIDE = "aside"
# A tag: a picture of something the resident has at hand (where the numbers are on a bill); its
# first "Then" after the last "When" is pictured beside the guide step citing that step's
# handout instruction.
ILLUSTRATION = "illustration"
# The scenarios a guide run records.
GUIDE_TAGS = frozenset({GUIDE, TROUBLESHOOTING, ASIDE, ILLUSTRATION})


@dataclass(frozen=True)
class Box:
    """An element's box on a screenshot, in CSS pixels from the top left of the viewport."""

    x: int
    y: int
    width: int
    height: int


@dataclass(frozen=True)
class Mark(Box):
    """An element a step's picture points out: where it is, and what it is to a screen reader."""

    role: str = ""  # its ARIA role, e.g. "button", "textbox", "alert"
    name: str = ""  # its accessible name, or the words it shows
    acted: str = ""  # what the step did to it: "click", "fill", or "" for what it checked


@dataclass(frozen=True)
class Capture:
    """One screenshot of a step, before annotation."""

    image: str  # file name of the raw PNG, beside the record
    screen: str  # "desktop" or "phone"
    width: int
    height: int
    path: str  # the portal page's path, without host (stable between runs)
    marks: tuple[Mark, ...] = ()
    # Where the page has words, pictures or controls: no badge may cover them.
    ink: tuple[Box, ...] = ()
    # What gives the marks their meaning: each one's label, the row it is in, the heading of
    # its section. The printed crop keeps them beside the marks.
    context: tuple[Box, ...] = ()
    digest: str = ""  # of the screenshot's bytes: the same screen pictured twice has the same
    # The page in words when the picture was taken: its accessibility tree as
    # driftless.model.aria_tree keeps it ("" if none was taken).
    aria: str = ""

    def outside(self) -> list[Mark]:
        """The marks not wholly inside the picture."""
        return [
            mark
            for mark in self.marks
            if mark.x < 0
            or mark.y < 0
            or mark.x + mark.width > self.width
            or mark.y + mark.height > self.height
        ]


@dataclass
class StepRecord:
    """A scenario step as the guide tells it."""

    keyword: str  # Given, When, Then (And/But resolved to the step's type)
    text: str
    line: int
    handout: str | None
    tip: str | None
    background: bool
    status: str = "skipped"  # passed, failed or skipped
    captures: list[Capture] = field(default_factory=list)


@dataclass
class ScenarioRecord:
    """A scenario that becomes part of the guide, recorded on one screen size."""

    feature: str  # feature file name, e.g. linking_accounts.feature
    feature_name: str
    name: str
    description: str
    tags: list[str]
    screen: str
    example: dict[str, str] = field(default_factory=dict)
    steps: list[StepRecord] = field(default_factory=list)
    status: str = "passed"
    line: int = 0  # the scenario's line in its feature file
    row: int = 0  # its example's place in the Examples tables (0: the first, or none)
    # The portal's clock when it is frozen for the run (ISO 8601), so the date its screens show;
    # "" when the portal keeps its own time.
    clock: str = ""

    @property
    def key(self) -> str:
        """A file-name-safe identifier, stable from run to run."""
        parts = [Path(self.feature).stem, self.name, *self.example.values()]
        whole = "-".join(parts)
        digest = hashlib.sha256(whole.encode()).hexdigest()[:8]
        return f"{slug(whole)[:80]}-{digest}-{self.screen}"


def result_step(keywords: list[str]) -> int | None:
    """The first "Then" after the last "When": the step whose picture shows a problem."""
    whens = [i for i, keyword in enumerate(keywords) if keyword == "When"]
    shown = [
        i for i, keyword in enumerate(keywords) if keyword == "Then" and whens and i > whens[-1]
    ]
    return shown[0] if shown else None


def remedy_step(keywords: list[str]) -> int | None:
    """The last "When": in an aside, the step that puts things right."""
    whens = [i for i, keyword in enumerate(keywords) if keyword == "When"]
    return whens[-1] if whens else None


def is_condition(keyword: str, text: str) -> bool:
    """A "Given" that tells where the resident already is ("I have…", "I am…", "I linked…").

    Nothing to do: a guide page lists it under "Before you start", with no picture.
    """
    words = text.split()
    verb = words[1] if len(words) > 1 and words[0] == "I" else ""
    return keyword == "Given" and (verb in {"have", "am", "was", "had"} or verb.endswith("ed"))


def pictured(
    keywords: list[str],
    background: list[bool],
    tags: Collection[str],
    texts: list[str] | None = None,
) -> list[bool]:
    """Which steps the guide shows a picture of, never a background step's.

    A guide page shows every step but its conditions (`texts` tell which they are); a
    Troubleshooting entry only the one with the problem; an aside only the one that puts it
    right; an illustration only the one showing what it is of.
    """
    if GUIDE in tags and texts is not None:
        background = [
            behind or is_condition(keyword, text)
            for behind, keyword, text in zip(background, keywords, texts, strict=True)
        ]
    only = None
    if GUIDE not in tags and (TROUBLESHOOTING in tags or ILLUSTRATION in tags):
        only = result_step(keywords)
    elif GUIDE not in tags and ASIDE in tags:
        only = remedy_step(keywords)
    return [
        not behind and (only is None or index == only) for index, behind in enumerate(background)
    ]


def slug(text: str) -> str:
    """Lower-case words joined by hyphens, safe in file names and URLs."""
    words = "".join(char.lower() if char.isalnum() else " " for char in text).split()
    return "-".join(words)[:120] or "untitled"


def dump(record: ScenarioRecord, path: Path) -> None:
    """Write a scenario record as stable JSON (ink and context boxes as [x, y, width, height])."""
    data = asdict(record)
    for step in data["steps"]:
        for capture in step["captures"]:
            for boxes in ("ink", "context"):
                capture[boxes] = [[b["x"], b["y"], b["width"], b["height"]] for b in capture[boxes]]
    path.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", "utf-8")


def load(path: Path) -> ScenarioRecord:
    """Read a scenario record written by `dump`."""
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    steps = [
        StepRecord(**{**step, "captures": [_capture(capture) for capture in step["captures"]]})
        for step in data.pop("steps")
    ]
    return ScenarioRecord(**data, steps=steps)


def _capture(data: dict[str, Any]) -> Capture:
    marks = tuple(Mark(**mark) for mark in data["marks"])
    boxes = {name: tuple(Box(*box) for box in data.get(name, ())) for name in ("ink", "context")}
    return Capture(**{**data, "marks": marks, **boxes})
