"""Fixtures for the browser: the screens scenarios run on, the Chromium, and remote browsers.

Registered by `steps.plugin` after pytest-playwright's own fixtures, which these extend. A
Playwright server is reached through pytest-playwright's `connect_options`; a Chromium's
DevTools address (which `connect_options` cannot name) through `connect_over_cdp`.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, BrowserType, Playwright
from playwright.sync_api import Error as PlaywrightError

from driftless.capture.browser import (
    BrowserNotFound,
    Chromium,
    launch_options,
    launched_again_if_it_ended,
    resolve,
)
from driftless.capture.patience import watch

STEP_TIMEOUT = pytest.StashKey[float]()  # on the config: seconds a step waits
SCREENS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
# The same screens every run: a fixed scale, language, time zone and colours, no animations.
SETTINGS: dict[str, Any] = {
    "device_scale_factor": 1,
    "locale": "en-US",
    "timezone_id": "America/Chicago",
    "reduced_motion": "reduce",
    "color_scheme": "light",
}
CONNECT_TIMEOUT_MS = 30_000
VENDOR_STEP_TIMEOUT = 5.0  # seconds a step waits for an element of another portal
REFERENCE_STEP_TIMEOUT = 30.0  # and of the reference portal
REFERENCE_TIMEOUT_MS = REFERENCE_STEP_TIMEOUT * 1000
NAVIGATION_TIMEOUT_MS = 30_000  # a page of a portal far away may be slow to load


def add_options(group: pytest.OptionGroup) -> None:
    """The remote-browser options."""
    group.addoption(
        "--browser-endpoint",
        metavar="WS_URL",
        help="drive a Chromium launched by a Playwright server (`playwright run-server`, or "
        "the Playwright Docker image) at this ws:// address instead of a local one",
    )
    group.addoption(
        "--step-timeout",
        type=float,
        metavar="SECONDS",
        help=f"how long a step waits for an element before it fails (default: "
        f"{VENDOR_STEP_TIMEOUT:g} s against another portal, 30 s against the reference one; "
        "page loads always get 30 s)",
    )
    group.addoption(
        "--cdp-endpoint",
        metavar="URL",
        help="drive a running Chromium over the Chrome DevTools Protocol at this address "
        "(http:// or ws://; Selenium Grid 4, browserless, chromium --remote-debugging-port)",
    )


def step_timeout(config: pytest.Config, vendor: bool) -> float:
    """How long a step waits for what it looks for, in seconds.

    Against another portal a step that cannot find its element should say so within seconds,
    so that a whole core report takes minutes; the reference portal keeps Playwright's 30 s.
    """
    given: float | None = config.getoption("step_timeout")
    if given is not None:
        return given
    return VENDOR_STEP_TIMEOUT if vendor else REFERENCE_STEP_TIMEOUT


def check_options(config: pytest.Config) -> None:
    """One remote browser at most; a timeout that is a number of seconds."""
    given = config.getoption("step_timeout")
    if given is not None and not 0 < given <= 600:
        raise pytest.UsageError("--step-timeout takes seconds, more than 0 and at most 600.")
    if config.getoption("browser_endpoint") and config.getoption("cdp_endpoint"):
        raise pytest.UsageError(
            "Give either --browser-endpoint (a Playwright server) or --cdp-endpoint "
            "(a Chromium's DevTools address), not both."
        )


def remote(config: pytest.Config) -> str | None:
    """The remote browser's address, if the run drives one."""
    found: str | None = config.getoption("browser_endpoint") or config.getoption("cdp_endpoint")
    return found


@pytest.fixture(scope="session", autouse=True)
def delete_output_dir() -> None:
    """pytest-playwright's emptying of its --output folder: done once a run, at configure.

    Its own empties the folder whenever the session's fixtures are set up, and they are set up
    again when the last test of a process is run again for its trace: that deleted every
    earlier failure's screenshot and trace (every worker's, under xdist).
    """


