"""Publish a recorded run as the guide: pages, annotated screenshots, sidecars and drift.

    python -m driftless publish --run build/guide-run [--fail-on-drift 0.01]

Everything is built in a staging folder first and swapped in at the end, so a failed or
interrupted run leaves the previous guide as it was. A page whose scenario failed is kept from
the last good run, and the run says so.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path

from jinja2 import TemplateError

from driftless.model.handout import Handout
from driftless.model.project import Project, translation_of
from driftless.model.record import TROUBLESHOOTING, ScenarioRecord, load, slug
from driftless.publish import language_sites as language_files
from driftless.publish import portal_changes
from driftless.publish.accessibility_check import RECORD, record_of
from driftless.publish.language_sites import site_words
from driftless.publish.portal_changes import ARIA
from driftless.render.annotate import STYLE, annotate, compare, crop
from driftless.render.catalogues import ENGLISH, Words, same, template
from driftless.render.catalogues import load as load_catalog
from driftless.render.guide_pages import build
from driftless.render.guide_pictures import Guide, Picture
from driftless.render.handwritten import translated
from driftless.render.review import ScreenChange
from driftless.render.statement_page import PAGE, statement_page

REFERENCE = "reference portal"  # how sidecars name the portal of a reference run
CONTENTS = "contents.snippet"  # the list of pages, which the home pages include


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


def sidecar(picture: Picture, portal: str) -> bytes:
    """The metadata beside a screenshot: enough to check or redraw its marks without a browser."""
    capture = picture.capture
    data = {
        "scenario": picture.scenario,
        "step": picture.step,
        "number": picture.number,
        "handout": picture.handout,
        "screen": capture.screen,
        "viewport": {"width": capture.width, "height": capture.height},
        "portal": portal,
        "path": capture.path,
        "marks": [asdict(mark) for mark in capture.marks],
        "badge": asdict(badge) if (badge := picture.badge) else None,
        "print": asdict(picture.paper) if picture.printed else None,  # the printed guide's crop
        "style": STYLE.digest(),  # which drawing of the marks the picture has
    }
    return (json.dumps(data, indent=2, sort_keys=True) + "\n").encode()


class UnmarkedPicture(ValueError):
    """A guide picture would point out nothing, or something not in it."""


def check_marked(pictures: list[Picture]) -> None:
    """Every guide picture marks something, wholly inside it; raise naming the steps if not."""
    problems = []
    for picture in pictures:
        capture, where = picture.capture, f"{picture.target} ({picture.scenario})"
        if not capture.marks:
            problems.append(
                f'{where}: the step "{picture.step}" marks nothing. Have it act on or check '
                "(with driftless.capture.actions.expect) what the resident should look at."
            )
        elif outside := capture.outside():
            names = ", ".join(f"{m.role} \u201c{m.name}\u201d".strip() for m in outside)
            problems.append(
                f'{where}: the step "{picture.step}" marks {names} outside the picture.'
            )
    if problems:
        raise UnmarkedPicture("\n  - ".join(["pictures a resident cannot follow:", *problems]))


def _page_of(record: ScenarioRecord) -> str:
    return TROUBLESHOOTING if TROUBLESHOOTING in record.tags else slug(record.name)


def plan(
    records: list[ScenarioRecord],
    handout: Handout,
    templates: Path,
    pdfs: dict[str, str],
    words: Words | None = None,
    site: str = "",
) -> tuple[Guide, set[str]]:
    """The guide as the features say it, and the pages to keep as last published.

    Every scenario's record counts, a failed one's too: its words are the feature's, so the
    contents, the other pages' links and sections and the sentences to translate are what the
    whole guide says. Only its pictures are missing: its page, and any page that would show
    them (or would differ without it), are kept as they were.
    """
    whole = build(records, handout, templates, pdfs, words, site)
    passed = [record for record in records if record.status == "passed"]
    if len(passed) == len(records):
        return whole, set()
    again = Words(words.language, words.catalog) if words else None
    without = build(passed, handout, templates, pdfs, again, site)
    failed = {f"{_page_of(r)}.md" for r in records if r.status != "passed"}
    differ = {name for name, text in whole.pages.items() if without.pages.get(name) != text}
    return whole, (failed | differ) - {CONTENTS}


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _keep(live: Path, staged: Path, pages: set[str]) -> bool:
    """Copy the kept pages' last published versions; whether one was never published."""
    unpublished = False
    for name in sorted(pages):
        if (live / name).exists():
            _write(staged / name, (live / name).read_bytes())
        else:
            unpublished = True
    return unpublished


