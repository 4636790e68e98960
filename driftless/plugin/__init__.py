"""The recorder's pytest plugin: hooks only, each one line or two into the module that owns it.

recording (--guide-run, --redact), retrace (--retrace), failures (the resident's view of a
failed step), conformance (--conformance-report, --fail-on-accessibility, axe-core audits),
traces (the list at the end), reports (trace groups, cucumber embeddings, JUnit properties),
distributed (pytest-bdd's reports under xdist) and processes (nothing a test starts outlives
the session).
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from pathlib import Path

import pytest

from driftless.capture.actions import Hands
from driftless.capture.patience import Settled
from driftless.plugin import (
    conformance_run,
    distributed,
    evidence,
    failure_summary,
    processes,
    recording,
    reports,
    retrace,
    traces,
)
from driftless.plugin.compat import Feature, Scenario, Step
from driftless.plugin.state import FAILURE, RECORDER, UNDEFINED
from driftless.render.failure_words import short_error

HOOKED = (processes, distributed)  # the concerns with hooks of their own, registered at configure

__all__ = ["RECORDER"]


def pytest_addoption(parser: pytest.Parser) -> None:
    """The recorder's options, in a group of their own (the suite's are "portal and browser")."""
    group = parser.getgroup("guide-and-reports", "guide, reports and conformance")
    for module in (recording, conformance_run, retrace, reports):
        module.add_options(group)
    processes.add_options(parser)


def pytest_configure(config: pytest.Config) -> None:
    """Prepare each concern's state; register those with hooks of their own, one way for all."""
    for module in HOOKED:
        config.pluginmanager.register(module, f"driftless-{module.__name__.rsplit('.', 1)[1]}")
    recording.configure(config)
    conformance_run.configure(config)
    traces.configure(config)
    reports.configure(config)
    failure_summary.configure(config)
    cucumber_json = getattr(config.option, "cucumber_json_path", None)
    if cucumber_json:  # pytest-bdd writes the file but does not make its folder
        Path(cucumber_json).expanduser().absolute().parent.mkdir(parents=True, exist_ok=True)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """Decide what a failed scenario keeps, now that every plugin has configured."""
    evidence.hand_over(session.config)


def pytest_unconfigure(config: pytest.Config) -> None:
    """Let go of what the run registered."""
    recording.unconfigure(config)


@pytest.fixture
def hands(pytestconfig: pytest.Config) -> Hands:
    """The action layer the steps click and type through."""
    return recording.hands(pytestconfig)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> bool | None:
    """With --retrace: run a failed scenario again with a trace, then report the first run."""
    return retrace.run(item, nextitem)


def pytest_bdd_before_scenario(
    request: pytest.FixtureRequest, feature: Feature, scenario: Scenario
) -> None:
    """Start recording a guide scenario."""
    recording.start(request, feature, scenario)


def pytest_bdd_before_step(
    request: pytest.FixtureRequest,
    feature: Feature,
    scenario: Scenario,
    step: Step,
    step_func: Callable[..., object],
) -> None:
    """Tell the recorder which step runs; open the step's group in a traced scenario's trace."""
    reports.begin_step(request, feature, step)
    if recorder := recording.recorder_for(request):
        recorder.begin_step(step.line_number)


def pytest_bdd_after_step(
    request: pytest.FixtureRequest,
    feature: Feature,
    scenario: Scenario,
    step: Step,
    step_func: Callable[..., object],
    step_func_args: dict[str, object],
) -> None:
    """Let the recorder take the step's picture if it has none yet; audit the page."""
    page = failure_summary.page_of(request, step_func_args)
    if recorder := recording.recorder_for(request):
        recorder.end_step(page, passed=True)
    conformance_run.audit(request, page)
    reports.end_step(request)


def pytest_bdd_after_scenario(
    request: pytest.FixtureRequest, feature: Feature, scenario: Scenario
) -> None:
    """Write the scenario's record; keep its pictures for the cucumber JSON."""
    if recorder := recording.recorder_for(request):
        finished = recorder.finish(passed=FAILURE not in request.node.stash)
        reports.remember_pictures(request, finished, recorder.run_dir)


def pytest_bdd_step_error(
    request: pytest.FixtureRequest,
    feature: Feature,
    scenario: Scenario,
    step: Step,
    step_func: Callable[..., object],
    step_func_args: dict[str, object],
    exception: Exception,
) -> None:
    """Remember which step failed and what was on screen, in words and in a screenshot."""
    settled = exception.waited if isinstance(exception, Settled) else None
    error = short_error(exception, settled)
    failure_summary.remember(request, feature, scenario, step, error, step_func_args)
    page = failure_summary.page_of(request, step_func_args)
    conformance_run.note_tested_on(request, page)
    reports.failed_step(request, page, exception)
    if recorder := recording.recorder_for(request):
        recorder.end_step(None, passed=False)
    reports.end_step(request)


def pytest_bdd_step_func_lookup_error(
    request: pytest.FixtureRequest,
    feature: Feature,
    scenario: Scenario,
    step: Step,
    exception: Exception,
) -> None:
    """A step no definition matches: say so in the same words."""
    error = f"No step definition matches this text. Check its wording against steps/.\n{exception}"
    failure_summary.remember(request, feature, scenario, step, error, {})
    request.node.stash[UNDEFINED] = True


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """The resident's view first in a failed scenario's report; what the report needs."""
    report = yield
    conformance_run.attach(item, report, failure_summary.attach(item, report))
    reports.properties(item, report)
    return report


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Write the conformance report, if one was asked for."""
    conformance_run.finish(session)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say where the conformance report is and what it concluded."""
    conformance_run.summary(terminalreporter)
