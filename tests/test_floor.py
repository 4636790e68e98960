"""The benchmark's floor (scripts/floor.py) stays the same scenarios as features/."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from driftless.model.record import result_step
from driftless.plugin.compat import FeatureParser, ScenarioTemplate

ROOT = Path(__file__).resolve().parents[1]


def load_floor() -> ModuleType:
    spec = importlib.util.spec_from_file_location("floor", ROOT / "scripts" / "floor.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["floor"] = module
    spec.loader.exec_module(module)
    return module


FLOOR = load_floor()


def scenarios() -> dict[str, ScenarioTemplate]:
    found: dict[str, ScenarioTemplate] = {}
    for path in sorted((ROOT / "features").glob("*.feature")):
        feature = FeatureParser(str(path.parent), path.name).parse()
        found.update(feature.scenarios)
    return found


def part(template: ScenarioTemplate) -> str | None:
    tags = template.tags | template.feature.tags
    return next((tag for tag in ("guide", "troubleshooting") if tag in tags), None)


def test_the_floor_has_every_scenario_once_per_example() -> None:
    expected = []
    for name, template in scenarios().items():
        runs = sum(len(list(examples.as_contexts())) for examples in template.examples)
        expected += [name] * max(runs, 1)
    assert sorted(scenario.name for scenario in FLOOR.SCENARIOS) == sorted(expected)


@pytest.mark.parametrize("name", sorted(scenarios()))
def test_the_floor_takes_the_same_steps_and_pictures(name: str) -> None:
    template = scenarios()[name]
    background = [step for step in template.steps if step.background]
    steps = [step for step in template.steps if not step.background]
    for scenario in (s for s in FLOOR.SCENARIOS if s.name == name):
        assert len(scenario.background) == len(background)
        assert len(scenario.steps) == len(steps)
        assert scenario.part == part(template)
        if scenario.part == "troubleshooting":
            keywords = [step.type.capitalize() for step in template.steps]
            assert scenario.result == (result_step(keywords) or 0) - len(background)


def test_the_floors_examples_are_the_outlines() -> None:
    template = scenarios()["Numbers that are not as printed on the bill"]
    rows = [
        (row["account number"], row["customer ID"], row["message"])
        for examples in template.examples
        for row in examples.as_contexts()
    ]
    assert rows == FLOOR.MISTYPED
