"""The suite's pytest plugin: hooks only, each delegating to its own module.

Failures in the resident's words, traces, the guide recorder, the conformance report and the
accessibility audits.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Generator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from driftless.capture import accessibility
from driftless.capture.actions import Hands, Observer
from driftless.capture.recorder import Recorder
from driftless.capture.screen import look_at
from driftless.model.failure import StepFailure
from driftless.model.handout import refs_by_line
from driftless.model.record import GUIDE_TAGS
from driftless.plugin import conformance, distributed
from driftless.plugin.compat import (
    EXAMPLE_FIXTURE,
    Feature,
    Scenario,
    Step,
    is_scenario,
    renew_fixtures,
    runtestprotocol,
)
from driftless.plugin.failures import ResidentsView
from driftless.render.failures import explain, short_error

pytest_plugins = ["driftless.plugin.processes"]

FAILURE = pytest.StashKey[StepFailure]()
OBSERVERS = pytest.StashKey[list[Observer]]()
RECORDER = pytest.StashKey[Recorder]()
CONFORMANCE = pytest.StashKey[conformance.Collector]()
CONFORMANCE_LINE = pytest.StashKey[str]()
AUDITED = pytest.StashKey[set[str]]()
RETRACING = pytest.StashKey[bool]()
FINDINGS = pytest.StashKey[list[dict[str, object]]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """The suite's options: guide recording, conformance report, accessibility, redaction."""
    group = parser.getgroup("driftless", "portal and browser")
    group.addoption(
        "--guide-run",
        metavar="DIR",
        help="record the guide scenarios (tags guide, troubleshooting) on desktop and phone "
        "screens into DIR, for `python -m driftless publish`",
    )
    group.addoption(
        "--conformance-report",
        metavar="DIR",
        help="write a conformance report (report.json, report.html) of the scenarios to DIR",
    )
    group.addoption(
        "--fail-on-accessibility",
        action="store_true",
        help="with --conformance-report: fail the run if a page has a serious or critical "
        "axe-core violation",
    )
    group.addoption(
        "--retrace",
        action="store_true",
        help="when a scenario fails and --tracing is off, run it once more with a Playwright "
        "trace; the failure stands, and a pass the second time is reported as flaky",
    )
    group.addoption(
        "--redact",
        action="append",
        default=[],
        metavar="SELECTOR",
        help="Playwright selector of personal data to mask in every guide screenshot "
        '(repeatable), e.g. --redact "text=/\\d{3}-\\d{4}/"',
    )


def pytest_configure(config: pytest.Config) -> None:
    """Prepare the run's state."""
    if OBSERVERS not in config.stash:
        config.stash[OBSERVERS] = []
    report_dir = config.getoption("conformance_report")
    if report_dir and not hasattr(config, "workerinput"):
        portal = config.getoption("base_url") or "the reference portal"
        config.stash[CONFORMANCE] = conformance.Collector(Path(report_dir), portal)
        config.pluginmanager.register(config.stash[CONFORMANCE], "driftless-conformance")
    if report_dir:  # the report shows each failure's screen and trace
        if config.getoption("screenshot") == "off":
            config.option.screenshot = "only-on-failure"
        if config.getoption("tracing") == "off":
            config.option.tracing = "retain-on-failure"
    run_dir = config.getoption("guide_run")
    if run_dir:
        recorder = Recorder(Path(run_dir), redact=list(config.getoption("redact")))
        config.stash[RECORDER] = recorder
        config.stash[OBSERVERS].append(recorder)
    config.pluginmanager.register(distributed, "driftless-distributed")
    cucumber_json = getattr(config.option, "cucumber_json_path", None)
    if cucumber_json:  # pytest-bdd writes the file but does not make its folder
        Path(cucumber_json).expanduser().absolute().parent.mkdir(parents=True, exist_ok=True)
    config.pluginmanager.register(TraceList(), "driftless-traces")


@pytest.fixture
def hands(pytestconfig: pytest.Config) -> Hands:
    """The action layer the steps click and type through."""
    observers: list[Observer] = pytestconfig.stash[OBSERVERS]
    return Hands([*observers])


