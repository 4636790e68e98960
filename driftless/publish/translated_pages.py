"""The guide's pages in each translation, staged beside the English ones.

A page that lacks a sentence in a language keeps its last good translation (or is withdrawn if
the pictures it shows are gone), and the sentence is named for the translator; the site's
name and description (mkdocs.yml) and the hand-written home page are translated too.
"""

from __future__ import annotations

import re
from pathlib import Path

from driftless.model.handout import Handout
from driftless.model.project import Project, translation_of
from driftless.model.record import ScenarioRecord
from driftless.publish import language_sites as language_files
from driftless.publish.accessibility_check import record_of
from driftless.publish.guide_plan import keep_pages, plan, stage_contents
from driftless.publish.language_sites import site_words
from driftless.publish.outcome import Outcome
from driftless.publish.staged_files import write
from driftless.render.catalogues import Words
from driftless.render.catalogues import load as load_catalog
from driftless.render.guide_pages import CONTENTS
from driftless.render.handwritten import translated
from driftless.render.statement_page import PAGE, statement_page


def stage_handwritten(
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
        with words.on(name):
            made = translated(text, f"docs/{name}", words, language)
        if missing := list(words.missing_on.get(name, {})):
            outcome.untranslated.setdefault(language, {})[f"../{name}"] = missing
        elif not (live / name).exists() or (live / name).read_text("utf-8") != made:
            write(staging / "handwritten" / language / name, made.encode())


def hear_site_words(project: Project, words: Words) -> list[str]:
    """Say the site's name and description (mkdocs.yml) in `words`; those it lacks."""
    with words.on("mkdocs.yml"):
        for text in site_words(project):
            words(text, "mkdocs.yml")
    return list(words.missing_on.get("mkdocs.yml", {}))


def stage_language(
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
    words = Words(language, load_catalog(po, language))
    site = language_files.site_url(project, language)
    own = docs.resolve() == project.pages.resolve()  # the project's guide: printed, has a statement
    translated, kept = plan(records, handout, project.templates, own, words, site)
    if own:
        translated.pages[PAGE] = statement_page(
            record_of(project), handout, project.templates, words
        )
    if missing := hear_site_words(project, words):
        outcome.untranslated.setdefault(language, {})["mkdocs.yml"] = missing
    for name, text in translated.pages.items():
        missing = list(words.missing_on.get(name, {}))
        if name in kept or name == CONTENTS:
            continue
        if missing:
            outcome.untranslated.setdefault(language, {})[name] = missing
            before = (live / name).read_bytes() if (live / name).exists() else None
            if before is not None and _pictures_exist(before, staging / "screenshots"):
                write(staged / name, before)
            elif before is not None:  # its pictures are gone: no page until it is translated
                outcome.withdrawn.append(f"{language}/{name}")
        else:
            write(staged / name, text.encode())
    unpublished = keep_pages(live, staged, kept)
    if missing := list(words.missing_on.get(CONTENTS, {})):
        outcome.untranslated.setdefault(language, {})[CONTENTS] = missing
    stage_contents(live, staged, None if unpublished or missing else translated.pages[CONTENTS])


PICTURE_LINK = re.compile(rb"\]\(\.\./screenshots/([^)\s]+)")


def _pictures_exist(page: bytes, pictures: Path) -> bool:
    """Whether every picture a page shows is among the guide's pictures now."""
    return all((pictures / name.decode()).exists() for name in PICTURE_LINK.findall(page))
