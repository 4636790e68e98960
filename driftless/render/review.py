"""The review of what changed on the portal: one self-contained page, and the same in Markdown.

Pure: the changed screens (in words and pictures) in; out, an HTML page a writer opens after
`make run` (its pictures embedded, so it needs no file beside it and no network) and Markdown
for a pull request's body or a CI job's summary. Steps whose controls, headings, boxes or
messages changed come first, then those whose other words changed, then those changed only to
the eye.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from PIL import Image

from driftless.render.affected import Check
from driftless.render.changes import STRUCTURE, UNKNOWN, VISUAL, WORDS, Difference
from driftless.render.counts import counted

# What accepts the new guide: the run has already written it; a commit makes it the guide.
ACCEPT = 'git add docs printed locale && git commit -m "guide: the portal as it is now"'
KINDS = {
    STRUCTURE: "controls, headings, boxes or messages changed",
    WORDS: "other words changed",
    UNKNOWN: "changed; no words were recorded before",
    VISUAL: "changed only to the eye",
}
HOW = {  # how the steps of each kind changed, in the review's first sentence
    STRUCTURE: "in their controls, headings, boxes or messages",
    WORDS: "in their other words only",
    UNKNOWN: "with no words kept before to compare",
    VISUAL: "only to the eye (a colour, a font, spacing)",
}
SCREEN_NAMES = {"desktop": "computer", "phone": "phone"}
PANEL_WIDTH = 640  # pixels: a picture is shown at most this wide on the review page


@dataclass(frozen=True)
class ScreenChange:
    """One picture of the guide whose screen changed, told in words and pixels."""

    target: str  # the picture, under screenshots/
    page: str  # the guide page it is on, or its Troubleshooting entry
    number: int  # its step's number on the page (0: an entry of the Troubleshooting page)
    step: str  # the step's sentence, as the guide says it
    screen: str
    share: float | None  # the share of its pixels that changed (None: the same pixels)
    difference: Difference
    checks: tuple[Check, ...] = ()
    kept: bool = False  # its page was kept as last published: a scenario it shows failed

    @property
    def kind(self) -> str:
        """STRUCTURE, WORDS, VISUAL or UNKNOWN."""
        return self.difference.kind

    def told(self) -> list[str]:
        """The change in words, a sentence each."""
        if self.kind == VISUAL:
            return ["the same words, controls and sections: a colour, a font or spacing changed"]
        return [change.words() for change in self.difference.changes] + list(self.difference.words)

    def pixels(self) -> str:
        """How much of the picture changed."""
        return f"{self.share:.2%} of pixels" if self.share is not None else "the same pixels"


@dataclass
class Review:
    """Everything the review shows."""

    changes: list[ScreenChange]
    added: list[str] = field(default_factory=list)  # pictures new in this run
    removed: list[str] = field(default_factory=list)  # pictures no longer made
    kept: list[str] = field(default_factory=list)  # pages kept as last published
    # Each changed picture: before, after and difference (or the one picture, if the same).
    pictures: dict[str, tuple[bytes, ...]] = field(default_factory=dict)
    drift: str = "build/drift"  # where the before | after | difference pictures are


def rank(kind: str) -> int:
    """How much a kind of change asks of a writer: 0 the most."""
    order = (STRUCTURE, WORDS, UNKNOWN, VISUAL)
    return order.index(kind) if kind in order else len(order)


@dataclass(frozen=True)
class ChangedStep:
    """A step of the guide whose screens changed, on one screen or both."""

    title: str  # its page and number: 'Link your utility account \u00b7 step 5'
    step: str
    kind: str  # the weightiest of its screens' kinds of change
    told: list[tuple[str, list[str]]]  # per screen ("": the same on every screen), in words
    checks: list[Check]
    kept: bool
    screens: list[ScreenChange]

    @property
    def about(self) -> str:
        """Its kind of change, in words."""
        return KINDS[self.kind]


def steps(review: Review) -> list[ChangedStep]:
    """The changed steps, weightiest first: each with its screens, words and sentences."""
    grouped: dict[tuple[str, int, str], list[ScreenChange]] = {}
    for change in review.changes:
        grouped.setdefault((change.page, change.number, change.step), []).append(change)
    made = []
    for (page, number, step), screens in grouped.items():
        told = [(screen.screen, screen.told()) for screen in screens]
        same = all(words == told[0][1] for _, words in told)
        checks = {check.words(): check for screen in screens for check in screen.checks}
        made.append(
            ChangedStep(
                f"{page} \u00b7 step {number}" if number else page,
                step,
                min((screen.kind for screen in screens), key=rank),
                [("", told[0][1])] if same else told,
                list(checks.values()),
                any(screen.kept for screen in screens),
                screens,
            )
        )
    return sorted(made, key=lambda made: rank(made.kind))


def sentences_to_check(review: Review) -> list[Check]:
    """Every sentence to check, once, in the order the steps are shown."""
    found: dict[str, Check] = {}
    for step in steps(review):
        for check in step.checks:
            found.setdefault(check.words(), check)
    return list(found.values())


def summary(review: Review) -> str:
    """The review in one sentence."""
    listed = steps(review)
    counts = {kind: sum(1 for step in listed if step.kind == kind) for kind in KINDS}
    parts = [f"{count} {HOW[kind]}" for kind, count in counts.items() if count]
    said = f"{counted(len(listed), 'step')} changed"
    said += f": {'; '.join(parts)}" if parts else ""
    if review.added:
        said += f"; {counted(len(review.added), 'new picture')}"
    if review.removed:
        said += f"; {counted(len(review.removed), 'picture')} no longer made"
    return said + "."


def panels(sheet: bytes) -> tuple[bytes, ...]:
    """A before | after | difference picture as three, each at most `PANEL_WIDTH` wide."""
    with Image.open(io.BytesIO(sheet)) as opened:
        whole = opened.convert("RGB")
    width = whole.width // 3
    return tuple(
        _small(whole.crop((i * width, 0, (i + 1) * width, whole.height))) for i in range(3)
    )


def small(png: bytes) -> bytes:
    """A picture at most `PANEL_WIDTH` wide."""
    with Image.open(io.BytesIO(png)) as opened:
        return _small(opened.convert("RGB"))


def _small(image: Image.Image) -> bytes:
    if image.width > PANEL_WIDTH:
        height = round(image.height * PANEL_WIDTH / image.width)
        image = image.resize((PANEL_WIDTH, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def markdown_text(text: str) -> str:
    """Words from a portal or a feature, shown as they are in Markdown (no emphasis, no link)."""
    return re.sub(r"([\\`*_\[\]<>|~#])", r"\\\1", " ".join(text.split()))


def data_url(png: bytes) -> str:
    """A PNG as a data: address, so the page needs no file beside it."""
    return "data:image/png;base64," + base64.b64encode(png).decode()


def review_html(review: Review) -> str:
    """The review as one self-contained HTML page."""
    return _page("review.html.j2", review)


def review_markdown(review: Review) -> str:
    """The review in Markdown, for a pull request's body or a CI job's summary."""
    return _page("review.md.j2", review)


def _page(template: str, review: Review) -> str:
    return _TEMPLATES.get_template(template).render(
        review=review,
        steps=steps(review),
        checks=sentences_to_check(review),
        summary=summary(review),
        accept=ACCEPT,
        screen_names=SCREEN_NAMES,
        kinds={"structure": STRUCTURE, "words": WORDS, "visual": VISUAL, "unknown": UNKNOWN},
    )


_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=lambda name: bool(name and name.endswith(".html.j2")),  # a portal's words
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_TEMPLATES.filters["data_url"] = data_url
_TEMPLATES.filters["md"] = markdown_text
