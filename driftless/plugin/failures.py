"""A failed scenario's report in pytest's terminal: the resident's view first, then pytest's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page

from driftless.capture.screen import look_at
from driftless.model.failure import StepFailure
from driftless.model.handout import refs_by_line
from driftless.plugin.compat import Feature, Scenario, Step, TerminalRepr, TerminalWriter
from driftless.plugin.state import FAILURE
from driftless.render.failures import explain, one_line


@dataclass
class _Crash:
    path: str
    lineno: int
    message: str


class ResidentsView(TerminalRepr):
    """A failure report that starts with the resident's view, then pytest's own details."""

    def __init__(self, failure: StepFailure, original: object) -> None:
        self.failure = failure
        self.original = original
        path, _, line = failure.location.rpartition(":")
        self.reprcrash = _Crash(
            str(Path(path)), int(line) if line.isdigit() else 0, one_line(failure)
        )

    def toterminal(self, tw: TerminalWriter) -> None:
        """Write the resident's view, then the technical details."""
        tw.line(explain(self.failure), bold=True)
        tw.line("")
        tw.line("Technical details:")
        if isinstance(self.original, TerminalRepr):
            self.original.toterminal(tw)
        else:
            tw.line(str(self.original))


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
        scenario=scenario.name,
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
        return failure
    return None
