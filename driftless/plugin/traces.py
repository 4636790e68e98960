"""The traces pytest-playwright kept for failed tests, listed at the end with how to open each."""

from __future__ import annotations

import pytest


class TraceList:
    """Collects the traces attached to test reports, and lists them in the summary."""

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


def configure(config: pytest.Config) -> None:
    """Start collecting."""
    config.pluginmanager.register(TraceList(), "driftless-traces")
