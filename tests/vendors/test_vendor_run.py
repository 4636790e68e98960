"""The suite against a portal it does not own: repeatable, and the portal left as it was found.

The reference portal stands in for a vendor's here, started on its own and reached only
through --base-url and a config file.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from flask import Flask

from driftless.model.conformance import SCHEMA, blocking
from steps.reference_portal import LivePortal, start_portal
from tests.support import EXPECTED_TO_FAIL, conformance_run, run_feature, run_suite, served

pytestmark = [pytest.mark.browser, pytest.mark.whole_run]
SCENARIOS = "link_your_utility_account or already_linked or another_residents or remove_a_linked"
CONFIG = """
[user]
email = "jordan.rivera@example.org"
password_env = "VENDOR_TEST_PASSWORD"

[utility_account]
number = "481207"
customer_id = "7305186"

[second_user]
email = "priya.nair@example.org"
password_env = "VENDOR_TEST_PASSWORD"
"""
BROKEN = """\
Feature: Fails after linking

  Background:
    # handout: intro
    Given I have registered for Citizen Self Service
    And I have a recent utility bill

  Scenario: Link, then expect a page that is not there
    # handout: 6
    Given I have signed in and linked my utility account
    Then I see my "Account Overview" page
"""


@pytest.fixture
def vendor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[LivePortal, Path]]:
    portal = start_portal(tmp_path / "portal")
    config = tmp_path / "portal.toml"
    config.write_text(CONFIG)
    monkeypatch.setenv("VENDOR_TEST_PASSWORD", "Tulsa-Water-2026")
    yield portal, config
    portal.stop()


def links(portal: LivePortal) -> list[tuple[str, str]]:
    connection = sqlite3.connect(portal.app.config["DATABASE"])
    try:
        return sorted(
            connection.execute(
                "SELECT r.email, a.number FROM account_link l"
                " JOIN resident r ON r.id = l.resident_id"
                " JOIN utility_account a ON a.id = l.account_id"
            ).fetchall()
        )
    finally:
        connection.close()


def test_two_runs_pass_alike_and_leave_the_portal_as_found(
    pytester: pytest.Pytester, vendor: tuple[LivePortal, Path]
) -> None:
    portal, config = vendor
    before = links(portal)
    outcomes = []
    for _ in range(2):
        result = run_suite(
            pytester,
            "-m",
            "core",
            "-k",
            SCENARIOS,
            f"--base-url={portal.url}/",
            f"--portal-config={config}",
            f"--conformance-report={pytester.path / 'conformance'}",
        )
        outcomes.append(result.parseoutcomes())
        assert links(portal) == before
    assert outcomes[0] == outcomes[1]
    assert outcomes[0]["passed"] == 4
    report = json.loads((pytester.path / "conformance" / "report.json").read_text())
    jsonschema.validate(report, json.loads(SCHEMA.read_text()))
    assert report["conforms"] is True
    assert report["summary"] == {"PASS": 4, "FAIL": 0, "NOT EVALUATED": 0}
    assert report["portal"] == portal.url + "/"
    audited = {page["page"] for page in report["accessibility"]}
    assert len(audited) >= 5
    assert [v for page in report["accessibility"] for v in blocking(page["violations"])] == []


def broken_run(
    pytester: pytest.Pytester,
    monkeypatch: pytest.MonkeyPatch,
    vendor: tuple[LivePortal, Path],
    *args: str,
) -> tuple[pytest.RunResult, dict[str, Any]]:
    """The BROKEN feature against the vendor's portal into a conformance report: one failure."""
    portal, config = vendor
    result = run_feature(
        pytester,
        monkeypatch,
        BROKEN,
        EXPECTED_TO_FAIL,
        f"--base-url={portal.url}/",
        f"--portal-config={config}",
        "--conformance-report=conformance",
        *args,
    )
    result.assert_outcomes(failed=1)
    return result, json.loads((pytester.path / "conformance" / "report.json").read_text())


