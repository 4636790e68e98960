"""The conformance report's model and pages, without a browser."""

from __future__ import annotations

import json

import jsonschema

from driftless.model.conformance import SCHEMA, Report, Requirement
from driftless.render.conformance import render_html


def report() -> Report:
    return Report(
        portal="https://portal.example.org/",
        date="2026-10-19T14:05:00+00:00",
        suite_version="0.1.0",
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
                        "elements": 2,
                    },
                    {"id": "region", "impact": "moderate", "help": "Landmarks", "elements": 1},
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
    assert "<strong>serious</strong> color-contrast" in page
    assert "not evaluated: needs the reference portal" in page
    assert "http" not in page.replace("https://portal.example.org/", "")
