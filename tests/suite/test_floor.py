"""The benchmark's floor (scripts/floor.py) runs the suite's own steps, so it cannot drift."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from driftless.plugin.compat import FeatureParser

ROOT = Path(__file__).resolve().parents[2]


def load_floor() -> ModuleType:
    spec = importlib.util.spec_from_file_location("floor", ROOT / "scripts" / "floor.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["floor"] = module
    spec.loader.exec_module(module)
    return module


FLOOR = load_floor()


def test_the_floor_has_every_scenario_once_per_example() -> None:
    expected = []
    for path in sorted((ROOT / "features").glob("*.feature")):
        for name, template in FeatureParser(str(path.parent), path.name).parse().scenarios.items():
            runs = sum(len(list(examples.as_contexts())) for examples in template.examples)
            expected += [name] * max(runs, 1)
    assert [planned.name for planned in FLOOR.plan(ROOT / "features")] == expected


def test_the_floor_takes_as_many_pictures_as_the_guide_run_records() -> None:
    """The guide shows most of them (a result on the same screen as the next is left out)."""
    published = list((ROOT / "docs" / "screenshots").rglob("*.json"))  # one sidecar a picture
    screens = len(FLOOR.SCREENS)
    planned = FLOOR.plan(ROOT / "features")
    pictures = sum(move.pictured for p in planned if p.recorded for move in p.moves) * screens
    assert len(published) <= pictures <= len(published) * 1.5


def test_a_step_the_suite_does_not_define_is_named(tmp_path: Path) -> None:
    (tmp_path / "odd.feature").write_text(
        "Feature: Odd\n  Scenario: Unknown\n    Given I have signed in\n    When I juggle\n"
    )
    with pytest.raises(FLOOR.NoDefinition, match=r"no step definition for When 'I juggle'"):
        FLOOR.plan(tmp_path)


def test_a_step_needing_what_no_earlier_step_gave_is_named(tmp_path: Path) -> None:
    (tmp_path / "odd.feature").write_text(
        "Feature: Odd\n  Scenario: Out of order\n"
        "    When I open the address of their account page\n"
    )
    with pytest.raises(FLOOR.NoDefinition, match=r"needs their_account: not given"):
        FLOOR.plan(tmp_path)


@pytest.mark.browser
def test_the_floor_runs_a_guide_scenario_with_its_pictures() -> None:
    command = [
        sys.executable,
        str(ROOT / "scripts" / "floor.py"),
        "--screenshots",
        "-k",
        "register",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert "floor: 2 scenario runs, 8 screenshots" in done.stdout
