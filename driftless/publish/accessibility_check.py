"""The guide's accessibility check, and its statement kept true to the check's last results.

After the site is built and printed, `check` opens every built page in Chromium at a
computer's and a phone's width and runs axe-core's WCAG A and AA rules, and runs the pdfua
checker on the printed guides. The results, with the tools' versions, are the record
docs/generated/accessibility.json; the statement (docs/generated/accessibility.md and each
translation's) is rendered from it. The record's date is when its results last changed, so a
run that finds what the last one found writes nothing, and the date says since when the
results stand.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import metadata
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from playwright.sync_api import sync_playwright

from driftless.capture.accessibility import wcag_check
from driftless.capture.browser import launch_options, launched_again_if_it_ended, resolve
from driftless.model.handout import Handout
from driftless.model.project import Project
from driftless.render.catalogues import Words, load
from driftless.render.statement_page import PAGE, statement_page

RECORD = "accessibility.json"
WIDTHS = (1280, 390)  # a computer's screen and a phone's, as the guide's pictures
CITY_TIME = ZoneInfo("America/Chicago")  # the date is Tulsa's


class _Quiet(SimpleHTTPRequestHandler):
    """Serves the built site without a line for each request."""

    def log_message(self, format: str, *args: object) -> None:
        """Say nothing."""


@contextmanager
def _served(folder: Path) -> Iterator[str]:
    """The built site over HTTP on loopback, as a reader's browser gets it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def built_pages(site: Path) -> list[str]:
    """Every page of the built site (each language's), as paths under its address."""
    pages = [p.parent.relative_to(site).as_posix() for p in site.rglob("index.html")]
    return sorted(f"{page}/" if page != "." else "" for page in pages)


def _axe(site: Path) -> dict[str, Any]:
    """axe-core on every built page at each width: what it found, and what it could not decide."""
    found: dict[str, Any] = {"views": 0, "violations": 0, "needs_review": []}
    with _served(site) as address, sync_playwright() as playwright:
        browser = launched_again_if_it_ended(
            playwright.chromium.launch, **launch_options(resolve(running=playwright))
        )
        try:
            found["chromium"] = browser.version.split(".")[0]
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 844})
                for path in built_pages(site):
                    page.goto(address + path)
                    result = wcag_check(page)
                    found["axe"] = result["axe"]
                    found["views"] += 1
                    found["violations"] += sum(v["elements"] for v in result["violations"])
                    found["needs_review"] += [
                        {"page": f"/{path}", "width": width, "rule": doubt["id"],
                         "elements": doubt["targets"]}
                        for doubt in result["needs_review"]
                    ]  # fmt: skip
                page.close()
        finally:
            browser.close()
    return found


def _pdfua(pdfs: list[Path]) -> dict[str, Any]:
    """The pdfua checker on the printed guides: how many findings, errors and warnings alike."""
    from pdfua import validate  # only when the site is built

    findings = sum(len(validate(str(pdf)).findings) for pdf in pdfs)
    return {"pdfua": metadata.version("pdfua"), "pdf_findings": findings}


def record_of(project: Project) -> dict[str, Any] | None:
    """The last check's record, if there is one."""
    path = project.pages / RECORD
    return json.loads(path.read_text("utf-8")) if path.exists() else None


def statements(project: Project, check: dict[str, Any] | None) -> dict[Path, str]:
    """The statement in English and each language whose catalogue has all its sentences."""
    handout = Handout.load(project.handout)
    pages = {project.pages / PAGE: statement_page(check, handout, project.templates, Words())}
    for language, po in sorted(project.languages().items()):
        words = Words(language, load(po, language))
        text = statement_page(check, handout, project.templates, words)
        if not words.missing:  # else its last translated statement stays, as a guide page's
            pages[project.pages_in(language) / PAGE] = text
    return pages


def check(project: Project, pdfs: list[Path]) -> bool:
    """Check the built site and the PDFs; rewrite the record and statements if a result changed.

    True when they changed (the site must be built again to show it).
    """
    results = {**_axe(project.site), **_pdfua(pdfs)}
    last = record_of(project)
    if last is not None and {k: v for k, v in last.items() if k != "since"} == results:
        return False
    results["since"] = datetime.now(CITY_TIME).date().isoformat()
    record = json.dumps(dict(sorted(results.items())), indent=2, ensure_ascii=False) + "\n"
    (project.pages / RECORD).write_text(record, "utf-8")
    for path, text in statements(project, results).items():
        if not path.exists() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
    print(
        f"Accessibility: {results['violations']} axe-core violations in {results['views']} page "
        f"views, {results['pdf_findings']} pdfua findings, {len(results['needs_review'])} "
        f"results for a person to review (docs/generated/{RECORD})."
    )
    return True
