"""What a publication of the guide did, and how it is told on the console.

`report` prints it: pages written and kept, pictures new, gone or changed (in words, with the
review to read), and sentences a translation lacks; and says whether a gate the run was given
(drift, a kind of change, strict translations) failed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from driftless.publish import portal_changes
from driftless.render.counts import counted
from driftless.render.review import ScreenChange


@dataclass
class Outcome:
    """What a publication did."""

    written: list[str] = field(default_factory=list)
    changed: int = 0  # guide files written or removed by the swap
    kept: list[str] = field(default_factory=list)
    drift: dict[str, float] = field(default_factory=dict)  # picture -> share of pixels changed
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    pot: bytes = b""  # the catalogue template of every English sentence
    # language -> page -> sentences it needs translated (its last good page was kept)
    untranslated: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    withdrawn: list[str] = field(default_factory=list)  # kept pages whose pictures are gone
    changes: list[ScreenChange] = field(default_factory=list)  # screens changed, in words
    review: str | None = None  # where the review of the changes is, as the console says it


def report(
    outcome: Outcome,
    threshold: float | None,
    strict_translations: bool = False,
    fail_on_change: str | None = None,
) -> int:
    """Print what changed; 1 if a gate failed (drift, a kind of change, strict translations).

    `fail_on_change` is a kind of change (`portal_changes.GATES`): it, or a weightier one, fails.
    """
    pages, files = len(outcome.written), outcome.changed
    print(f"Guide: {counted(pages, 'page')}; {counted(files, 'file')} written or removed.")
    for page in outcome.kept:
        print(f"  kept as last published (a scenario it shows failed): {page}")
    if outcome.kept:
        print(
            "  Nothing else changed because of them. Once the failed scenarios above pass, "
            "make run brings these pages up to date."
        )
    for name in outcome.added:
        print(f"  new screenshot: {name}")
    for name in outcome.removed:
        print(f"  screenshot no longer made: {name}")
    portal_changes.tell(outcome.drift, outcome.changes)
    if not outcome.changes and not outcome.drift and not outcome.added and not outcome.removed:
        print("  no screenshot changed.")
    if outcome.review:
        print(outcome.review)
    over = {
        name: share
        for name, share in outcome.drift.items()
        if threshold is not None and share > threshold
    }
    lagging = _report_translations(outcome)
    if over:
        print(
            f"Drift above {threshold:.2%} in {counted(len(over), 'screenshot')}: failing as asked."
        )
        return 1
    if changed := portal_changes.over_gate(outcome.changes, fail_on_change):
        shots = counted(len(changed), "screenshot")
        print(
            f"The portal changed ({fail_on_change} or weightier) in {shots} "
            f"(--fail-on-change {fail_on_change}): failing as asked."
        )
        return 1
    if lagging and strict_translations:
        print("Translations lag behind the English (--strict-translations): failing as asked.")
        return 1
    return 1 if outcome.kept else 0


def _report_translations(outcome: Outcome) -> int:
    """Name each sentence a translation lacks, page by page; how many there are."""
    lagging = 0
    for language, pages in sorted(outcome.untranslated.items()):
        sentences = dict.fromkeys(text for missing in pages.values() for text in missing)
        lagging += len(sentences)
        print(
            f"Translation ({language}): "
            f"{counted(len(sentences), 'sentence needs', 'sentences need')} translating in "
            f"locale/{language}/LC_MESSAGES/guide.po (make translations adds them there); the "
            "last good page is kept:"
        )
        for page, missing in sorted(pages.items()):
            gone = " (not published: its last good version shows pictures no longer made)"
            shown = f"{language}/{page.removeprefix('../')}"  # ../: its hand-written pages
            print(f"  {shown}{gone if f'{language}/{page}' in outcome.withdrawn else ''}:")
            for text in missing:
                print(f"    - {text}")
    return lagging
