"""What a failed scenario keeps, decided once from every option that bears on it."""

from __future__ import annotations

from typing import Any

import pytest

from driftless.plugin.evidence import Evidence
from driftless.plugin.provenance import DECLARED, Declared


class Options:
    """Just what `Evidence.decide` reads of a pytest config."""

    def __init__(self, declared: bool = False, **options: Any) -> None:
        self.options = {
            "tracing": "off",
            "screenshot": "off",
            "retrace": True,
            "conformance_report": None,
            "conformance_traces": "on",
            **options,
        }
        self.stash = pytest.Stash()
        if declared:
            self.stash[DECLARED] = Declared()

    def getoption(self, name: str) -> Any:
        return self.options[name]


def decide(config: Options) -> Evidence:
    return Evidence.decide(config)  # type: ignore[arg-type]


def test_against_the_reference_portal_a_failure_runs_again_for_its_trace() -> None:
    assert decide(Options()) == Evidence("off", "off", retrace=True)
    assert decide(Options(retrace=False)) == Evidence("off", "off", retrace=False)
    traced = decide(Options(tracing="retain-on-failure"))
    assert traced == Evidence("retain-on-failure", "off", retrace=False)  # traced already


@pytest.mark.parametrize("report", [None, "reports/conformance"])
def test_a_conformance_run_traces_from_the_start_and_runs_nothing_twice(report: str) -> None:
    """A vendor's portal (a config file read) or a report asked for: no second run there."""
    evidence = decide(Options(declared=report is None, conformance_report=report))
    assert evidence.tracing == "retain-on-failure"
    assert not evidence.retrace
    assert evidence.screenshot == ("only-on-failure" if report else "off")


def test_conformance_traces_off_records_no_trace_and_runs_nothing_twice() -> None:
    evidence = decide(Options(declared=True, conformance_traces="off"))
    assert evidence == Evidence("off", "off", retrace=False)


def test_a_tracing_asked_for_is_kept() -> None:
    evidence = decide(Options(declared=True, tracing="on", screenshot="on"))
    assert evidence == Evidence("on", "on", retrace=False)