def _page(request: pytest.FixtureRequest, step_args: dict[str, object]) -> Page | None:
    page = step_args.get("page")
    if page is None and "page" in request.fixturenames:
        page = request.getfixturevalue("page")  # already made for this scenario: no new page
    return page if isinstance(page, Page) else None


def _failure(
    request: pytest.FixtureRequest,
    feature: Feature,
    scenario: Scenario,
    step: Step,
    error: str,
    step_args: dict[str, object],
) -> StepFailure:
    path = Path(feature.filename)
    return StepFailure(
        scenario=scenario.name,
        step=f"{step.keyword} {step.name}",
        location=f"{feature.rel_filename}:{step.line_number}",
        handout=refs_by_line(path).get(step.line_number),
        error=error,
        page=look_at(_page(request, step_args)),
    )


def _recorder(request: pytest.FixtureRequest) -> Recorder | None:
    if request.config.stash.get(RETRACING, False):
        return None  # a run again for its trace: the record of the first run stands
    return request.config.stash.get(RECORDER, None)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> bool | None:
    """With --retrace: run a failed scenario again with a trace, then report the first run."""
    config = item.config
    if not config.getoption("retrace") or config.getoption("tracing") != "off":
        return None
    if not is_scenario(item):
        return None  # only scenarios, whose browser pages a trace records
    item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    reports = runtestprotocol(item, nextitem=nextitem, log=False)
    failed = next((r for r in reports if r.when == "call" and r.failed), None)
    if failed is not None:
        _retrace(item, nextitem, failed)
    for report in reports:
        item.ihook.pytest_runtest_logreport(report=report)
    item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    return True


def _retrace(item: pytest.Item, nextitem: pytest.Item | None, failed: pytest.TestReport) -> None:
    """Run the failed scenario once more with tracing on; attach its trace to the failure."""
    config = item.config
    config.option.tracing, config.stash[RETRACING] = "retain-on-failure", True
    if FAILURE in item.stash:
        del item.stash[FAILURE]
    renew_fixtures(item)  # as pytest-rerunfailures does
    try:
        again = runtestprotocol(item, nextitem=nextitem, log=False)
    finally:
        config.option.tracing, config.stash[RETRACING] = "off", False
    traces = [
        (name, value)
        for report in again
        for name, value in report.user_properties
        if name == "playwright_trace"
    ]
    failed.user_properties.extend(traces)
    if all(report.passed for report in again):
        note = "It passed when run again for a trace, so it may be flaky; the failure stands."
    elif traces:
        note = f"It failed again when run for a trace: playwright show-trace {traces[0][1]}"
    else:
        note = "It was run again for a trace, but no trace was kept."
    failed.sections.append(("Run again", note))


def pytest_bdd_before_scenario(
    request: pytest.FixtureRequest, feature: Feature, scenario: Scenario
) -> None:
    """Start recording a guide scenario."""
    recorder = _recorder(request)
    tags = set(scenario.tags) | set(feature.tags)
    if recorder is None or not tags & GUIDE_TAGS:
        return
    example: dict[str, str] = request.getfixturevalue(EXAMPLE_FIXTURE) or {}
    background = (
        {step.line_number for step in feature.background.steps} if feature.background else set()
    )
    steps = [
        (step.type, step.name, step.line_number, step.docstring, step.line_number in background)
        for step in scenario.steps
    ]
    recorder.start(
        Path(feature.filename),
        feature.name,
        scenario.name,
        scenario.description or "",
        tags,
        request.getfixturevalue("screen"),
        dict(example),
        steps,
    )


def pytest_bdd_before_step(
    request: pytest.FixtureRequest,
    feature: Feature,
    scenario: Scenario,
    step: Step,
    step_func: Callable[..., object],
) -> None:
    """Tell the recorder which step runs."""
    if recorder := _recorder(request):
        recorder.begin_step(step.line_number)


def pytest_bdd_after_step(
    request: pytest.FixtureRequest,
    feature: Feature,
    scenario: Scenario,
    step: Step,
    step_func: Callable[..., object],
    step_func_args: dict[str, object],
) -> None:
    """Let the recorder take the step's picture if it has none yet."""
    page = _page(request, step_func_args)
    if recorder := _recorder(request):
        recorder.end_step(page, passed=True)
    if page is not None and request.config.getoption("conformance_report"):
        audited = request.config.stash.setdefault(AUDITED, set())
        if finding := accessibility.audit(page, audited):
            request.node.stash.setdefault(FINDINGS, []).append(finding)


