"""--retrace: a failed scenario runs once more, at once, with a Playwright trace.

The failure stands whatever the second run does; its report says where the trace is, or that
the scenario passed the second time and may be flaky.
"""

from __future__ import annotations

import pytest

from driftless.plugin import evidence
from driftless.plugin.compat import is_scenario, renew_fixtures, runtestprotocol
from driftless.plugin.state import FAILURE, RETRACING, UNDEFINED


def add_options(group: pytest.OptionGroup) -> None:
    """--retrace."""
    group.addoption(
        "--retrace",
        action="store_true",
        help="when a scenario fails and --tracing is off, run it once more with a Playwright "
        "trace; the failure stands, and a pass the second time is reported as flaky",
    )


def is_retracing(config: pytest.Config) -> bool:
    """Whether the scenario running now is a failed one run again for its trace."""
    return config.stash.get(RETRACING, False)


def run(item: pytest.Item, nextitem: pytest.Item | None) -> bool | None:
    """Run a scenario; if it fails, again with a trace; then report the first run."""
    config = item.config
    if not evidence.of(config).retrace:
        return None
    if not is_scenario(item):
        return None  # only scenarios, whose browser pages a trace records
    item.ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    reports = runtestprotocol(item, nextitem=nextitem, log=False)
    failed = next((r for r in reports if r.when == "call" and r.failed), None)
    if failed is not None and not item.stash.get(UNDEFINED, False):  # a trace would show nothing
        _retrace(item, nextitem, failed)
        for report in reports:  # JUnit XML takes a test's properties from its teardown
            if report.when == "teardown":
                report.user_properties.extend(
                    (name, value)
                    for name, value in failed.user_properties
                    if name == "playwright_trace"
                )
    for report in reports:
        item.ihook.pytest_runtest_logreport(report=report)
    item.ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
    return True


def _retrace(item: pytest.Item, nextitem: pytest.Item | None, failed: pytest.TestReport) -> None:
    """Run the failed scenario once more with tracing on; attach its trace to the failure."""
    config = item.config
    config.stash[RETRACING] = True
    if FAILURE in item.stash:
        del item.stash[FAILURE]
    renew_fixtures(item)  # as pytest-rerunfailures does
    try:
        with evidence.traced(config):
            again = runtestprotocol(item, nextitem=nextitem, log=False)
    finally:
        config.stash[RETRACING] = False
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
