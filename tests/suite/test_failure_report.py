"""A scenario made to fail on purpose reads as the resident would tell it, and keeps a trace."""

from __future__ import annotations

import base64
import io
import json
import xml.etree.ElementTree as ElementTree
import zipfile

import pytest
from PIL import Image

from tests.support import EXPECTED_TO_FAIL, run_feature

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
        EXPECTED_TO_FAIL,
        "--tracing=retain-on-failure",
        "--junitxml=reports/junit.xml",
        "--cucumberjson=reports/cucumber.json",
        "--html-report=reports/report.html",
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


@pytest.mark.browser
def test_qa_tools_show_the_failure_in_the_scenarios_steps(
    run: pytest.RunResult, pytester: pytest.Pytester
) -> None:
    """Trace groups by Gherkin step, the failed step's screenshot embedded, JUnit properties."""
    run.assert_outcomes(failed=1)
    [trace] = pytester.path.glob("test-results/*/trace.zip")
    with zipfile.ZipFile(trace) as opened:
        events = [
            json.loads(line)
            for name in opened.namelist()
            if name.endswith(".trace")
            for line in opened.read(name).decode().splitlines()
            if line.strip()
        ]
    groups = [
        e
        for e in events
        if e.get("method") == "tracingGroup" or e.get("apiName") == "tracing.group"
    ]
    titles = [str(e.get("title") or e.get("params", {}).get("name")) for e in groups]
    assert 'Then I see my "Account Overview" page' in titles, titles
    assert "When I sign in with my email and password" in titles
    located = [e for e in groups if "broken.feature" in json.dumps(e)]
    assert located  # each group points at its feature file line
    assert "Given I go to the City of Tulsa utilities website" in titles  # from the first step
    described = json.dumps(events).replace("\\", "")  # actions say what they are on screen
    assert 'describe="the "Sign in" (or "Log in") button"' in described

    features = json.loads((pytester.path / "reports" / "cucumber.json").read_text())
    failed = features[0]["elements"][0]["steps"][-1]
    [picture] = failed["embeddings"]
    assert picture["mime_type"] == "image/png"
    with Image.open(io.BytesIO(base64.b64decode(picture["data"]))) as shown:
        assert shown.size == (1280, 800)  # what was on screen when the step failed

    junit = ElementTree.parse(pytester.path / "reports" / "junit.xml").getroot()
    properties = {p.get("name"): p.get("value") for p in junit.iter("property")}
    assert str(properties["feature"]).endswith("broken.feature:7")  # the Scenario: line
    assert properties["handout"] == "intro, 1, 2, 3"
    assert str(properties["failed_step"]).startswith('Then I see my "Account Overview" page (')
    assert str(properties["failed_step"]).endswith("broken.feature:13)")
    assert properties["failed_handout"] == "3"
    for name in ("screenshot", "playwright_trace"):
        assert (pytester.path / str(properties[name])).is_file(), name

    page = (pytester.path / "reports" / "report.html").read_text()
    assert "<title>Test report: 0 passed, 1 failed</title>" in page
    assert "Then</strong> I see my &#34;Account Overview&#34; page" in page
    assert 'src="data:image/png;base64,' + picture["data"][:40] in page  # one file, offline
    assert 'src="http' not in page
    assert str(properties["playwright_trace"]) in page


@pytest.mark.browser
def test_without_tracing_a_failure_is_run_again_for_its_trace(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run_feature(
        pytester,
        monkeypatch,
        FAILING_FEATURE,
        EXPECTED_TO_FAIL,
        "--retrace",
        "--junitxml=reports/junit.xml",
    )
    result.assert_outcomes(failed=1)
    output = result.stdout.str()
    traces = list(pytester.path.glob("test-results/*/trace.zip"))
    assert len(traces) == 1
    shown = f"playwright show-trace {traces[0].relative_to(pytester.path)}"
    assert f"It failed again when run for a trace: {shown}" in output
    junit = ElementTree.parse(pytester.path / "reports" / "junit.xml").getroot()
    assert len(junit.findall(".//testcase")) == 1
    assert len(junit.findall(".//failure")) == 1


FLAKY_FEATURE = """\
Feature: A scenario that fails only the first time

  Scenario: Expect a heading that shows only on a second try
    # handout: 1
    Given I go to the City of Tulsa utilities website
    # handout: 3
    Then the portal answers differently the second time
"""

FLAKY_STEP = """
from pathlib import Path

from pytest_bdd import then


@then("the portal answers differently the second time")
def differently() -> None:
    marker = Path("tried-once")
    first = not marker.exists()
    marker.write_text("yes")
    assert not first, "the first try fails"
"""


@pytest.mark.browser
def test_a_scenario_that_passes_when_run_again_still_fails_and_is_called_flaky(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run_feature(pytester, monkeypatch, FLAKY_FEATURE, "--retrace", extra_steps=FLAKY_STEP)
    result.assert_outcomes(failed=1)
    assert "It passed when run again for a trace, so it may be flaky" in result.stdout.str()
