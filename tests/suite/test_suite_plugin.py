"""The suite is a pytest plugin of its own: loaded with -p, its fixtures still win.

A plugin given with -p registers before the entry points, so pytest-playwright's fixtures
would otherwise override the suite's; `steps.plugin` registers its fixtures at configure time.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from tests.support import ROOT, served, vendor_config

PROBE = """
def test_probe(browser_context_args, browser_type_launch_args, connect_options, base_url):
    assert browser_context_args["timezone_id"] == "America/Chicago"
    assert browser_context_args["viewport"] == {"width": 1280, "height": 800}
    assert "--disable-background-networking" in browser_type_launch_args["args"]
    assert connect_options is None
    assert base_url.startswith("http://127.0.0.1:")
"""


def test_loaded_with_p_the_suites_fixtures_override_pytest_playwrights(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(test_probe=PROBE)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    result = pytester.runpytest_subprocess("-p", "steps.plugin", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_a_playwright_server_is_reached_through_connect_options(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytester.makepyfile(
        test_probe="def test_probe(connect_options):\n"
        "    assert connect_options['endpoint'] == 'ws://127.0.0.1:9/'\n"
        "    assert connect_options['expose_network'] == '<loopback>'\n"
    )
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    result = pytester.runpytest_subprocess(
        "-p", "steps.plugin", "-p", "no:cacheprovider", "--browser-endpoint", "ws://127.0.0.1:9/"
    )
    result.assert_outcomes(passed=1)


SETTINGS = """
from driftless.plugin.scenario_settings import settings_of

def test_probe(request):
    settings = settings_of(request)
    assert (settings.screen, settings.redact, settings.clock) == {told!r}
"""


@pytest.mark.parametrize(
    ("fixture", "told"),
    [
        ("", ("screen", (), "")),  # a suite that tells the recorder nothing: the defaults
        ("-p steps.plugin", ("desktop", (), "2026-10-19T14:05:00+00:00")),  # the reference's
    ],
)
def test_the_recorder_is_told_a_scenarios_settings_by_the_suite_alone(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, fixture: str, told: tuple[Any, ...]
) -> None:
    pytester.makepyfile(test_probe=SETTINGS.format(told=told))
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    result = pytester.runpytest_subprocess(*fixture.split(), "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)


def test_another_portals_settings_mask_what_its_config_names_and_keep_its_clock(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The recorder is told its config's [redact] selectors and that it shows its own time."""
    config = vendor_config("pw", '"role=button"') + '[redact]\nselectors = ["text=/\\\\d{4}/"]\n'
    pytester.makefile(".toml", portal=config)
    told = ("desktop", ("text=/\\d{4}/",), "")
    pytester.makepyfile(test_probe=SETTINGS.format(told=told))
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    with served(Flask("a portal")) as url:
        result = pytester.runpytest_subprocess(
            "-p", "steps.plugin", "-p", "no:cacheprovider", f"--base-url={url}",
            "--portal-config=portal.toml",
        )  # fmt: skip
    result.assert_outcomes(passed=1)


@pytest.mark.parametrize(
    ("fixture", "said"),
    [
        ("def scenario_settings():\n    return {'screen': 'x'}\n",
         "*scenario_settings must return a ScenarioSettings*"),
        # Defaults would drop a vendor's masks without a word: the run says what is missing.
        ("def scenario_settings(no_such_fixture):\n    pass\n",
         "*fixture 'no_such_fixture' not found*"),
    ],
)  # fmt: skip
def test_settings_the_suite_cannot_give_fail_the_scenario_in_words(
    pytester: pytest.Pytester, fixture: str, said: str
) -> None:
    """Settings of another kind, or a settings fixture that needs one nobody has."""
    pytester.makeconftest("import pytest\n@pytest.fixture\n" + fixture)
    pytester.makepyfile(test_probe=SETTINGS.format(told=()))
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines([said])
