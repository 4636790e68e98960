"""Every handout instruction has steps, and every step cites an instruction that exists."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from driftless.model.handout import Handout, step_refs

ROOT = Path(__file__).resolve().parents[2]
FEATURES = sorted((ROOT / "features").glob("*.feature"))
HANDOUT = Handout.load(ROOT / "features" / "handout.toml")


def test_the_handout_lists_its_instructions_in_order() -> None:
    """Its introduction, its numbered instructions in ascending order, then its closing note."""
    first, *numbered, last = HANDOUT.ids
    assert (first, last) == ("intro", "closing")
    numbers = [int(instruction) for instruction in numbered]
    assert numbers, "the handout has numbered instructions"
    assert numbers == sorted(set(numbers)), numbers


def test_every_feature_has_scenarios() -> None:
    assert FEATURES
    for feature in FEATURES:
        assert "Scenario" in feature.read_text(), f"{feature.name} has no scenario"


@pytest.mark.parametrize("feature", FEATURES, ids=lambda path: path.name)
def test_every_step_cites_a_real_instruction(feature: Path) -> None:
    steps = step_refs(feature)
    assert steps, f"{feature.name} has no steps"
    uncited = [f"{feature.name}:{step.line} {step.text}" for step in steps if step.ref is None]
    assert not uncited, "steps without a '# handout: <id>' comment above them:\n" + "\n".join(
        uncited
    )
    unknown = [
        f"{feature.name}:{step.line} cites {step.ref!r}"
        for step in steps
        if step.ref not in HANDOUT.ids
    ]
    assert not unknown, f"known ids are {HANDOUT.ids}:\n" + "\n".join(unknown)


def test_every_instruction_has_a_step() -> None:
    cited = {step.ref for feature in FEATURES for step in step_refs(feature)}
    missing = [instruction for instruction in HANDOUT.ids if instruction not in cited]
    assert not missing, f"handout instructions with no step: {missing}"


def test_citations_carry_over_until_the_next_one_and_stop_at_a_scenario(tmp_path: Path) -> None:
    feature = tmp_path / "sample.feature"
    feature.write_text(
        "Feature: Sample\n"
        "  Scenario: One\n"
        "    # handout: 1\n"
        "    Given a\n"
        "    And b\n"
        '      """\n'
        "      Given not a step inside a doc string\n"
        '      """\n'
        "    # handout: 5\n"
        "    When c\n"
        "  Scenario: Two\n"
        "    Then d\n"
    )
    assert [(step.text, step.ref) for step in step_refs(feature)] == [
        ("Given a", "1"),
        ("And b", "1"),
        ("When c", "5"),
        ("Then d", None),
    ]


def test_a_feature_edited_between_reads_is_read_again(tmp_path: Path) -> None:
    feature = tmp_path / "sample.feature"
    feature.write_text("Feature: Sample\n  Scenario: One\n    # handout: 1\n    Given a\n")
    assert [step.ref for step in step_refs(feature)] == ["1"]
    feature.write_text("Feature: Sample\n  Scenario: One\n    # handout: 2\n    Given a\n")
    os.utime(feature, ns=(feature.stat().st_mtime_ns + 10**9,) * 2)  # a later edit
    assert [step.ref for step in step_refs(feature)] == ["2"]
