"""Accessibility: axe-core (from the axe-playwright-python package) on every page visited.

Each finding keeps what a developer needs to fix it: axe's rule, its impact, the WCAG success
criteria it tests (from the rule's tags), the rule's help page and the elements it found. axe's
"incomplete" results, which it could not decide alone, are kept apart as needing review.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from driftless.capture.patience import wait_until_idle

FINDINGS = "driftless_accessibility"  # the name findings travel under in test reports
MAX_TARGETS = 5  # elements named per rule; the count says how many there were
IDLE_LIMIT_MS = 5_000  # the longest an audit waits for a page still drawing
CRITERION = re.compile(r"^wcag(\d)(\d)(\d+)$")  # axe's tag for a success criterion: wcag143


def criteria(tags: list[str]) -> list[str]:
    """The WCAG success criteria among an axe rule's tags, as "1.4.3"."""
    found = (CRITERION.match(tag) for tag in tags)
    return [".".join(match.groups()) for match in found if match]


def finding(result: dict[str, Any]) -> dict[str, Any]:
    """One axe result (a rule and the elements it found), as the report keeps it."""
    targets = [" ".join(map(str, node["target"])) for node in result["nodes"]]
    return {
        "id": result["id"],
        "impact": result["impact"] or "minor",
        "help": result["help"],
        "help_url": result.get("helpUrl", ""),
        "wcag": criteria(result.get("tags", [])),
        "elements": len(result["nodes"]),
        "targets": targets[:MAX_TARGETS],
    }


# What the guide is held to: WCAG 2.1 A and AA, and the 2.0 and 2.2 rules at those levels.
WCAG_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")


def wcag_check(page: Page) -> dict[str, Any]:
    """axe-core's WCAG A and AA rules on the page as it is: violations, doubts, axe's version."""
    options = {"runOnly": {"type": "tag", "values": list(WCAG_AA)}}
    response = Axe().run(page, options=options).response
    return {
        "violations": [finding(result) for result in response["violations"]],
        "needs_review": [finding(result) for result in response["incomplete"] if result["nodes"]],
        "axe": str(response["testEngine"]["version"]),
    }


def audit(page: Page, audited: set[str]) -> dict[str, Any] | None:
    """Run axe-core on a page not audited yet in this run: its path, violations and doubts.

    Once the page is idle: a single-page portal still drawing after a spinner has no heading yet.
    """
    wait_until_idle(page, IDLE_LIMIT_MS)
    path = urlsplit(page.url).path
    title = page.title()
    key = f"{path} {title}"  # the same address can show different pages (an error, a form)
    if key in audited:
        return None
    audited.add(key)
    try:
        response = Axe().run(page).response
    except PlaywrightError:
        return None  # the page went away mid-audit; the next visit audits it
    return {
        "page": f"{path} ({title})",
        "violations": [finding(v) for v in response["violations"]],
        "needs_review": [finding(v) for v in response.get("incomplete", []) if v["nodes"]],
    }