def _contents(live: Path, staged: Path, made: str | None) -> None:
    """The list of pages as made, or as last published (`made` None), or none if never."""
    if made is not None:
        _write(staged / CONTENTS, made.encode())
    elif (live / CONTENTS).exists():
        _write(staged / CONTENTS, (live / CONTENTS).read_bytes())


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
    pdfs = {path.stem: path.name for path in docs.glob("*.pdf")}
    own = docs.resolve() == project.pages.resolve()  # the project's guide, which has a statement
    site = language_files.site_url(project) if own else ""  # another portal's: not published
    guide, kept = plan(records, handout, project.templates, pdfs, site=site)
    if own:
        guide.pages[PAGE] = statement_page(
            record_of(project), handout, project.templates, guide.words
        )
    folders = {name.removesuffix(".md") for name in kept}
    pictures = [p for p in guide.pictures if p.target.split("/")[0] not in folders]
    check_marked(pictures)
    outcome = Outcome()
    for name, text in guide.pages.items():
        if name not in kept and name != CONTENTS:
            _write(staging / "docs" / name, text.encode())
            outcome.written.append(name)
    unpublished = _keep(docs, staging / "docs", kept)  # not to be listed before it is
    _contents(docs, staging / "docs", None if unpublished else guide.pages[CONTENTS])
    outcome.written += [] if unpublished else [CONTENTS]
    outcome.kept = sorted(name for name in kept if (docs / name).exists())
    for made_elsewhere in [  # printed by the site's build, and its accessibility check's record
        *docs.glob("*.pdf"),
        *([docs / RECORD] if own and (docs / RECORD).exists() else []),
    ]:
        _write(staging / "docs" / made_elsewhere.name, made_elsewhere.read_bytes())
    for folder in sorted(folders):
        if (shots / folder).is_dir():
            shutil.copytree(shots / folder, staging / "screenshots" / folder)
    for picture in pictures:
        raw = (run / picture.capture.image).read_bytes()
        target = staging / "screenshots" / picture.target
        about = sidecar(picture, portal)
        published = shots / picture.target
        before = _read(published.with_suffix(".raw.png"))
        same = _unchanged(published, before, raw, about)
        capture = picture.capture
        annotated = (
            published.read_bytes()
            if same
            else annotate(raw, capture.marks, picture.badge, picture.number)
        )
        _write(target, annotated)
        if picture.printed:
            printed = shots / picture.printed
            cut = printed.read_bytes() if same and printed.exists() else None
            _write(staging / "screenshots" / picture.printed, cut or crop(annotated, picture.paper))
        _write(target.with_suffix(".raw.png"), raw)
        _write(target.with_suffix(".json"), about)
        if capture.aria:  # the screen in words, beside its picture: see driftless.model.aria_tree
            _write(target.with_suffix(ARIA), capture.aria.encode())
        _measure(before, raw, picture.target, staging, outcome)
    new = {
        str(p.relative_to(staging / "screenshots"))
        for p in (staging / "screenshots").rglob("*.raw.png")
    }
    old = {str(p.relative_to(shots)) for p in shots.rglob("*.raw.png")} if shots.is_dir() else set()
    outcome.removed = sorted(old - new)
    outcome.changes = portal_changes.screen_changes(
        guide, records, folders, run, shots, staging / "drift", outcome.drift
    )
    _hear_site_words(project, guide.words)
    # The project's own hand-written pages (its home page), for the project's own guide only.
    handwritten = language_files.handwritten(project) if translate and own else {}
    for name, text in handwritten.items():  # heard in English, for the catalogue
        guide.words.page = name
        translated(text, f"docs/{name}", guide.words, ENGLISH)
    outcome.pot = template(guide.words.heard)
    for language, po in sorted(project.languages().items()) if translate else ():
        _stage_language(project, docs, language, po, records, handout, staging, outcome)
        _stage_handwritten(docs, language, po, handwritten, staging, outcome)
    return outcome


def _stage_handwritten(
    docs: Path,
    language: str,
    po: Path,
    handwritten: dict[str, str],
    staging: Path,
    outcome: Outcome,
) -> None:
    """A translation's hand-written pages (its home page): missing a sentence, the last good."""
    live = translation_of(docs, language).parent
    words = Words(language, load_catalog(po, language))
    for name, text in handwritten.items():
        words.page = name
        made = translated(text, f"docs/{name}", words, language)
        if missing := list(words.missing_on.get(name, {})):
            outcome.untranslated.setdefault(language, {})[f"../{name}"] = missing
        elif not (live / name).exists() or (live / name).read_text("utf-8") != made:
            _write(staging / "handwritten" / language / name, made.encode())


def _hear_site_words(project: Project, words: Words) -> list[str]:
    """Say the site's name and description (mkdocs.yml) in `words`; those it lacks."""
    words.page = "mkdocs.yml"
    for text in site_words(project):
        words(text, "mkdocs.yml")
    return list(words.missing_on.get("mkdocs.yml", {}))


