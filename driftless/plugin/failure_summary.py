"""A failed scenario's report in pytest's terminal: the resident's view first, then pytest's."""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from driftless.capture.screen import look_at
from driftless.model.failure import PageView, StepFailure
from driftless.model.handout import refs_by_line
from driftless.plugin.compat import (
    EXAMPLE_FIXTURE,
    Feature,
    Scenario,
    Step,
    TerminalRepr,
    TerminalWriter,
)
from driftless.plugin.state import FAILURE, TYPED
from driftless.render.failure_words import cause, explain, one_line, same_cause

# A failed scenario's report carries its failure as plain data under this name (xdist carries a
# report's extra attributes from a worker to the controller), for the summary told by cause.
CARRIED = "resident_failure"


@dataclass
class _Crash:
    path: str
    lineno: int
    message: str


def crash_of(failure: StepFailure) -> _Crash:
    """Where a failure happened and its one line, for pytest's short summary of failures."""
    path, _, line = failure.location.rpartition(":")
    return _Crash(str(Path(path)), int(line) if line.isdigit() else 0, one_line(failure))


class Told(TerminalRepr):
    """A failure told in a few words; its one line stays one line in the short summary.

    pytest prints a report's whole text in the short summary when it runs in CI (or with -vv),
    so the words are kept beside a one-line message rather than as the report itself.
    """

    def __init__(self, text: str, failure: StepFailure) -> None:
        self.text = text
        self.reprcrash = crash_of(failure)

    def toterminal(self, tw: TerminalWriter) -> None:
        """Write the words."""
        tw.line(self.text)


class ResidentsView(TerminalRepr):
    """A failure report that starts with the resident's view, then pytest's own details."""

    def __init__(self, failure: StepFailure, original: object) -> None:
        self.failure = failure
        self.original = original
        self.reprcrash = crash_of(failure)

    def toterminal(self, tw: TerminalWriter) -> None:
        """Write the resident's view, then the technical details."""
        tw.line(explain(self.failure), bold=True)
        tw.line("")
        tw.line("Technical details:")
        if isinstance(self.original, TerminalRepr):
            self.original.toterminal(tw)
        else:
            tw.line(str(self.original))


# An Outline's columns that are words to show, not values a resident types: left out of titles.
SAID = ("message", "what to do")


def title(item: pytest.Item, name: str) -> str:
    """A scenario run's name in reports: the scenario's, the values its row types, its screen.

    So an Outline's rows, and a guide scenario's desktop and phone runs, are told apart.
    """
    callspec = getattr(item, "callspec", None)
    params: dict[str, Any] = callspec.params if callspec else {}
    example: dict[str, str] = params.get(EXAMPLE_FIXTURE) or {}
    on_portal = item.stash.get(TYPED, {})  # as typed on this portal, where a step said so
    typed = [
        _typed(key, *on_portal.get(key, (value, "")))
        for key, value in example.items()
        if key not in SAID
    ]
    shown = f"{name} ({', '.join(typed)})" if typed else name
    return f"{shown} [{params['screen']}]" if params.get("screen") else shown


def _typed(box: str, value: str, what: str) -> str:
    """A typed number in a title: the box, the number, and what it tests if not as printed."""
    return f"{box}: \u201c{value}\u201d" + (f" ({what})" if what else "")


def page_of(request: pytest.FixtureRequest, step_args: dict[str, object]) -> Page | None:
    """The scenario's page, if it has one already (never a new one)."""
    page = step_args.get("page")
    if page is None and "page" in request.fixturenames:
        page = request.getfixturevalue("page")  # already made for this scenario: no new page
    return page if isinstance(page, Page) else None


def remember(
    request: pytest.FixtureRequest,
    feature: Feature,
    scenario: Scenario,
    step: Step,
    error: str,
    step_args: dict[str, object],
) -> None:
    """Keep which step failed, which handout instruction it carries out, and the screen."""
    request.node.stash[FAILURE] = StepFailure(
        scenario=title(request.node, scenario.name),
        step=f"{step.keyword} {step.name}",
        location=f"{feature.rel_filename}:{step.line_number}",
        handout=refs_by_line(Path(feature.filename)).get(step.line_number),
        error=error,
        page=look_at(page_of(request, step_args)),
    )


def attach(item: pytest.Item, report: pytest.TestReport) -> StepFailure | None:
    """Put the resident's view at the top of a failed scenario's report; the failure, if any."""
    failure = item.stash.get(FAILURE, None)
    if report.when == "call" and report.failed and failure is not None:
        report.longrepr = ResidentsView(failure, report.longrepr)
        setattr(report, CARRIED, asdict(failure))
        return failure
    return None


def carried(report: pytest.TestReport) -> StepFailure | None:
    """The failure a report carries, if it is a scenario's."""
    data: dict[str, Any] | None = getattr(report, CARRIED, None)
    if not data:
        return None
    page = PageView(**data["page"]) if data.get("page") else None
    return StepFailure(**{**data, "page": page})


class ByCause:
    """Failures told once per cause: the first in full, the others in three lines, then a list.

    With -v each is told in full, with pytest's own details (the traceback); the reports always
    hold them.
    """

    def __init__(self, config: pytest.Config) -> None:
        self.verbose = config.get_verbosity() > 0
        self.groups: dict[str, list[StepFailure]] = {}

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_terminal_summary(
        self, terminalreporter: pytest.TerminalReporter
    ) -> Generator[None, None, None]:
        """Shorten the failures before pytest prints them; list them by cause afterwards."""
        firsts: dict[str, StepFailure] = {}
        for report in terminalreporter.stats.get("failed", []):
            failure = carried(report)
            if failure is None:
                continue
            first = firsts.setdefault(cause(failure), failure)
            self.groups.setdefault(cause(failure), []).append(failure)
            if self.verbose:
                continue  # each in full, with pytest's details
            if first is not failure:
                report.longrepr = Told(same_cause(failure, first), failure)
            else:
                told = explain(failure) + "\n\nTechnical details: shown with -v."
                report.longrepr = Told(told, failure)
        yield
        shared = {told: group for told, group in self.groups.items() if len(group) > 1}
        if not shared:
            return
        terminalreporter.section("failures by cause")
        for told, group in shared.items():
            terminalreporter.line(f"{len(group)} scenarios: {told}")
            for failure in group:
                terminalreporter.line(
                    f"  - {failure.scenario}: {failure.step} ({failure.location})"
                )


def configure(config: pytest.Config) -> None:
    """Tell failures by cause, where the run's results come together (not in xdist workers)."""
    if not hasattr(config, "workerinput"):
        config.pluginmanager.register(ByCause(config), "driftless-by-cause")
