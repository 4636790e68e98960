"""A scenario made to fail on purpose reads as the resident would tell it, and keeps a trace."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ElementTree

import pytest

from tests.support import run_feature

FAILING_FEATURE = """\
Feature: A deliberately broken scenario

  Background:
    # handout: intro
    Given I have registered for Citizen Self Service

  Scenario: Expect a page the portal does not have
    # handout: 1
    Given I go to the City of Tulsa utilities website
    # handout: 2
    When I sign in with my email and password
    # handout: 3
    Then I see my "Account Overview" page
"""


@pytest.fixture
def run(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.RunResult:
    return run_feature(
        pytester,
        monkeypatch,
        FAILING_FEATURE,
        "--tracing=retain-on-failure",
        "--junitxml=reports/junit.xml",
        "--cucumberjson=reports/cucumber.json",
    )


@pytest.mark.browser
def test_failure_is_told_in_the_residents_words(
    run: pytest.RunResult, pytester: pytest.Pytester
) -> None:
    run.assert_outcomes(failed=1)
    output = run.stdout.str()
    assert 'Scenario "Expect a page the portal does not have" failed at ' in output
    assert "broken.feature:13." in output
    assert "The resident could not do this step (handout step 3):" in output
    assert 'Then I see my "Account Overview" page' in output
    assert "On the screen:" in output
    assert "heading: Account Settings" in output
    assert "Technical details:" in output

    traces = list(pytester.path.glob("test-results/*/trace.zip"))
    assert len(traces) == 1
    assert traces[0].stat().st_size > 1000
    assert f"playwright show-trace {traces[0].relative_to(pytester.path)}" in output

    junit = ElementTree.parse(pytester.path / "reports" / "junit.xml").getroot()
    failure = junit.find(".//failure")
    assert failure is not None
    assert 'Then I see my "Account Overview" page' in failure.get("message", "")

    features = json.loads((pytester.path / "reports" / "cucumber.json").read_text())
    steps = features[0]["elements"][0]["steps"]
    assert [step["result"]["status"] for step in steps] == ["passed"] * 3 + ["failed"]
