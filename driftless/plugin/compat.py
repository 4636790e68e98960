"""Every use of pytest's and pytest-bdd's internals, in one place, each with the reason.

Nothing else in the project imports `_pytest` or a pytest-bdd module beyond its public API
(`given`/`when`/`then`, `scenarios`, `parsers`), so an upgrade that moves one of these names
breaks here, in one file. The upper bounds in pyproject.toml (pytest<10, pytest-bdd<10) are the
releases these were written against; `tests/suite/test_compat.py` checks the names still do what
the project relies on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

# pytest: the base class of a report's long text. A failure told in the resident's words is one,
# so pytest prints it where it prints any failure (and xdist carries it as text).
from _pytest._code.code import TerminalRepr

# pytest: what TerminalRepr.toterminal writes to; public only as a type of that method.
from _pytest._io import TerminalWriter

# pytest: how the JUnit XML names a test (its classname and name), to find a test case in it.
from _pytest.junitxml import mangle_test_address

# pytest: one item's setup, call and teardown, without logging them, so a failed scenario can
# be run again for its trace and reported once (pytest-rerunfailures does the same).
from _pytest.runner import runtestprotocol

# pytest-bdd: the parsed Gherkin that its hooks pass around (the hooks' own argument types) and
# its parser, with which the floor, the vendor's wording check and the tests read features/.
from pytest_bdd.parser import Feature, FeatureParser, Scenario, ScenarioTemplate, Step

# pytest-bdd 9: each test report's scenario, kept in the worker's memory; carried to the xdist
# controller so the cucumber JSON is whole under `pytest -n`.
from pytest_bdd.reporting import (
    ReportContext,
    scenario_reports_registry,
    test_report_context_registry,
)

# pytest-bdd 9: the scenario behind each generated test function, for the conformance report.
from pytest_bdd.scenario import scenario_wrapper_template_registry

# pytest-bdd 9: every step definition of the imported step modules, with its parser, converters
# and target fixture: the benchmark's floor runs the suite's own steps without pytest.
from pytest_bdd.steps import StepFunctionContext, step_function_context_registry

# pytest-bdd: the fixture holding an Outline row's values ({} outside an Outline); every
# scenario test asks for it, which is how a scenario test is told from any other test.
EXAMPLE_FIXTURE = "_pytest_bdd_example"

__all__ = [
    "EXAMPLE_FIXTURE",
    "Feature",
    "FeatureParser",
    "ReportContext",
    "Scenario",
    "ScenarioTemplate",
    "Step",
    "StepFunctionContext",
    "TerminalRepr",
    "TerminalWriter",
    "is_scenario",
    "junit_names",
    "rendered_scenarios",
    "renew_fixtures",
    "runtestprotocol",
    "scenario_reports_registry",
    "scenario_wrapper_template_registry",
    "step_definitions",
    "test_report_context_registry",
]


def is_scenario(item: pytest.Item) -> bool:
    """Whether a test is one of pytest-bdd's scenario tests."""
    return EXAMPLE_FIXTURE in getattr(item, "fixturenames", ())


def junit_names(nodeid: str) -> tuple[str, str]:
    """A test's classname and name in pytest's JUnit XML."""
    names = mangle_test_address(nodeid)
    return ".".join(names[:-1]), names[-1]


def renew_fixtures(item: pytest.Item) -> None:
    """Give an item fresh fixture values before running it again (pytest's private reset)."""
    item._initrequest()  # type: ignore[attr-defined]


def step_definitions() -> list[StepFunctionContext]:
    """The step definitions of every step module imported so far."""
    return list(step_function_context_registry.values())


def rendered_scenarios(features: Path) -> Iterator[tuple[Scenario, int]]:
    """Every scenario of the features, once per Outline row, in the order pytest collects them.

    Each comes with how many of its first steps are its feature's Background.
    """
    for path in sorted(features.glob("*.feature")):
        feature = FeatureParser(str(path.parent), path.name).parse()
        for template in feature.scenarios.values():
            background = len(template.all_background_steps)
            rows = [row for examples in template.examples for row in examples.as_contexts()]
            for row in rows or [{}]:
                yield template.render(row), background
