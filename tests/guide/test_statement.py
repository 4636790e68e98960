"""The accessibility statement says what the last check found, in each language, and its date
moves only when a result does."""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from driftless.model.handout import Handout
from driftless.model.project import Project
from driftless.publish import accessibility_check
from driftless.render.catalogues import Words, load
from driftless.render.statement_page import statement_page

ROOT = Path(__file__).resolve().parents[2]
HANDOUT = Handout.load(ROOT / "features" / "handout.toml")
TEMPLATES = ROOT / "features" / "templates"
CHECK: dict[str, Any] = {
    "axe": "4.12.1", "chromium": "156", "views": 30, "violations": 0, "needs_review": [],
    "pdfua": "0.1.3", "pdf_findings": 0, "since": "2026-12-05",
}  # fmt: skip


def test_the_statement_says_what_was_checked_when_and_whom_to_call() -> None:
    page = statement_page(CHECK, HANDOUT, TEMPLATES, Words())
    assert "meet the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA" in page
    assert "identify as PDF/UA-1" in page
    assert "axe-core 4.12.1 in Chromium 156" in page
    assert "30 page views, 0 problems found" in page
    assert "pdfua 0.1.3" in page
    assert "Last checked on December 5, 2026." in page
    assert "Customer Care Helpline at 311 or 918-596-2100" in page


def test_a_check_that_found_problems_claims_nothing() -> None:
    page = statement_page({**CHECK, "violations": 3}, HANDOUT, TEMPLATES, Words())
    assert "3 problems found" in page
    assert "meet the Web Content" not in page.replace("made to meet the Web Content", "")
    assert "its last check did not show that it does" in page
    assert "has not been checked yet" in statement_page(None, HANDOUT, TEMPLATES, Words())


def test_the_spanish_statement_is_all_spanish_with_a_spanish_date() -> None:
    po = ROOT / "locale" / "es" / "LC_MESSAGES" / "guide.po"
    words = Words("es", load(po, "es"))
    page = statement_page(CHECK, HANDOUT, TEMPLATES, words)
    assert not words.missing  # every sentence it may say, whatever the check found
    assert "# Accesibilidad" in page
    assert "Última revisión: 5 de diciembre de 2026." in page


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """The project's own sources, with its generated pages in a folder of the test's."""
    pages = tmp_path / "docs" / "generated"
    (tmp_path / "docs" / "es" / "generated").mkdir(parents=True)
    pages.mkdir(parents=True, exist_ok=True)
    shutil.copy(
        ROOT / "docs" / "generated" / accessibility_check.RECORD, pages / accessibility_check.RECORD
    )
    return dataclasses.replace(Project.find(ROOT), pages=pages)


def _found(monkeypatch: pytest.MonkeyPatch, results: dict[str, Any]) -> None:
    """The check finds `results`, without a browser."""
    axe = {k: v for k, v in results.items() if k not in ("pdfua", "pdf_findings", "since")}
    monkeypatch.setattr(accessibility_check, "_axe", lambda site: axe)
    monkeypatch.setattr(
        accessibility_check,
        "_pdfua",
        lambda pdfs: {k: results[k] for k in ("pdfua", "pdf_findings")},
    )


def test_the_same_results_write_nothing_and_keep_the_date(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = project.pages / accessibility_check.RECORD
    before = record.read_bytes()
    _found(monkeypatch, json.loads(before))
    assert accessibility_check.check(project, []) is False
    assert record.read_bytes() == before
    assert not (project.pages / "accessibility.md").exists()  # nothing rewritten


def test_a_changed_result_is_dated_today_and_rewrites_the_statements(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    last = json.loads((project.pages / accessibility_check.RECORD).read_text())
    _found(monkeypatch, {**last, "axe": "9.9.9"})
    assert accessibility_check.check(project, []) is True
    now = json.loads((project.pages / accessibility_check.RECORD).read_text())
    assert now["axe"] == "9.9.9"
    assert now["since"] == datetime.now(accessibility_check.CITY_TIME).date().isoformat()
    assert "axe-core 9.9.9" in (project.pages / "accessibility.md").read_text()
    assert "axe-core 9.9.9" in (project.pages_in("es") / "accessibility.md").read_text()