def test_a_scenario_failing_half_way_still_removes_its_link(
    pytester: pytest.Pytester, vendor: tuple[LivePortal, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    portal, _ = vendor
    before = links(portal)
    result, report = broken_run(pytester, monkeypatch, vendor)
    jsonschema.validate(report, json.loads(SCHEMA.read_text()))
    (failed,) = report["requirements"]
    assert failed["status"] == "FAIL"
    assert failed["expected"] == 'Then I see my "Account Overview" page'
    assert "heading: Account Settings" in failed["observed"]
    assert failed["screenshot"].endswith(".png")
    assert failed["trace"].endswith("trace.zip")
    shutil.rmtree(pytester.path / "test-results")  # as the next run empties it
    for kept in (failed["screenshot"], failed["trace"]):  # copies beside the report
        assert kept.startswith("evidence/")
        assert (pytester.path / "conformance" / kept).is_file(), kept
    page = (pytester.path / "conformance" / "report.html").read_text()
    assert "does not conform" in page
    assert 'src="data:image/png;base64,' in page
    assert 'Then I see my "Account Overview" page' in result.stdout.str()
    assert links(portal) == before


def test_with_traces_off_a_failure_keeps_its_screen_and_is_not_run_again(
    pytester: pytest.Pytester, vendor: tuple[LivePortal, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    portal, _ = vendor
    before = links(portal)
    result, report = broken_run(
        pytester,
        monkeypatch,
        vendor,
        "--conformance-traces=off",
        "--retrace",  # as pyproject.toml has it: the option turns it off too
    )
    (failed,) = report["requirements"]
    assert failed["status"] == "FAIL"
    assert failed["screenshot"].endswith(".png")
    assert not failed["trace"]
    assert not list(pytester.path.rglob("trace.zip"))
    assert "for a trace" not in result.stdout.str()  # not run a second time on the portal
    assert links(portal) == before


def nothing() -> Flask:
    """A portal with one page and nothing to sign in with."""
    app = Flask("nothing")
    app.add_url_rule("/", view_func=lambda: "<!doctype html><title>Welcome</title><p>Hello.</p>")
    return app


def test_a_portal_showing_nothing_fails_each_requirement_and_is_not_tidied_up(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No step gets as far as sending the account number: nothing to sign in for and undo."""
    monkeypatch.setenv("VENDOR_TEST_PASSWORD", "Tulsa-Water-2026")
    with served(nothing()) as url:
        result, report = conformance_run(
            pytester, url, CONFIG, "-k", "link_your or another_res", EXPECTED_TO_FAIL
        )
    result.assert_outcomes(failed=2)
    assert "CleanupWarning" not in result.stdout.str()
    assert [(r["status"], r["cleanup"]) for r in report["requirements"]] == [("FAIL", "")] * 2
    sign_in = (
        'Did not see "Sign in" (or the user menu, if signed in) on the screen once the page had',
        'The "Email" box, or "Sign in" (or "Log in") was not on the screen once the page had',
        'Could not select "Sign in" (or "Log in") on the utilities website: it was not on the',
    )  # the website, and the second resident's own sign-in
    observed = [r["observed"] for r in report["requirements"]]
    assert all(any(said in seen for said in sign_in) for seen in observed), observed


def test_a_report_says_how_it_was_tested_and_takes_requirements_run_again(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VENDOR_TEST_PASSWORD", "Tulsa-Water-2026")
    with served(nothing()) as url:
        conformance_run(pytester, url, CONFIG, "-k", "link_your", EXPECTED_TO_FAIL)
        _, report = conformance_run(
            pytester, url, CONFIG, "-k", "mistyped", "--conformance-merge", EXPECTED_TO_FAIL
        )
        saved = (pytester.path / "report" / "report.json").read_bytes()
        refused, _ = conformance_run(
            pytester, url, CONFIG + "# edited\n", "-k", "mistyped", "--conformance-merge"
        )
    jsonschema.validate(report, json.loads(SCHEMA.read_text()))
    assert [(r["title"], r["run"]) for r in report["requirements"]] == [
        ("A mistyped password", 1),
        ("Link your utility account", 0),
    ]
    first, second = report["runs"]
    assert second["config_file"] == "portal.toml"
    assert second["config_sha256"] == hashlib.sha256(CONFIG.encode()).hexdigest()
    assert second["browsers"][0].startswith("chromium ")
    assert second["screens"] == ["desktop 1280x800"]
    assert "-k mistyped --conformance-merge" in second["command"]
    assert first["date"] <= second["date"]
    assert "Run 2" in (pytester.path / "report" / "report.html").read_text()
    assert refused.ret == pytest.ExitCode.USAGE_ERROR
    assert "another SHA-256 digest" in refused.stderr.str()
    assert (pytester.path / "report" / "report.json").read_bytes() == saved