def empty_output_dir(config: pytest.Config) -> None:
    """Empty pytest-playwright's --output folder (test-results/) for the run's new files.

    By the process that runs the session (the xdist controller, not each worker), before any
    test, so a later failure's files are never removed.
    """
    if hasattr(config, "workerinput"):
        return
    output = Path(config.getoption("output", "test-results"))
    if output.is_dir():
        shutil.rmtree(output, ignore_errors=True)


@pytest.fixture(autouse=True)
def screen() -> str:
    """The screen size a scenario runs on: desktop, unless the guide asks for both."""
    return "desktop"


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any], screen: str) -> dict[str, Any]:
    """A fixed window, language, time zone and no animations: the same screens every run."""
    return {**browser_context_args, **context_options(screen)}


def context_options(screen: str) -> dict[str, Any]:
    """What a new browser context needs to show a screen as every run shows it."""
    return {**SCREENS[screen], **SETTINGS}


def with_timeouts(context: BrowserContext, config: pytest.Config) -> BrowserContext:
    """A context whose steps wait as a resident does, up to the run's timeout; pages load in 30 s.

    Its waits end early once a page has settled without what they wait for
    (`driftless.capture.patience`).
    """
    timeout_ms = config.stash[STEP_TIMEOUT] * 1000
    context.set_default_timeout(timeout_ms)
    context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
    return watch(context, timeout_ms)


@pytest.fixture(scope="session")
def connect_options(pytestconfig: pytest.Config) -> dict[str, Any] | None:
    """With --browser-endpoint, pytest-playwright connects to that Playwright server.

    The server's browser reaches this machine's loopback (the reference portal) through the
    connection, as if it ran here.
    """
    server = pytestconfig.getoption("browser_endpoint")
    if not server:
        return None
    return {"endpoint": server, "timeout": CONNECT_TIMEOUT_MS, "expose_network": "<loopback>"}


@pytest.fixture(scope="session")
def launch_browser(
    launch_browser: Callable[..., Browser], pytestconfig: pytest.Config, browser_type: BrowserType
) -> Callable[..., Browser]:
    """Launch or connect; a remote browser that does not answer ends the run with a message."""
    cdp = pytestconfig.getoption("cdp_endpoint")

    def start(**kwargs: Any) -> Browser:
        try:
            if cdp:
                return browser_type.connect_over_cdp(cdp, timeout=CONNECT_TIMEOUT_MS)
            if remote(pytestconfig):
                return launch_browser(**kwargs)
            return launched_again_if_it_ended(launch_browser, **kwargs)
        except PlaywrightError as error:
            if not remote(pytestconfig):
                raise
            reason = str(error).splitlines()[0]
            pytest.exit(f"cannot connect to the browser at {remote(pytestconfig)} ({reason})", 4)

    return start


@pytest.fixture(scope="session")
def chromium(pytestconfig: pytest.Config, playwright: Playwright) -> Chromium:
    """The Chromium this run drives (Playwright's own asked of the run's Playwright)."""
    try:
        headed = bool(pytestconfig.getoption("headed"))
        return resolve(pytestconfig.getoption("chromium"), headless=not headed, running=playwright)
    except BrowserNotFound as missing:
        pytest.exit(str(missing), returncode=4)


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any],
    pytestconfig: pytest.Config,
    request: pytest.FixtureRequest,
) -> dict[str, Any]:
    """pytest-playwright's launch arguments, plus the Chromium found and its quiet flags.

    For a Playwright server they are sent along in the server's own (camelCase) names: one
    started with --unsafe honours them (and a --chromium path on its machine); others launch
    their own Chromium with their own flags.
    """
    if pytestconfig.getoption("browser_channel") or set(
        pytestconfig.getoption("browser") or ["chromium"]
    ) != {"chromium"}:
        return browser_type_launch_args
    if remote(pytestconfig):  # a --chromium path is on the server's machine: not checked here
        path = pytestconfig.getoption("chromium")
        extra = launch_options(Chromium(Path(path), "configured") if path else None)
        if "executable_path" in extra:
            extra["executablePath"] = extra.pop("executable_path")
    else:
        extra = launch_options(request.getfixturevalue("chromium"))
    args = [*browser_type_launch_args.get("args", []), *extra.pop("args")]  # type: ignore[misc]
    return {**browser_type_launch_args, **extra, "args": args}
