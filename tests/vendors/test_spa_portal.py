"""A single-page portal a resident can use passes, and its defects fail, named for a resident.

`tests/vendors/spa_portal.py`: screens drawn in the browser after a spinner, History routes,
HTTP 200 for every address, two-step sign-in, a cookie banner, a "Profile" icon menu, cards,
toasts, and "remove" confirmed in a modal dialog, an alert dialog, the browser's confirm() or a
page. Its bill's numbers are its own, so the malformed numbers the scenarios type are made from
them.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.support import (
    EXPECTED_TO_FAIL,
    INNER,
    ROOT,
    conformance_run,
    served,
    vendor_config,
)
from tests.vendors.spa_portal import BILL, PASSWORD, Confirm, Defect, Spa, create_app

pytestmark = [pytest.mark.browser, pytest.mark.whole_run]
CONFIG = vendor_config(PASSWORD, user_menu='{ role = "button", name = "Profile" }', bill=BILL)
UNTRACED = ("--conformance-traces=off",)  # the verdicts are what is checked, not the evidence


def verdicts(report: dict[str, Any]) -> dict[str, str]:
    """Each core requirement's title and status."""
    return {r["title"]: r["status"] for r in report["requirements"] if r["core"]}


def test_a_single_page_portal_passes_every_core_requirement(pytester: pytest.Pytester) -> None:
    with served(create_app(Spa())) as url:
        result, report = conformance_run(pytester, url, CONFIG, *UNTRACED)
    failed = {title: status for title, status in verdicts(report).items() if status != "PASS"}
    assert failed == {}, result.stdout.str()[-4000:]
    assert report["conforms"] is True
    titles = "\n".join(verdicts(report))
    assert "account number: “55932” (the account number one digit short)" in titles
    assert "“005593213” (an account number in the old 9-digit form)" in titles


@pytest.mark.parametrize(
    ("defect", "confirm", "selected", "failing"),
    [
        ("short_number", "alertdialog", "48120-", "“55932” (the account number one digit short)"),
        ("cut_old_number", "browser", "004812073", "“005593213” (an account number in the old 9-"),
        ("wrong_pair", "page", "match_no_account", "Numbers that match no account"),
        ("shows_others", "dialog", "another_resident", "Another resident's account page is not"),
    ],
)
def test_a_defect_its_own_numbers_reveal_fails_and_removing_is_confirmed_as_asked(
    pytester: pytest.Pytester, defect: Defect, confirm: Confirm, selected: str, failing: str
) -> None:
    """Each defect fails its requirement, named; "remove" passes however the portal asks."""
    portal = create_app(Spa(confirm=confirm, defect=defect))
    with served(portal) as url:
        result, report = conformance_run(
            pytester, url, CONFIG, "-k", f"{selected} or remove", *UNTRACED, EXPECTED_TO_FAIL
        )
    said = verdicts(report)
    failed = [title for title, status in said.items() if status == "FAIL"]
    assert len(failed) == 1, result.stdout.str()[-3000:]
    assert failing in failed[0]
    assert said["Remove a linked account"] == "PASS", result.stdout.str()[-3000:]
    assert report["conforms"] is False


def test_the_portal_check_says_in_sentences_what_it_found(pytester: pytest.Pytester) -> None:
    """A minute's look before the first whole run; a missing element is named with its key."""
    wrong_menu = CONFIG.replace('name = "Profile"', 'name = "Account menu"')
    with served(create_app(Spa())) as url:
        ready = checked(pytester, url, CONFIG)
        missing = checked(pytester, url, wrong_menu)
    ready.assert_outcomes(passed=1)
    said = ready.stdout.str()
    assert said.count("  ok   ") == 7
    assert "Ready for a whole run" in said
    missing.assert_outcomes(failed=1)
    said = missing.stdout.str()
    assert "NO   The user menu icon at the top right was not found: add `user_menu = …`" in said
    assert "3 later checks were not made" in said


def checked(pytester: pytest.Pytester, url: str, config: str) -> pytest.RunResult:
    """The portal check against a portal with this config."""
    path = pytester.path / "portal.toml"
    path.write_text(config)
    return pytester.runpytest_subprocess(
        str(ROOT / "steps"), f"--rootdir={ROOT}", "-c", str(ROOT / "pyproject.toml"), *INNER,
        "--portal-check", f"--base-url={url}", f"--portal-config={path}",
    )  # fmt: skip
