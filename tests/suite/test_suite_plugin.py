"""The suite is a pytest plugin of its own: loaded with -p, its fixtures still win.

A plugin given with -p registers before the entry points, so pytest-playwright's fixtures
would otherwise override the suite's; `steps.plugin` registers its fixtures at configure time.
"""

from __future__ import annotations

import pytest

from tests.support import ROOT

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
