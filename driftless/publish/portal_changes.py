"""What changed on the portal since the guide was last published, picture by picture, in words.

Each picture of the run is compared with the one published at its place: its pixels
(`driftless.render.annotate.compare`) and the page's accessibility tree kept beside it
(`driftless.render.changes`); the guide's sentences a change may have made wrong are named
(`driftless.render.affected`). The review page and its Markdown are written beside the
before | after | difference pictures, and the run's console is told the same in short.
"""

from __future__ import annotations

from pathlib import Path

from driftless.model.record import ScenarioRecord, StepRecord
from driftless.render.affected import checks, sentences
from driftless.render.annotate import compare
from driftless.render.changes import STRUCTURE, UNKNOWN, VISUAL, WORDS, difference
from driftless.render.guide_pictures import Guide, Picture
from driftless.render.guide_sentences import as_instruction, curly
from driftless.render.review import (
    Review,
    ScreenChange,
    panels,
    rank,
    review_html,
    review_markdown,
    small,
)

ARIA = ".aria.yml"  # the suffix of a picture's accessibility tree, beside it
PAGE, MARKDOWN = "review.html", "review.md"  # the review, in the drift folder
GATES = (STRUCTURE, WORDS, VISUAL)  # --fail-on-change: this kind of change or a weightier one
LABELS = {STRUCTURE: "structure", WORDS: "words", VISUAL: "to the eye only", UNKNOWN: "changed"}


def screen_changes(
    guide: Guide,
    records: list[ScenarioRecord],
    kept: set[str],
    run: Path,
    shots: Path,
    drift: Path,
    shares: dict[str, float],
) -> list[ScreenChange]:
    """Each picture whose screen changed since it was published, in words and pixels.

    `kept` names the page folders kept as last published: their pictures are compared too (the
    steps before a failure were pictured), their before | after | difference written to `drift`.
    `shares` holds the pixel shares already measured of the pictures being published.
    """
    said = sentences(records)
    steps = {c.image: step for r in records for step in r.steps for c in step.captures}
    found = []
    for picture in guide.pictures:
        published = shots / picture.target
        if not published.with_suffix(".raw.png").is_file():
            continue  # a new picture: listed as such
        before = published.with_suffix(".raw.png").read_bytes()
        after = (run / picture.capture.image).read_bytes()
        share = shares.get(picture.target)
        if before != after and share is None:
            share, sheet = compare(before, after)
            (drift / picture.target).parent.mkdir(parents=True, exist_ok=True)
            (drift / picture.target).write_bytes(sheet)
        aria = published.with_suffix(ARIA)
        old = aria.read_text("utf-8") if aria.is_file() else None
        changed = difference(old, picture.capture.aria, before != after)
        if not changed.kind:
            continue
        folder = picture.target.split("/")[0]
        found.append(
            ScreenChange(
                picture.target,
                _page_of(picture),
                picture.number,
                _sentence(picture, steps.get(picture.capture.image)),
                picture.capture.screen,
                share if before != after else None,
                changed,
                tuple(checks(said, changed.changes)),
                folder in kept,
            )
        )
    return found


def _page_of(picture: Picture) -> str:
    """The guide page a picture is on, or its Troubleshooting entry."""
    if picture.number <= 0:
        return f"Troubleshooting: {picture.scenario}"
    return picture.scenario


def _sentence(picture: Picture, step: StepRecord | None) -> str:
    """The picture's step as the guide says it."""
    return as_instruction(step.keyword, step.text) if step else curly(picture.step)


def write_review(
    folder: Path,
    changes: list[ScreenChange],
    news: tuple[list[str], list[str], list[str]],
    shots: Path,
    shown_as: str,
) -> None:
    """Write review.html and review.md into `folder` (the drift pictures'), if anything changed.

    `news`: the pictures added and removed, and the pages kept; `shots`: the published
    pictures (a picture whose pixels are the same is shown from there); `shown_as`: how the
    review names the folder the drift pictures will be in.
    """
    added, removed, kept = news
    if not changes and not added and not removed:
        return
    pictures = {}
    for change in changes:
        sheet = folder / change.target
        if change.share is not None and sheet.is_file():
            pictures[change.target] = panels(sheet.read_bytes())
        elif (same := (shots / change.target).with_suffix(".raw.png")).is_file():
            pictures[change.target] = (small(same.read_bytes()),)
    review = Review(changes, added, removed, kept, pictures, shown_as)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / PAGE).write_text(review_html(review), "utf-8")
    (folder / MARKDOWN).write_text(review_markdown(review), "utf-8")


def tell(drift: dict[str, float], changes: list[ScreenChange]) -> None:
    """Print each changed picture: its share of pixels, its changes in words, what to check.

    A sentence to check is told once, under the first picture that shows why.
    """
    told = {change.target: change for change in changes}
    checked: set[str] = set()
    for name, share in sorted(drift.items()):
        print(f"  changed: {name}  {share:.2%} of pixels (before | after | diff in build/drift/)")
        if name in told:
            _tell_words(told[name], checked)
    for change in changes:
        if change.target in drift:
            continue
        how = "its page kept as last published" if change.kept else "in words"
        print(f"  changed ({how}): {change.target}  {change.pixels()}")
        _tell_words(change, checked)


def _tell_words(change: ScreenChange, checked: set[str]) -> None:
    for line in change.told():
        print(f"    {LABELS[change.kind]}: {line}")
    for check in change.checks:
        if (said := check.words()) not in checked:
            checked.add(said)
            print(f"    check: {said} ({check.sentence.source})")


def shown(folder: Path) -> str:
    """A folder as a person types it: from the current folder if it is inside it."""
    here = Path.cwd().resolve()
    whole = folder.resolve()
    return str(whole.relative_to(here)) if whole.is_relative_to(here) else str(whole)


def review_line(folder: Path) -> str | None:
    """Where the review is, as the console says it (None if there is none)."""
    if not (folder / PAGE).is_file():
        return None
    where = shown(folder)
    return f"Review before committing the guide: {where}/{PAGE} (Markdown: {where}/{MARKDOWN})"


def over_gate(changes: list[ScreenChange], gate: str | None) -> list[ScreenChange]:
    """The changes at least as weighty as `gate` (none if no gate)."""
    if gate is None:
        return []
    return [change for change in changes if rank(change.kind) <= rank(gate)]
