"""The conformance report's model and pages, without a browser."""

from __future__ import annotations

import json

import jsonschema

from driftless.model.conformance import SCHEMA, Report, Requirement, Run
from driftless.render.conformance_page import render_html


def run(date: str = "2026-10-19T14:05:00+00:00", commit: str = "a1b2c3") -> Run:
    return Run(
        date=date,
        suite_version="0.1.0",
        suite_commit=commit,
        browsers=["chromium 156.0.8078.114"],
        screens=["desktop 1280x800"],
        os="Linux-6.1-x86_64-with-glibc2.36",
        python="3.11.2",
        playwright="1.60.0",
        command="pytest -m core --base-url=https://portal.example.org/",
        config_file="portal.toml",
        config_sha256="9f" * 32,
        locators={"user_menu": '{ role = "button", name = "Account menu" }'},
        wording={"Enter your account number.": "Please fill in this box."},
    )


def report() -> Report:
    return Report(
        portal="https://portal.example.org/",
        runs=[run()],
        requirements=[
            Requirement(
                "a",
                "Link your utility account",
                "linking_accounts.feature",
                ["1", "2", "3"],
                core=True,
                status="PASS",
            ),
            Requirement(
                "b",
                "Log out safely",
                "logging_out.feature",
                ["8"],
                core=True,
                status="FAIL",
                expected="Then I am signed out",
                observed="On the screen: <script>x</script>",
            ),
            Requirement(
                "c",
                "Register",
                "registration.feature",
                ["intro"],
                core=False,
                reason="not evaluated: needs the reference portal's own data",
            ),
        ],
        accessibility=[
            {
                "page": "/ (Utilities)",
                "violations": [
                    {
                        "id": "color-contrast",
                        "impact": "serious",
                        "help": "Enough contrast",
                        "help_url": "https://dequeuniversity.com/rules/axe/4.10/color-contrast",
                        "wcag": ["1.4.3"],
                        "elements": 2,
                        "targets": ["header > a", "#total"],
                    },
                    {
                        "id": "region",
                        "impact": "moderate",
                        "help": "Landmarks",
                        "help_url": "",
                        "wcag": [],
                        "elements": 1,
                        "targets": ["p"],
                    },
                ],
                "needs_review": [
                    {
                        "id": "color-contrast",
                        "impact": "serious",
                        "help": "Enough contrast",
                        "help_url": "https://dequeuniversity.com/rules/axe/4.10/color-contrast",
                        "wcag": ["1.4.3"],
                        "elements": 1,
                        "targets": [".banner h2"],
                    },
                ],
            },
        ],
    )


def test_json_follows_the_shipped_schema() -> None:
    data = report().as_json()
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    assert data["conforms"] is False
    assert data["summary"] == {"PASS": 1, "FAIL": 1, "NOT EVALUATED": 1}


def test_only_core_requirements_decide_conformance() -> None:
    passing = report()
    passing.requirements[1].status = "PASS"
    passing.requirements[2].status = "FAIL"  # not core
    assert passing.conforms is True


def test_serious_and_critical_violations_are_counted() -> None:
    assert report().blocking_accessibility() == 1


def test_html_page_is_self_contained_and_escapes_what_the_portal_showed() -> None:
    page = render_html(report())
    assert "does not conform" in page
    assert "<script>x</script>" not in page
    assert "&lt;script&gt;x&lt;/script&gt;" in page
    assert "not evaluated: needs the reference portal" in page
    outside = page.replace("https://portal.example.org/", "").replace(
        "https://dequeuniversity.com/rules/axe/4.10/color-contrast", ""
    )
    assert "http" not in outside  # nothing is loaded from elsewhere; axe's help is a link


def test_html_page_says_how_it_was_tested_and_what_was_declared() -> None:
    page = render_html(report())
    for fact in ("chromium 156.0.8078.114", "desktop 1280x800", "a1b2c3", "9f" * 32,
                 "user_menu", "Please fill in this box.", "Linux-6.1"):  # fmt: skip
        assert fact in page
    assert "The results rest on 2 declared deviations from the contract" in page


def test_html_page_lists_criteria_targets_and_what_needs_review() -> None:
    page = render_html(report())
    assert "WCAG 1.4.3" in page
    assert "<code>#total</code>" in page
    assert "Needs review" in page
    assert "<code>.banner h2</code>" in page


def test_a_merged_run_replaces_what_it_ran_again_and_keeps_the_rest() -> None:
    earlier = report()
    again = Report(
        earlier.portal,
        [run("2026-10-20T09:00:00+00:00")],
        [
            Requirement(
                "b", "Log out safely", "logging_out.feature", ["8"], core=True, status="PASS"
            )
        ],
        [{"page": "/bye (Signed out)", "violations": [], "needs_review": []}],
    )
    merged = again.merge(earlier)
    assert [(r.id, r.status, r.run) for r in merged.requirements] == [
        ("a", "PASS", 0),
        ("b", "PASS", 1),
        ("c", "NOT EVALUATED", 0),
    ]
    assert [r.date for r in merged.runs] == [earlier.date, "2026-10-20T09:00:00+00:00"]
    assert merged.conforms is True
    assert [page["page"] for page in merged.accessibility] == ["/ (Utilities)", "/bye (Signed out)"]
    jsonschema.validate(merged.as_json(), json.loads(SCHEMA.read_text()))
    assert Report.from_json(merged.as_json()) == merged


def test_a_run_no_requirement_rests_on_any_more_is_dropped() -> None:
    earlier = report()
    everything = Report(earlier.portal, [run("2026-10-21T09:00:00+00:00")], earlier.requirements)
    merged = everything.merge(earlier)
    assert [r.date for r in merged.runs] == ["2026-10-21T09:00:00+00:00"]
    assert {r.run for r in merged.requirements} == {0}
