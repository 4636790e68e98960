"""Carry pytest-bdd's scenario reports from xdist workers to the controller.

pytest-bdd keeps each report's scenario in a registry in the worker's memory, so under
`pytest -n` its cucumber JSON comes out empty. These hooks add the scenario to the report as it
is sent to the controller, and put it back in the controller's registry.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import asdict
from typing import Any

import pytest

from driftless.plugin.compat import ReportContext, test_report_context_registry

FIELD = "driftless_bdd_context"


@pytest.hookimpl(wrapper=True)
def pytest_report_to_serializable(
    report: pytest.TestReport,
) -> Generator[None, dict[str, Any] | None, dict[str, Any] | None]:
    """Attach the scenario report, if any, to the serialized test report."""
    data = yield
    context = test_report_context_registry.get(report)
    if data is not None and context is not None:
        data[FIELD] = asdict(context)
    return data


@pytest.hookimpl(wrapper=True)
def pytest_report_from_serializable(
    data: dict[str, Any],
) -> Generator[None, pytest.TestReport | None, pytest.TestReport | None]:
    """Register the scenario report of a test report that arrived from a worker."""
    context = data.pop(FIELD, None)
    report = yield
    if report is not None and context is not None:
        test_report_context_registry[report] = ReportContext(**context)
    return report
