"""Every failed scenario keeps its screenshot, page and trace where every report names them.

Whichever scenario of a process fails (the last one's run again for its trace sets the session
up again), serially and under xdist; read back as QA's tools read them.
"""

from __future__ import annotations

import base64
import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import jsonschema
import pytest
from junitparser import JUnitXml

from tests.support import EXPECTED_TO_FAIL, run_feature

# Three scenarios that fail (the first, the middle and the last of the run) around one that
# passes; each fails at a heading the portal does not have.
FEATURE = """\
Feature: Broken in several places

  Background:
    # handout: intro
    Given I have registered for Citizen Self Service

  Scenario: First broken
    # handout: 1
    Given I go to the City of Tulsa utilities website
    # handout: 3
    Then I see my "Account Overview" page
    # handout: 6
    And I see my "Billing Overview" page

  Scenario: Still working
    # handout: 1
    Given I go to the City of Tulsa utilities website

  Scenario: Second broken
    # handout: 1
    Given I go to the City of Tulsa utilities website
    # handout: 3
    Then I see my "Account Overview" page

  Scenario: Last broken
    # handout: 1
    Given I go to the City of Tulsa utilities website
    # handout: 3
    Then I see my "Account Overview" page
"""
FAILED = {"First broken", "Second broken", "Last broken"}
# What GitLab's test report and Jenkins' junit-attachments plugin read in a test's system-out.
ATTACHMENT = re.compile(r"\[\[ATTACHMENT\|(.+?)\]\]")
# What Cucumber's JSON reporters read, as the format is documented: features with a uri and
# name, their scenarios with a name, type and line, steps with a keyword, name, line and a
# result whose status is one they know; a failed step's error; embeddings with a MIME type.
STATUS = {"enum": ["passed", "failed", "skipped", "pending", "undefined", "ambiguous"]}
EMBEDDING = {"type": "object", "required": ["mime_type", "data"]}
STEP = {
    "type": "object",
    "required": ["keyword", "name", "line", "result"],
    "properties": {
        "result": {
            "type": "object",
            "required": ["status"],
            "properties": {"status": STATUS, "duration": {"type": "integer", "minimum": 0}},
            "if": {"properties": {"status": {"const": "failed"}}},
            "then": {"required": ["error_message"]},
        },
        "embeddings": {"type": "array", "items": EMBEDDING},
    },
}
ELEMENT = {
    "type": "object",
    "required": ["keyword", "name", "line", "type", "steps", "id"],
    "properties": {"type": {"const": "scenario"}, "steps": {"type": "array", "items": STEP}},
}
CUCUMBER_JSON = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["uri", "name", "keyword", "elements", "id"],
        "properties": {"elements": {"type": "array", "items": ELEMENT}},
    },
}


@pytest.mark.browser
@pytest.mark.parametrize("workers", ["0", "2"])
def test_every_failure_keeps_its_files_where_the_reports_say(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, workers: str
) -> None:
    result = run_feature(
        pytester,
        monkeypatch,
        FEATURE,
        EXPECTED_TO_FAIL,
        "--retrace",
        f"-n{workers}",
        "--junitxml=reports/junit.xml",
        "--cucumberjson=reports/cucumber.json",
        "--html-report=reports/report.html",
    )
    result.assert_outcomes(failed=3, passed=1)
    root = pytester.path
    output = result.stdout.str()

    traces = re.findall(r"playwright show-trace (\S+)", output)
    assert len(set(traces)) == 3, output
    assert all((root / trace).is_file() for trace in traces), traces

    junit = JUnitXml.fromfile(str(root / "reports" / "junit.xml"))
    properties = {  # junitparser reads test cases, not their properties
        case.get("name"): {p.get("name"): p.get("value") for p in case.iter("property")}
        for case in ElementTree.parse(root / "reports" / "junit.xml").iter("testcase")
    }
    cases = {case.name: case for suite in junit for case in suite}
    failed = [case for case in cases.values() if not case.is_passed]
    assert len(failed) == 3
    for case in failed:
        attached = ATTACHMENT.findall(case.system_out or "")
        assert [Path(file).suffix for file in attached] == [".png", ".html", ".zip"], attached
        assert all((root / file).is_file() for file in attached), attached
        named = properties[case.name]
        for name in ("screenshot", "failed_page", "playwright_trace"):
            assert (root / str(named[name])).is_file(), (case.name, name)
    passed = next(case for case in cases.values() if case.is_passed)
    assert not ATTACHMENT.search(passed.system_out or "")

    features = json.loads((root / "reports" / "cucumber.json").read_text())
    jsonschema.validate(features, CUCUMBER_JSON)
    elements = {element["name"]: element for element in features[0]["elements"]}
    for name in FAILED:
        steps = elements[name]["steps"]
        pictures = [e for step in steps for e in step.get("embeddings", [])]
        assert len(pictures) == 1, name
        assert pictures[0]["mime_type"] == "image/png", name
        page = (root / "reports" / "report.html").read_text()
        assert pictures[0]["data"][:60] in page
        assert base64.b64decode(pictures[0]["data"]).startswith(b"\x89PNG")


@pytest.mark.browser
def test_a_failure_reads_once_per_cause_and_steps_after_it_are_skipped(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CI", "true")  # as in CI, where pytest's short summary is not cut short
    result = run_feature(
        pytester, monkeypatch, FEATURE, EXPECTED_TO_FAIL, "--cucumberjson=reports/cucumber.json"
    )
    result.assert_outcomes(failed=3, passed=1)
    output = result.stdout.str()
    assert output.count("What went wrong:") == 1  # the first failure in full
    summary = [line for line in output.splitlines() if line.startswith("FAILED ")]
    assert len(summary) == 3, summary  # the short summary: one line per failed scenario
    shown = 'Then I see my "Account Overview" page: Did not see the heading'
    assert all(shown in line for line in summary), summary
    said = 'Did not see the heading "Account Overview" on the screen once the page had settled.'
    assert output.count(f'Same cause as "First broken" above: {said}') == 2
    assert f"3 scenarios: {said}" in output  # listed once, with the three scenarios
    assert "Technical details: shown with -v." in output
    assert "def " not in output  # pytest's details (the code of each frame): with -v
    features = json.loads((pytester.path / "reports" / "cucumber.json").read_text())
    first = next(e for e in features[0]["elements"] if e["name"] == "First broken")
    statuses = [step["result"]["status"] for step in first["steps"]]
    assert statuses == ["passed", "passed", "failed", "skipped"]

    verbose = run_feature(pytester, monkeypatch, FEATURE, EXPECTED_TO_FAIL, "-v")
    assert verbose.stdout.str().count("Technical details:\n") == 3
