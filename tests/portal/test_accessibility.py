"""The reference portal has no serious or critical accessibility violation (axe-core)."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from driftless.model.conformance import BLOCKING
from steps.reference_portal import LivePortal
from tests.support import PASSWORD

pytestmark = pytest.mark.browser


def problems(page: Page) -> list[str]:
    """The page's serious and critical violations, one line each."""
    found = Axe().run(page).response["violations"]
    return [
        f"{page.url}: {v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} elements]"
        for v in found
        if v["impact"] in BLOCKING
    ]


def problems_at(page: Page, live_portal: LivePortal, paths: tuple[str, ...]) -> list[str]:
    """The blocking violations of each page, opened one after another."""
    found = []
    for path in paths:
        page.goto(live_portal.url + path)
        found += problems(page)
    return found


def test_public_pages(page: Page, live_portal: LivePortal) -> None:
    paths = (
        "/",
        "/citizens/",
        "/citizens/self-service",
        "/identity/signin",
        "/identity/register",
        "/citizens/no-such-page",
    )
    found = problems_at(page, live_portal, paths)
    page.goto(live_portal.url + "/identity/signin")
    page.get_by_role("button", name="Sign in").click()  # empty form: errors shown
    found += problems(page)
    assert found == []


def test_signed_in_pages(page: Page, live_portal: LivePortal) -> None:
    page.goto(live_portal.url + "/identity/signin")
    page.get_by_label("Email").fill("sam.okafor@example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    found = problems(page)
    page.get_by_role("button", name="User menu").click()
    found += problems(page)
    page.keyboard.press("Escape")
    paths = (
        "/citizens/utility-billing/",
        "/citizens/utility-billing/accounts/204815",
        "/citizens/utility-billing/accounts/204815/remove",
        "/citizens/general-billing/",
        "/citizens/general-billing/link",
        "/citizens/utility-billing/link",
    )
    found += problems_at(page, live_portal, paths)
    page.get_by_role("button", name="Submit").click()  # link errors shown
    found += problems(page)
    assert found == []
