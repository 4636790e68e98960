"""What a failed scenario keeps (its screenshot, its page, its trace), decided once for the run.

Four options bear on it: pytest-playwright's --tracing and --screenshot, the recorder's
--retrace, and, in a conformance run (a report asked for, or a vendor's portal config read by
the suite), --conformance-traces. They are read here once, when the session starts (after every
plugin has configured, so the suite has declared a vendor's portal), into one `Evidence` the
other modules ask for. pytest-playwright reads only its own options, so the run's choice is
handed to it here (`hand_over`, and `traced` while a failed scenario runs again for its trace)
and nowhere else.

In a conformance run every scenario is traced from its start and the traces of the failures
are kept, so none is run twice on a vendor's portal (--conformance-traces off: no trace, and no
second run); its report shows each failure's screenshot, so screenshots are taken on failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from driftless.plugin.provenance import DECLARED

RETAIN = "retain-on-failure"


@dataclass(frozen=True)
class Evidence:
    """The run's evidence settings, as every module that keeps or tells evidence reads them."""

    tracing: str  # pytest-playwright's --tracing, as the run uses it
    screenshot: str  # pytest-playwright's --screenshot, as the run uses it
    retrace: bool  # a failed scenario runs once more, at once, with a trace

    @classmethod
    def decide(cls, config: pytest.Config) -> Evidence:
        """The settings from every option that bears on them."""
        tracing, screenshot = config.getoption("tracing"), config.getoption("screenshot")
        reporting = bool(config.getoption("conformance_report"))
        conformance = reporting or DECLARED in config.stash
        traces_off = conformance and config.getoption("conformance_traces") == "off"
        if conformance and not traces_off and tracing == "off":
            tracing = RETAIN  # traced from the start: a failure keeps its trace, once run
        if reporting and screenshot == "off":
            screenshot = "only-on-failure"  # the report shows each failure's screen
        retrace = bool(config.getoption("retrace")) and tracing == "off" and not traces_off
        return cls(tracing, screenshot, retrace)


EVIDENCE = pytest.StashKey[Evidence]()


def hand_over(config: pytest.Config) -> Evidence:
    """Decide the run's evidence and give pytest-playwright its part; the settings."""
    evidence = Evidence.decide(config)
    config.stash[EVIDENCE] = evidence
    config.option.tracing, config.option.screenshot = evidence.tracing, evidence.screenshot
    return evidence


def of(config: pytest.Config) -> Evidence:
    """The run's evidence settings (decided at the session's start)."""
    return config.stash.get(EVIDENCE, None) or Evidence.decide(config)


@contextmanager
def traced(config: pytest.Config) -> Iterator[None]:
    """While a failed scenario runs again: pytest-playwright traces it and keeps the trace."""
    config.option.tracing = RETAIN
    try:
        yield
    finally:
        config.option.tracing = of(config).tracing