def pytest_bdd_after_scenario(
    request: pytest.FixtureRequest, feature: Feature, scenario: Scenario
) -> None:
    """Write the scenario's record."""
    if recorder := _recorder(request):
        recorder.finish(passed=FAILURE not in request.node.stash)


def pytest_bdd_step_error(
    request: pytest.FixtureRequest,
    feature: Feature,
    scenario: Scenario,
    step: Step,
    step_func: Callable[..., object],
    step_func_args: dict[str, object],
    exception: Exception,
) -> None:
    """Remember which step failed and what was on screen."""
    failure = _failure(request, feature, scenario, step, short_error(exception), step_func_args)
    request.node.stash[FAILURE] = failure
    if recorder := _recorder(request):
        recorder.end_step(None, passed=False)


def pytest_bdd_step_func_lookup_error(
    request: pytest.FixtureRequest,
    feature: Feature,
    scenario: Scenario,
    step: Step,
    exception: Exception,
) -> None:
    """A step no definition matches: say so in the same words."""
    error = f"No step definition matches this text. Check its wording against steps/.\n{exception}"
    request.node.stash[FAILURE] = _failure(request, feature, scenario, step, error, {})


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Put the resident's view at the top of a failed scenario's report."""
    report = yield
    failure = item.stash.get(FAILURE, None)
    if report.when == "call" and report.failed and failure is not None:
        report.longrepr = ResidentsView(failure, report.longrepr)
        explained = {"step": failure.step, "explained": explain(failure)}
        report.user_properties.append((conformance.FAILURE, json.dumps(explained)))
    if item.config.getoption("conformance_report") and (requirement := conformance.describe(item)):
        report.user_properties.append((conformance.REQUIREMENT, json.dumps(requirement)))
    if report.when == "teardown" and (findings := item.stash.get(FINDINGS, None)):
        report.user_properties.append((accessibility.FINDINGS, json.dumps(findings)))
    return report


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Write the conformance report, if one was asked for."""
    collector = session.config.stash.get(CONFORMANCE, None)
    if collector is not None:
        report = collector.write()
        verdict = "conforms" if report.conforms else "does not conform"
        blocking = report.blocking_accessibility()
        session.config.stash[CONFORMANCE_LINE] = (
            f"Conformance: {report.portal} {verdict}; {collector.folder / 'report.html'}\n"
            f"Accessibility: {blocking} serious or critical axe-core violations"
        )
        if blocking and session.config.getoption("fail_on_accessibility"):
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
        run_dir = session.config.getoption("guide_run")
        if run_dir and any(Path(run_dir).glob("*.json")):
            _publish_beside(collector.folder / "guide", Path(run_dir), report.portal)


def _publish_beside(folder: Path, run_dir: Path, portal: str) -> None:
    """The portal's own help guide, next to its conformance report."""
    from driftless.publish import (
        guide as publish,  # Pillow and Jinja only when a guide is asked for
    )

    publish.publish_into(run_dir, folder, portal)


class TraceList:
    """Collects the traces pytest-playwright kept for failed tests, and lists them at the end."""

    def __init__(self) -> None:
        self.traces: set[tuple[str, str]] = set()

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Note the trace attached to a test's report, if any."""
        for name, value in report.user_properties:
            if name == "playwright_trace":
                self.traces.add((report.nodeid, str(value)))

    @pytest.hookimpl(trylast=True)
    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        """Each failed scenario's trace, with the command that opens it."""
        if not self.traces:
            return
        terminalreporter.section("Playwright traces")
        for nodeid, path in sorted(self.traces):
            terminalreporter.line(f"{nodeid}\n    playwright show-trace {path}")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say where the conformance report is and what it concluded."""
    line = terminalreporter.config.stash.get(CONFORMANCE_LINE, None)
    if line:
        terminalreporter.section("Conformance report")
        terminalreporter.line(line)
