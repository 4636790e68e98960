"""Publish a recorded run as the guide: pages, annotated screenshots, sidecars and drift.

    python -m driftless publish --run build/guide-run [--fail-on-drift 0.01]

Everything is built in a staging folder first and swapped in at the end, so a failed or
interrupted run leaves the previous guide as it was. A page whose scenario failed is kept from
the last good run, and the run says so.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from jinja2 import TemplateError

from driftless.model.handout import Handout
from driftless.model.project import Project, translation_of
from driftless.model.record import ScenarioRecord, load
from driftless.publish import language_sites as language_files
from driftless.publish import portal_changes
from driftless.publish.accessibility_check import RECORD, record_of
from driftless.publish.guide_plan import (
    check_marked,
    keep_pages,
    plan,
    sidecar,
    stage_contents,
)
from driftless.publish.outcome import Outcome, report
from driftless.publish.portal_changes import ARIA
from driftless.publish.staged_files import read_or_none, swap, write
from driftless.publish.translated_pages import hear_site_words, stage_handwritten, stage_language
from driftless.render.annotate import annotate, compare, crop
from driftless.render.catalogues import ENGLISH, same, template
from driftless.render.guide_pages import CONTENTS
from driftless.render.guide_pictures import Guide, Picture
from driftless.render.handwritten import translated
from driftless.render.statement_page import PAGE, statement_page

REFERENCE = "reference portal"  # how sidecars name the portal of a reference run


def stage(
    project: Project,
    run: Path,
    docs: Path,
    shots: Path,
    staging: Path,
    portal: str,
    translate: bool = True,
) -> Outcome:
    """Build the new guide in `staging` (docs/ and screenshots/ under it, translations too).

    A run in which a scenario failed changes no other page, language or catalogue: see `plan`.
    """
    records = [load(path) for path in sorted(run.glob("*.json"))]
    handout = Handout.load(project.handout)
    own = docs.resolve() == project.pages.resolve()  # the project's guide: printed, has a statement
    site = language_files.site_url(project) if own else ""  # another portal's: not published
    guide, kept = plan(records, handout, project.templates, own, site=site)
    if own:
        guide.pages[PAGE] = statement_page(
            record_of(project), handout, project.templates, guide.words
        )
    folders = {name.removesuffix(".md") for name in kept}
    pictures = [p for p in guide.pictures if p.target.split("/")[0] not in folders]
    check_marked(pictures)
    outcome = Outcome()
    _stage_pages(guide.pages, kept, docs, staging / "docs", outcome)
    if own and (docs / RECORD).exists():  # made by the site's accessibility check
        write(staging / "docs" / RECORD, (docs / RECORD).read_bytes())
    for folder in sorted(folders):  # the kept pages' pictures, as last published
        if (shots / folder).is_dir():
            shutil.copytree(shots / folder, staging / "screenshots" / folder)
    for picture in pictures:
        _stage_picture(picture, run, shots, staging, portal, outcome)
    new = {
        str(p.relative_to(staging / "screenshots"))
        for p in (staging / "screenshots").rglob("*.raw.png")
    }
    old = {str(p.relative_to(shots)) for p in shots.rglob("*.raw.png")} if shots.is_dir() else set()
    outcome.removed = sorted(old - new)
    outcome.changes = portal_changes.screen_changes(
        guide, records, folders, run, shots, staging / "drift", outcome.drift
    )
    _stage_languages(project, docs, records, handout, staging, outcome, guide, (translate, own))
    return outcome


def _stage_pages(
    pages: dict[str, str], kept: set[str], docs: Path, staged: Path, outcome: Outcome
) -> None:
    """The pages as made, those kept as last published, and the contents once all are there."""
    for name, text in pages.items():
        if name not in kept and name != CONTENTS:
            write(staged / name, text.encode())
            outcome.written.append(name)
    unpublished = keep_pages(docs, staged, kept)  # not to be listed before it is
    stage_contents(docs, staged, None if unpublished else pages[CONTENTS])
    outcome.written += [] if unpublished else [CONTENTS]
    outcome.kept = sorted(name for name in kept if (docs / name).exists())


def _stage_picture(
    picture: Picture, run: Path, shots: Path, staging: Path, portal: str, outcome: Outcome
) -> None:
    """A picture as the plan says: drawn and cut unless published so already; its sidecars."""
    raw = (run / picture.capture.image).read_bytes()
    target = staging / "screenshots" / picture.target
    about = sidecar(picture, portal)
    published = shots / picture.target
    before = read_or_none(published.with_suffix(".raw.png"))
    same = _unchanged(published, before, raw, about)
    capture = picture.capture
    annotated = (
        published.read_bytes()
        if same
        else annotate(raw, capture.marks, picture.badge, picture.number)
    )
    write(target, annotated)
    if picture.printed:
        printed = shots / picture.printed
        cut = printed.read_bytes() if same and printed.exists() else None
        write(staging / "screenshots" / picture.printed, cut or crop(annotated, picture.paper))
    write(target.with_suffix(".raw.png"), raw)
    write(target.with_suffix(".json"), about)
    if capture.aria:  # the screen in words, beside its picture: see driftless.model.aria_tree
        write(target.with_suffix(ARIA), capture.aria.encode())
    _measure(before, raw, picture.target, staging, outcome)


def _stage_languages(
    project: Project,
    docs: Path,
    records: list[ScenarioRecord],
    handout: Handout,
    staging: Path,
    outcome: Outcome,
    guide: Guide,
    translate_own: tuple[bool, bool],
) -> None:
    """The catalogue template of every English sentence, and each translation's pages.

    `translate_own`: whether to stage translations, and whether the guide is the project's own
    (whose hand-written home page is translated too).
    """
    translate, own = translate_own
    hear_site_words(project, guide.words)
    # The project's own hand-written pages (its home page), for the project's own guide only.
    handwritten = language_files.handwritten(project) if translate and own else {}
    for name, text in handwritten.items():  # heard in English, for the catalogue
        with guide.words.on(name):
            translated(text, f"docs/{name}", guide.words, ENGLISH)
    outcome.pot = template(guide.words.heard)
    for language, po in sorted(project.languages().items()) if translate else ():
        stage_language(project, docs, language, po, records, handout, staging, outcome)
        stage_handwritten(docs, language, po, handwritten, staging, outcome)


def _unchanged(published: Path, before: bytes | None, raw: bytes, about: bytes) -> bool:
    """Whether the published picture is already this one, so it need not be drawn or cut again.

    The same screenshot, and the same marks, badge, print crop and drawing style (its sidecar).
    """
    return (
        before == raw
        and published.exists()
        and read_or_none(published.with_suffix(".json")) == about
    )


def _measure(old: bytes | None, raw: bytes, name: str, staging: Path, outcome: Outcome) -> None:
    if old is None:
        outcome.added.append(name)
        return
    if old == raw:
        return
    share, sheet = compare(old, raw)
    outcome.drift[name] = share
    write(staging / "drift" / name, sheet)


def publish_into(project: Project, run: Path, folder: Path, portal: str = REFERENCE) -> int:
    """Publish a run record into `folder`: its docs/, screenshots/ and drift/ side by side.

    In English only: the translations are of the project's own guide.
    """
    return publish(
        project,
        run,
        folder / "docs",
        folder / "screenshots",
        folder / "drift",
        portal,
        translate=False,
    )


def publish(
    project: Project,
    run: Path,
    docs: Path,
    screenshots: Path,
    drift: Path,
    portal: str = REFERENCE,
    fail_on_drift: float | None = None,
    strict_translations: bool = False,
    translate: bool = True,
    fail_on_change: str | None = None,
) -> int:
    """Publish a recorded run: 0 when done, 1 if a page was kept or a gate failed, 2 if empty."""
    if not any(run.glob("*.json")):
        print(
            f"No recorded scenarios in {run}. Run the suite with --guide-run {run}.",
            file=sys.stderr,
        )
        return 2
    staging = run.parent / "guide-stage"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        outcome = stage(project, run, docs, screenshots, staging, portal, translate)
        news = (outcome.added, outcome.removed, outcome.kept)
        portal_changes.write_review(
            staging / "drift", outcome.changes, news, screenshots, portal_changes.shown(drift)
        )
    except (OSError, ValueError, KeyError, TemplateError) as error:
        shutil.rmtree(staging, ignore_errors=True)
        print(
            f"Could not build the guide ({error}); the previous guide is unchanged.",
            file=sys.stderr,
        )
        return 1
    languages = (
        {lang: translation_of(docs, lang) for lang in project.languages()} if translate else {}
    )
    outcome.changed = swap(staging, docs, screenshots, drift, languages)
    outcome.review = portal_changes.review_line(drift)
    shutil.rmtree(staging, ignore_errors=True)
    if translate and docs.resolve() == project.pages.resolve():  # the project's own guide
        pot = project.locale / "guide.pot"
        before = pot.read_bytes() if pot.exists() else None
        if before is None or (
            before != outcome.pot and not (outcome.kept and same(before, outcome.pot))
        ):
            write(pot, outcome.pot)
            outcome.changed += 1
    return report(outcome, fail_on_drift, strict_translations, fail_on_change)
