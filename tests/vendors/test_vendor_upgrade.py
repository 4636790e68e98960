"""The reference portal upgraded as a vendor upgrades it, seen by the recorder in a real Chromium.

The portal is served as it is; the upgrade is made to its pages and stylesheet on their way to
the browser (Playwright's routing): "Submit" becomes "Send", a box is added to the Account Link
Setup page, "link to account" moves out of the Utility Billing Accounts section, and the
header's colour changes. Three guide steps are recorded before and after the upgrade and
published; the run tells each change in words, names the sentences to check, and tells the new
colour apart, on the one screen where nothing else changed, as a change to the eye only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Locator, Page, Route

from driftless.capture.recorder import Recorder
from driftless.model.project import Project
from driftless.publish import guide_update as publish
from reference_app.demo import DEMO_PASSWORD
from steps.reference_portal import GUIDE_TIME, LivePortal, start_portal
from tests.support import JORDAN, ROOT

pytestmark = pytest.mark.browser
FEATURE = """Feature: Linking
  @guide
  Scenario: Link your utility account
    When I select "link to account" across from "Utility Billing Accounts"
    When I select "Submit"
    When I select "Log Out" from the user menu
"""
STEPS = (
    'I select "link to account" across from "Utility Billing Accounts"',
    'I select "Submit"',
    'I select "Log Out" from the user menu',
)  # as FEATURE says them, lines 4 to 6
LINK = '<a href="/citizens/utility-billing/link">link to account</a>'
# The vendor's upgrade, page by page: (what is replaced, by what). Each must be found.
UPGRADE = {
    ".css": [("--navy: #0b3a5d;", "--navy: #5b2a86;")],  # the header's colour
    "/citizens/utility-billing/link": [
        (">Submit</button>", ">Send</button>"),
        (
            '<div class="actions">',
            '<div class="field"><label for="service_address">What is the service address?'
            '</label><input id="service_address" name="service_address"></div>'
            '<div class="actions">',
        ),
    ],
    "/citizens/account/settings": [
        (LINK, ""),  # out of the Utility Billing Accounts section, to under Linked Accounts
        (
            '<h2 id="linked-accounts">Linked Accounts</h2>',
            f'<h2 id="linked-accounts">Linked Accounts</h2><p>{LINK}</p>',
        ),
    ],
}


def upgrading(made: set[str]) -> Callable[[Route], None]:
    """The upgrade made to each page and the stylesheet as the browser gets them."""

    def upgraded(route: Route) -> None:
        response = route.fetch()
        if not response.headers.get("content-type", "").startswith(("text/html", "text/css")):
            route.fulfill(response=response)  # a font or a picture: as it is
            return
        body, path = response.text(), urlsplit(route.request.url).path
        for page, replacements in UPGRADE.items():
            for old, new in replacements if path.endswith(page) else ():
                if old in body:  # checked by the test: an error here would hang the page
                    body = body.replace(old, new, 1)
                    made.add(old)
        route.fulfill(response=response, body=body)

    return upgraded


@pytest.fixture
def portal(tmp_path: Path) -> Iterator[LivePortal]:
    """The reference portal with its demo data and the guide's frozen clock."""
    served = start_portal(tmp_path / "portal", FROZEN_TIME=GUIDE_TIME)
    yield served
    served.stop()


def record(page: Page, portal: LivePortal, run: Path, feature: Path) -> None:
    """The three steps, each pictured with what it would act on marked."""
    recorder = Recorder(run)
    lines = [4, 5, 6]  # the steps' lines in FEATURE
    steps: list[tuple[str, str, int, str | None, bool]] = [
        ("when", text, line, None, False) for text, line in zip(STEPS, lines, strict=True)
    ]
    name = "Link your utility account"
    recorder.start(feature, "Linking", name, "", {"guide"}, "desktop", {}, steps)
    page.goto(portal.url + "/citizens/account/settings")
    picture(recorder, page, lines[0], page.get_by_role("heading", name="Utility Billing Accounts"))
    page.goto(portal.url + "/citizens/utility-billing/link")
    picture(recorder, page, lines[1], page.get_by_role("button", name=re.compile("Submit|Send")))
    page.goto(portal.url + "/citizens/utility-billing/")  # a page the upgrade did not change
    page.get_by_role("button", name="User menu").click()
    picture(recorder, page, lines[2], page.get_by_role("menuitem", name="Log Out"))
    page.keyboard.press("Escape")
    assert recorder.finish(passed=True) is not None


def picture(recorder: Recorder, page: Page, line: int, marked: Locator) -> None:
    recorder.begin_step(line)
    recorder.noticed(marked)
    recorder.end_step(page, passed=True)


def test_a_vendors_upgrade_is_told_in_words(
    page: Page, portal: LivePortal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feature = tmp_path / "linking.feature"
    feature.write_text(FEATURE)
    page.goto(portal.url + "/identity/signin")
    page.get_by_label("Email").fill(JORDAN)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/account/settings")
    record(page, portal, tmp_path / "before", feature)
    made: set[str] = set()
    page.route(portal.url + "/**", upgrading(made))
    record(page, portal, tmp_path / "after", feature)
    assert made == {old for replacements in UPGRADE.values() for old, _ in replacements}

    guide = tmp_path / "guide"
    assert publish.publish_into(Project.find(ROOT), tmp_path / "before", guide) == 0
    capsys.readouterr()
    assert publish.publish_into(Project.find(ROOT), tmp_path / "after", guide) == 0
    out = capsys.readouterr().out
    words = [line.strip() for line in out.splitlines() if line.startswith("    ")]
    assert words == [
        "structure: the “link to account” link moved from the “Utility Billing Accounts” "
        "section to the “Linked Accounts” section",
        "check: step 1 of “Link your utility account” says ‘Select “link to account” across "
        "from “Utility Billing Accounts”’, but “link to account” is now in the “Linked Accounts” "
        "section (features/linking.feature:4)",
        "structure: a new “What is the service address?” box in the main content, after "
        "“What is the Customer ID?”",
        "structure: the “Submit” button is now called “Send”",
        "check: step 2 of “Link your utility account” says ‘Select “Submit”’, but the page has no "
        "“Submit” button any more; it has “Send” (features/linking.feature:5)",
        "to the eye only: the same words, controls and sections: a colour, a font or spacing "
        "changed",
    ]
    assert "changed: link-your-utility-account/03-desktop.png" in out  # the menu: its colour
    review = (guide / "drift" / "review.md").read_text()
    assert "- [ ] step 2 of “Link your utility account” says ‘Select “Submit”’, but" in review