def _stage_language(
    project: Project,
    docs: Path,
    language: str,
    po: Path,
    records: list[ScenarioRecord],
    handout: Handout,
    staging: Path,
    outcome: Outcome,
) -> None:
    """A translation's pages: a page missing a sentence keeps its last good translation."""
    live, staged = translation_of(docs, language), staging / "languages" / language
    pdfs = {path.stem: path.name for path in live.glob("*.pdf")}
    words = Words(language, load_catalog(po, language))
    site = language_files.site_url(project, language)
    translated, kept = plan(records, handout, project.templates, pdfs, words, site)
    if docs.resolve() == project.pages.resolve():  # the project's own guide has a statement
        translated.pages[PAGE] = statement_page(
            record_of(project), handout, project.templates, words
        )
    if missing := _hear_site_words(project, words):
        outcome.untranslated.setdefault(language, {})["mkdocs.yml"] = missing
    for name, text in translated.pages.items():
        missing = list(words.missing_on.get(name, {}))
        if name in kept or name == CONTENTS:
            continue
        if missing:
            outcome.untranslated.setdefault(language, {})[name] = missing
            before = (live / name).read_bytes() if (live / name).exists() else None
            if before is not None and _pictures_exist(before, staging / "screenshots"):
                _write(staged / name, before)
            elif before is not None:  # its pictures are gone: no page until it is translated
                outcome.withdrawn.append(f"{language}/{name}")
        else:
            _write(staged / name, text.encode())
    unpublished = _keep(live, staged, kept)
    if missing := list(words.missing_on.get(CONTENTS, {})):
        outcome.untranslated.setdefault(language, {})[CONTENTS] = missing
    _contents(live, staged, None if unpublished or missing else translated.pages[CONTENTS])
    for pdf in live.glob("*.pdf"):
        _write(staged / pdf.name, pdf.read_bytes())


PICTURE_LINK = re.compile(rb"\]\(\.\./screenshots/([^)\s]+)")


def _pictures_exist(page: bytes, pictures: Path) -> bool:
    """Whether every picture a page shows is among the guide's pictures now."""
    return all((pictures / name.decode()).exists() for name in PICTURE_LINK.findall(page))


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


def _unchanged(published: Path, before: bytes | None, raw: bytes, about: bytes) -> bool:
    """Whether the published picture is already this one, so it need not be drawn or cut again.

    The same screenshot, and the same marks, badge, print crop and drawing style (its sidecar).
    """
    return before == raw and published.exists() and _read(published.with_suffix(".json")) == about


def _measure(old: bytes | None, raw: bytes, name: str, staging: Path, outcome: Outcome) -> None:
    if old is None:
        outcome.added.append(name)
        return
    if old == raw:
        return
    share, sheet = compare(old, raw)
    outcome.drift[name] = share
    _write(staging / "drift" / name, sheet)


def swap(
    staging: Path, docs: Path, shots: Path, drift: Path, languages: dict[str, Path] | None = None
) -> int:
    """Put the staged guide in place: changed and new files replaced, stale ones removed.

    Files whose bytes are the same are not touched, so a run on an unchanged portal leaves
    every file as it was (and the site build can tell that nothing changed). Returns how many
    guide files (pages and pictures) were written or removed.
    """
    sync(staging / "drift", drift)
    changed = sync(staging / "docs", docs) + sync(staging / "screenshots", shots)
    for language, pages in (languages or {}).items():
        changed += sync(staging / "languages" / language, pages)
        made = staging / "handwritten" / language
        for path in sorted(made.rglob("*")) if made.is_dir() else ():
            target = pages.parent / path.relative_to(made)  # beside its generated/ folder
            target.parent.mkdir(parents=True, exist_ok=True)
            path.replace(target)
            changed += 1
    return changed


def sync(built: Path, live: Path) -> int:
    """Make the folder `live` hold what `built` holds, writing only what differs.

    Returns the number of files written or removed.
    """
    wanted = (
        {p.relative_to(built) for p in built.rglob("*") if p.is_file()} if built.exists() else set()
    )
    changed = 0
    for name in sorted(wanted):
        source, target = built / name, live / name
        if target.is_file() and target.read_bytes() == source.read_bytes():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        source.replace(target)  # same file system: each file changes in one step
        changed += 1
    if not live.exists():
        return changed
    for path in sorted(live.rglob("*"), reverse=True):  # files before their folders
        if path.is_file() and path.relative_to(live) not in wanted:
            path.unlink()
            changed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return changed


def report(
    outcome: Outcome,
    threshold: float | None,
    strict_translations: bool = False,
    fail_on_change: str | None = None,
) -> int:
    """Print what changed; 1 if a gate failed (drift, a kind of change, strict translations).

    `fail_on_change` is a kind of change (`portal_changes.GATES`): it, or a weightier one, fails.
    """
    print(f"Guide: {len(outcome.written)} pages; {outcome.changed} files written or removed.")
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
        print(f"Drift above {threshold:.2%} in {len(over)} screenshots: failing as asked.")
        return 1
    if changed := portal_changes.over_gate(outcome.changes, fail_on_change):
        print(
            f"The portal changed ({fail_on_change} or weightier) in {len(changed)} screenshots "
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
            f"Translation ({language}): {len(sentences)} "
            f"{'sentence needs' if len(sentences) == 1 else 'sentences need'} translating in "
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
            _write(pot, outcome.pot)
            outcome.changed += 1
    return report(outcome, fail_on_drift, strict_translations, fail_on_change)
