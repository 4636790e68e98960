"""The guide's accessibility statement, from the record of its last check.

Pure: the check's record (accessibility.json: what was checked, with which tools, what was
found, and since when), the handout and the template in; the page's Markdown out.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from babel.dates import format_date

from driftless.model.handout import Handout
from driftless.render.catalogues import ENGLISH, Words
from driftless.render.guide_pages import environment

PAGE = "accessibility.md"
TEMPLATE = "accessibility.md.j2"


def statement_page(
    check: dict[str, Any] | None, handout: Handout, templates: Path, words: Words
) -> str:
    """The statement in `words`' language; without a check yet, it says the guide is unchecked.

    Every sentence it may say is heard, whatever the check found, so that the catalogue has
    a sentence before a check needs it.
    """
    template = environment(templates, words).get_template(TEMPLATE)
    example = {"since": "2000-01-01", "violations": 0, "pdf_findings": 0, "views": 0}
    example |= {"axe": "", "chromium": "", "pdfua": ""}
    with words.on(PAGE):
        for state in (None, example, {**example, "violations": 1}):  # each branch's sentences
            template.render(check=_facts(state, words), handout=handout)
        return template.render(check=_facts(check, words), handout=handout)


def _facts(check: dict[str, Any] | None, words: Words) -> dict[str, Any] | None:
    """The check's record as the page says it: its date in the page's language, and a verdict."""
    if not check:
        return None
    since = date.fromisoformat(check["since"])
    return {
        **check,
        "date": format_date(since, format="long", locale=words.language or ENGLISH),
        "met": check["violations"] == 0 and check["pdf_findings"] == 0,
    }
