"""The suite drives a browser it did not start: a Playwright server, or a Chromium over CDP.

Each test starts the remote end on loopback, makes the local Chromium impossible to find, and
runs one scenario through the endpoint.
"""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

from driftless.capture.browser import (
    CLOSED_AT_LAUNCH,
    QUIET_FLAGS,
    launched_again_if_it_ended,
    resolve,
)
from tests.support import run_suite, started

SCENARIO = "Sign-in does not show Account Settings"
NOWHERE = "/nonexistent/chromium"


@pytest.fixture
def local_chromium() -> Path:
    """This machine's Chromium: the remote ends launch it."""
    return resolve().path


@pytest.fixture
def no_local_chromium(local_chromium: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run that tried to launch a Chromium of its own would stop at once."""
    monkeypatch.setenv("DRIFTLESS_CHROMIUM", NOWHERE)


@pytest.fixture
def playwright_server() -> Iterator[str]:
    """`playwright run-server` on a free loopback port; --unsafe lets it use our Chromium."""
    command = ["run-server", "--host", "127.0.0.1", "--port", "0", "--unsafe"]
    with started([sys.executable, "-m", "playwright", *command], stdout=subprocess.PIPE) as server:
        assert server.stdout is not None
        watchdog = threading.Timer(30, server.kill)  # a server that never says where it listens
        watchdog.start()
        line = server.stdout.readline()
        watchdog.cancel()
        found = re.search(r"ws://\S+", line)
        assert found, f"the Playwright server said: {line!r}"
        yield found.group(0)


@pytest.fixture
def devtools_chromium(local_chromium: Path, tmp_path: Path) -> Iterator[str]:
    """A headless Chromium listening for the DevTools Protocol on a free loopback port."""
    profile = tmp_path / "profile"
    command = [
        str(local_chromium),
        "--headless",
        "--no-sandbox",
        "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=0",
        f"--user-data-dir={profile}",
        *QUIET_FLAGS,
        "about:blank",
    ]
    with started(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            assert time.monotonic() < deadline, "Chromium did not open its DevTools port"
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port_file.read_text().split()[0]}"


@pytest.mark.browser
@pytest.mark.usefixtures("no_local_chromium")
def test_a_scenario_runs_in_a_playwright_servers_browser(
    pytester: pytest.Pytester, playwright_server: str, local_chromium: Path
) -> None:
    # The server runs on this machine, so --chromium names a Chromium it can launch.
    result = run_suite(
        pytester, "-k", "does_not_show", "--browser-endpoint", playwright_server,
        "--chromium", str(local_chromium),
    )  # fmt: skip
    result.assert_outcomes(passed=1)


@pytest.mark.browser
@pytest.mark.usefixtures("no_local_chromium")
def test_a_scenario_runs_in_a_chromium_reached_over_cdp(
    pytester: pytest.Pytester, devtools_chromium: str
) -> None:
    result = run_suite(pytester, "-k", "does_not_show", "--cdp-endpoint", devtools_chromium)
    result.assert_outcomes(passed=1)


@pytest.mark.usefixtures("no_local_chromium")
def test_without_the_endpoint_the_run_cannot_find_a_browser(pytester: pytest.Pytester) -> None:
    result = run_suite(pytester, "-k", "does_not_show")
    assert result.ret == 4
    assert NOWHERE in result.stdout.str() + result.stderr.str()


def test_a_browser_that_does_not_answer_is_named(pytester: pytest.Pytester) -> None:
    result = run_suite(pytester, "-k", "does_not_show", "--cdp-endpoint", "http://127.0.0.1:9")
    assert result.ret == 4
    output = result.stdout.str() + result.stderr.str()
    assert "cannot connect to the browser at http://127.0.0.1:9" in output
    assert "Traceback" not in output


def test_both_endpoints_at_once_is_a_usage_error(pytester: pytest.Pytester) -> None:
    result = run_suite(
        pytester, "--browser-endpoint", "ws://127.0.0.1:9/", "--cdp-endpoint", "http://127.0.0.1:9"
    )
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "either --browser-endpoint" in result.stderr.str()


def test_a_chromium_that_ends_as_it_starts_is_launched_once_more() -> None:
    tries: list[dict[str, object]] = []

    def launch(**kwargs: object) -> object:
        tries.append(kwargs)
        if len(tries) == 1:
            raise PlaywrightError(f"BrowserType.launch: {CLOSED_AT_LAUNCH}")
        return "browser"

    assert launched_again_if_it_ended(launch, headless=True) == "browser"  # type: ignore[arg-type,comparison-overlap]
    assert tries == [{"headless": True}, {"headless": True}]

    def broken(**kwargs: object) -> object:
        raise PlaywrightError("BrowserType.launch: Executable doesn't exist")

    with pytest.raises(PlaywrightError, match="Executable"):
        launched_again_if_it_ended(broken)  # type: ignore[arg-type]
