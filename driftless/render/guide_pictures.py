"""The guide's pictures, each planned once: which screenshot, its marks, badge and print crop.

A `Picture` is fully specified when the pages are made: where its step number goes and what
part of it paper shows are computed here, once, and the sidecar, the drawing and the crop all
read them. Pure: records in; pictures and what a page shows of them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from driftless.model.record import Box, Capture, ScenarioRecord, StepRecord
from driftless.render.annotate import PAPER, badge_box
from driftless.render.catalogues import Words
from driftless.render.cropping import print_crop
from driftless.render.guide_sentences import alt_text

SCREEN_LABELS = {"desktop": "Desktop", "phone": "Phone"}


@dataclass(frozen=True)
class Picture:
    """One annotated screenshot the guide shows: where it goes and what marks it gets."""

    target: str  # path under screenshots/, e.g. link-your-utility-account/03-desktop.png
    capture: Capture
    number: int
    scenario: str
    step: str
    handout: str | None
    printed: str | None = None  # path under screenshots/ of its crop for the printed guide

    @cached_property  # the sidecar, the crop and the page all ask
    def badge(self) -> Box | None:
        """Where the picture's step number goes (None on Troubleshooting pictures)."""
        capture = self.capture
        if self.number <= 0:
            return None
        return badge_box(capture.marks, capture.ink, (capture.width, capture.height))

    @cached_property
    def paper(self) -> Box:
        """The part of it the printed guide shows: around its marks and badge."""
        capture = self.capture
        size = (capture.width, capture.height)
        return print_crop(capture.marks, self.badge, size, capture.ink, capture.context)


@dataclass
class Guide:
    """Everything a guide build writes: pages (path under docs/generated/) and pictures."""

    pages: dict[str, str] = field(default_factory=dict)
    pictures: list[Picture] = field(default_factory=list)
    words: Words = field(default_factory=Words)  # the language the pages are written in


def shots_of(
    steps: dict[str, StepRecord],
    folder: str,
    number: int,
    *,
    scenario: str,
    guide: Guide,
    stem: str | None = None,
) -> list[dict[str, object]]:
    """A step's pictures on each screen, as a page shows them; each a `Picture` of the guide.

    Named by `stem` (the step's `number` by default); paper shows the first screen's, cropped.
    """
    shots: list[dict[str, object]] = []
    pictured = [screen for screen in SCREEN_LABELS if (s := steps.get(screen)) and s.captures]
    for screen in pictured:
        step = steps[screen]
        stem = stem or f"{number:02d}"
        name = f"{stem}-{screen}.png"
        capture = step.captures[0]
        # Paper shows the computer's picture (or the only one) of a numbered step, cropped.
        printed = f"{folder}/{stem}-print.png" if number and screen == pictured[0] else None
        picture = Picture(
            f"{folder}/{name}", capture, number, scenario, step.text, step.handout, printed
        )
        guide.pictures.append(picture)
        say = guide.words
        lead = say("Step {number}", number=number) if number else say("The message")
        paper = picture.paper
        shots.append(
            {
                "label": SCREEN_LABELS[screen],
                "screen": screen,
                "image": f"../screenshots/{folder}/{name}",
                "alt": alt_text(capture, lead, guide.words),
                "width": capture.width,
                "height": capture.height,
                "paper": {
                    "image": f"../screenshots/{printed}",
                    "width": PAPER.css(paper.width),
                    "height": PAPER.css(paper.height),
                }
                if printed
                else None,
            }
        )
    only = {shot["screen"] for shot in shots}
    for shot in shots:  # a step pictured on one screen only shows it on both
        shot["shows_on"] = "both" if len(only) == 1 else shot["screen"]
    return shots


def by_screen(records: list[ScenarioRecord]) -> dict[str, ScenarioRecord]:
    """A scenario's records by the screen each ran on."""
    return {record.screen: record for record in records}


def on_each_screen(records: list[ScenarioRecord], index: int) -> dict[str, StepRecord]:
    """A scenario's step at `index`, by the screen each of its records ran on."""
    return {record.screen: record.steps[index] for record in records}


def first_record(records: list[ScenarioRecord]) -> ScenarioRecord:
    """The record a scenario's words are taken from: the desktop one, or the only one."""
    return by_screen(records).get("desktop") or records[0]


def place_of(record: ScenarioRecord, line: int) -> str:
    """A sentence's place, for translators: its feature file and line."""
    return f"features/{record.feature}:{line}"
