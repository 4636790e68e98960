"""The pytest and pytest-bdd internals of driftless/plugin/compat.py still do what is relied on."""

from __future__ import annotations

from pathlib import Path

import pytest

from driftless.plugin import compat

ROOT = Path(__file__).resolve().parents[2]


def test_the_step_definitions_of_imported_modules_are_found() -> None:
    import steps.linking  # noqa: F401  (registers its steps)

    texts = {context.parser.name for context in compat.step_definitions()}
    assert "I enter the account number and customer ID from my bill" in texts
    wanted = [c for c in compat.step_definitions() if c.target_fixture == "account_page"]
    assert [c.step_func.__name__ for c in wanted] == ["viewing_account"]


def test_the_parser_gives_scenarios_outline_rows_and_backgrounds() -> None:
    feature = compat.FeatureParser(str(ROOT / "features"), "linking_accounts.feature").parse()
    template = feature.scenarios["Numbers that are not as printed on the bill"]
    assert isinstance(template, compat.ScenarioTemplate)
    rows = [row for examples in template.examples for row in examples.as_contexts()]
    assert len(rows) == 8
    assert template.all_background_steps
    rendered = template.render(rows[0])
    assert isinstance(rendered, compat.Scenario)
    assert all("<" not in step.name for step in rendered.steps)


def test_a_scenario_test_is_told_from_any_other(pytester: pytest.Pytester) -> None:
    pytester.makefile(".feature", odd="Feature: Odd\n  Scenario: Nothing\n    Given nothing\n")
    pytester.makepyfile(
        "from pytest_bdd import given, scenarios\n"
        "scenarios('odd.feature')\n"
        "@given('nothing')\n"
        "def nothing():\n    pass\n"
        "def test_plain():\n    pass\n"
    )
    items, _ = pytester.inline_genitems("-p", "no:cacheprovider")
    assert {item.name: compat.is_scenario(item) for item in items} == {
        "test_nothing": True,
        "test_plain": False,
    }
