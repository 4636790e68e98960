"""Proof of the conformance kit: a differently built portal passes from a config file alone,
and each of its defective versions fails, the report naming the requirement broken."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support import (
    EXPECTED_TO_FAIL,
    conformance_run,
    core_runs,
    run_suite,
    served,
    vendor_config,
)
from tests.vendors.second_portal import PASSWORD, create_app

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.browser, pytest.mark.whole_run]
CONFIG = vendor_config(PASSWORD, user_menu="\"role=button[name='Account menu']\"")
BROKEN_BY = {
    "five_digit_accepted": ("numbers_that_are_not_as_printed", "account number: \u201c48120\u201d"),
    "wrong_pair_linked": ("numbers_that_match_no_account", "Numbers that match no account"),
    "wrong_section_link": ("link_across_from_customer", "The link across from Customer Accounts"),
    "linked_not_listed": ("link_your_utility_account", "Link your utility account"),
    "logout_keeps_session": ("log_out_safely", "Log out safely"),
    "back_shows_data": ("log_out_safely", "Log out safely"),
    "others_account_visible": ("another_residents", "Another resident's account page"),
    "message_not_announced": ("not_as_printed and 48I207", "account number: \u201c48I207\u201d"),
    "no_message": ("not_as_printed and 48I207", "account number: \u201c48I207\u201d"),
}


def project_guide() -> dict[str, bytes]:
    folders = (ROOT / "docs" / "generated", ROOT / "screenshots")
    return {str(p): p.read_bytes() for f in folders for p in sorted(f.rglob("*")) if p.is_file()}


def run(pytester: pytest.Pytester, url: str, *args: str) -> dict[str, Any]:
    """A core run's report; untraced, as its verdicts are what is checked, not the evidence."""
    return conformance_run(pytester, url, CONFIG, "--conformance-traces=off", *args)[1]


def test_a_differently_built_portal_conforms_and_gets_its_own_guide(
    pytester: pytest.Pytester,
) -> None:
    before = project_guide()
    with served(create_app()) as url:
        report = run(pytester, url, f"--guide-run={pytester.path / 'run'}")
    # the core scenarios, and those that make the guide again on a phone screen
    assert report["summary"] == {"PASS": sum(core_runs()), "FAIL": 0, "NOT EVALUATED": 0}, report
    titles = [r["title"] for r in report["requirements"]]
    assert "Link your utility account [phone]" in titles
    assert report["conforms"] is True
    guide = pytester.path / "report" / "guide"
    page = (guide / "docs" / "link-your-utility-account.md").read_text()
    assert "## 1. Go to www.cityoftulsa.org/utilities and select \u201cSign in\u201d." in page
    assert "Select \u201cLog in\u201d." in page  # what its picture marks, in its own words
    sidecar = json.loads(
        (guide / "screenshots" / "link-your-utility-account" / "02-desktop.json").read_text()
    )
    assert sidecar["portal"] == url
    assert sidecar["path"] == "/auth/password"  # the second step of its two-step log-in
    assert project_guide() == before  # the project's own guide is left alone


@pytest.mark.parametrize("defect", sorted(BROKEN_BY))
def test_each_defect_is_caught_and_named(pytester: pytest.Pytester, defect: str) -> None:
    selection, named = BROKEN_BY[defect]
    with served(create_app(frozenset({defect}))) as url:
        report = run(pytester, url, "-k", selection, EXPECTED_TO_FAIL)
    failed = [r for r in report["requirements"] if r["status"] == "FAIL"]
    assert report["conforms"] is False
    assert any(named in r["title"] for r in failed), [r["title"] for r in failed]


def test_accessibility_violations_are_listed_and_can_fail_the_run(
    pytester: pytest.Pytester,
) -> None:
    config = pytester.path / "portal.toml"
    config.write_text(CONFIG)
    with served(create_app(frozenset({"image_without_alt", "text_over_image"}))) as url:
        result = run_suite(
            pytester,
            "-k",
            "mistyped_password",
            f"--base-url={url}",
            f"--portal-config={config}",
            "--fail-on-accessibility",
            f"--conformance-report={pytester.path / 'report'}",
        )
    result.assert_outcomes(passed=1)  # every scenario passed ...
    assert result.ret == pytest.ExitCode.TESTS_FAILED  # ... but a page breaks WCAG
    report = json.loads((pytester.path / "report" / "report.json").read_text())
    home = next(page for page in report["accessibility"] if page["page"].startswith("/ "))
    assert [(v["id"], v["impact"]) for v in home["violations"]] == [("image-alt", "critical")]
    (image_alt,) = home["violations"]
    assert image_alt["wcag"] == ["1.1.1"]
    assert image_alt["targets"] == ["img"]
    assert image_alt["help_url"].startswith("https://dequeuniversity.com/rules/axe/")
    assert [(v["id"], v["targets"]) for v in home["needs_review"]] == [
        ("color-contrast", ["p:nth-child(3)"])
    ]
    assert "1 serious or critical axe-core violation\n" in result.stdout.str()


def test_a_problem_tidying_up_is_its_own_finding_and_poisons_no_other_requirement(
    pytester: pytest.Pytester,
) -> None:
    # The portal ignores "remove": linking passes, but the link cannot be taken away afterwards,
    # so the next scenario cannot start clean: not evaluated, with the reason, never a FAIL.
    with served(create_app(frozenset({"remove_ignored"}))) as url:
        result, report = conformance_run(
            pytester, url, CONFIG, "-k", "link_your_utility_account or balance_and_bills",
            "--conformance-traces=off",
        )  # fmt: skip
    by_title = {str(r["title"]): r for r in report["requirements"]}
    linked = by_title["Link your utility account"]
    assert linked["status"] == "PASS"
    cleanup = str(linked["cleanup"])
    assert "could not check or remove the link of account 481207" in cleanup
    assert "check it by hand" in cleanup
    after = by_title["See your account's balance and bills"]
    assert after["status"] == "NOT EVALUATED"
    assert str(after["reason"]).startswith(
        "not evaluated: the test account could not be unlinked before it (account 481207 for "
    )
    said = result.stdout.str()
    assert "1 requirement was not evaluated: the test account could not be unlinked" in said
    assert "--lf --conformance-merge" in said
