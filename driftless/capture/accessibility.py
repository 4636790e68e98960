"""Accessibility: axe-core (from the axe-playwright-python package) on every page visited."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

FINDINGS = "driftless_accessibility"  # the name findings travel under in test reports


def audit(page: Page, audited: set[str]) -> dict[str, Any] | None:
    """Run axe-core on a page not audited yet in this run: its path and its violations."""
    path = urlsplit(page.url).path
    title = page.title()
    key = f"{path} {title}"  # the same address can show different pages (an error, a form)
    if key in audited:
        return None
    audited.add(key)
    try:
        found = Axe().run(page).response["violations"]
    except PlaywrightError:
        return None  # the page went away mid-audit; the next visit audits it
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"] or "minor",
            "help": v["help"],
            "elements": len(v["nodes"]),
        }
        for v in found
    ]
    return {"page": f"{path} ({title})", "violations": violations}
