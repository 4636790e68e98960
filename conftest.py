"""Test infrastructure: the live reference portal, the browser, and the plugin wiring."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserType
from playwright.sync_api import Error as PlaywrightError

from driftless.capture.actions import Hands
from driftless.capture.browser import (
    BrowserNotFound,
    Chromium,
    launch_options,
    resolve,
)
from driftless.model.record import GUIDE_TAGS
from reference_app import demo
from steps import pages, portal_config
from steps.contract import PortalContract, UnknownElement
from steps.data import Bill, PortalUnderTest, Resident
from steps.portal import GUIDE_TIME, LivePortal, portal_app, start_portal

pytest_plugins = [
    "pytester",
    "driftless.plugin",
    "steps.signing_in",
    "steps.linking",
    "steps.protecting",
]

VENDOR = pytest.StashKey[portal_config.PortalConfig]()
SCREENS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}


def pytest_addoption(parser: pytest.Parser) -> None:
    """Options of the suite's own, beside pytest-playwright's."""
    group = parser.getgroup("driftless", "portal and browser")
    group.addoption(
        "--chromium",
        metavar="PATH",
        help="Chromium or Chrome executable to drive (default: $DRIFTLESS_CHROMIUM, "
        "Playwright's own Chromium, then the system's).",
    )
    group.addoption(
        "--portal-config",
        metavar="FILE",
        help="TOML file describing a portal under test (with --base-url): its test resident, "
        "a bill's numbers, locator overrides, redactions; see docs/vendors.md",
    )
    group.addoption(
        "--browser-endpoint",
        metavar="WS_URL",
        help="drive a Chromium launched by a Playwright server (`playwright run-server`, or "
        "the Playwright Docker image) at this ws:// address instead of a local one",
    )
    group.addoption(
        "--cdp-endpoint",
        metavar="URL",
        help="drive a running Chromium over the Chrome DevTools Protocol at this address "
        "(http:// or ws://; Selenium Grid 4, browserless, chromium --remote-debugging-port)",
    )


def pytest_configure(config: pytest.Config) -> None:
    """Check the remote browser options; against another portal, read its config first."""
    if config.getoption("browser_endpoint") and config.getoption("cdp_endpoint"):
        raise pytest.UsageError(
            "Give either --browser-endpoint (a Playwright server) or --cdp-endpoint "
            "(a Chromium's DevTools address), not both."
        )
    url, path = config.getoption("base_url"), config.getoption("portal_config")
    if not url and not path:
        return
    if not url or not path:
        raise pytest.UsageError(
            "Run against another portal with both --base-url URL and --portal-config FILE "
            "(see docs/vendors.md); without them the suite starts the reference portal."
        )
    try:
        loaded = portal_config.load(Path(path))
        PortalContract(loaded.locators)
    except (portal_config.ConfigError, UnknownElement) as error:
        raise pytest.UsageError(str(error).strip('"')) from None
    reachable(url)
    config.stash[VENDOR] = loaded


def reachable(url: str, timeout: float = 15) -> None:
    """Raise a usage error saying why, if the portal does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=timeout):
            return
    except urllib.error.HTTPError:
        return  # it answers; the scenarios will say what is wrong with the answer
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise pytest.UsageError(f"cannot reach {url} ({reason})") from None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Against another portal, leave out what it cannot be asked for, and say why."""
    vendor = config.stash.get(VENDOR, None)
    if vendor is None:
        return
    for item in items:
        if item.get_closest_marker("reference"):
            reason = "not evaluated: needs the reference portal's own data or registration"
            item.add_marker(pytest.mark.skip(reason=reason))
        elif item.get_closest_marker("second_resident") and vendor.second_user is None:
            reason = "not evaluated: needs [second_user] in the portal config"
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with the demo data, built once and copied for each test that needs one."""
    app = portal_app(tmp_path_factory.mktemp("demo-db"), FROZEN_TIME=GUIDE_TIME)
    return Path(app.config["DATABASE"])


@pytest.fixture(scope="session")
def live_portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LivePortal]:
    """A reference portal with demo data, shared by the tests of one session."""
    portal = start_portal(tmp_path_factory.mktemp("live-portal"))
    yield portal
    portal.stop()


@pytest.fixture(scope="session")
def scenario_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LivePortal]:
    """The address scenarios reach the reference portal at; each gets a fresh portal behind it."""
    server = start_portal(tmp_path_factory.mktemp("scenario-portal"), FROZEN_TIME=GUIDE_TIME)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def base_url(pytestconfig: pytest.Config, request: pytest.FixtureRequest) -> str:
    """The portal under test: --base-url, or the reference portal started for this run."""
    given: str | None = pytestconfig.getoption("base_url")
    if given:
        return given
    server: LivePortal = request.getfixturevalue("scenario_server")
    return server.url + "/"


@pytest.fixture
def portal(
    base_url: str, pytestconfig: pytest.Config, request: pytest.FixtureRequest, tmp_path: Path
) -> PortalUnderTest:
    """The portal this scenario runs against, with its residents and bills."""
    vendor = pytestconfig.stash.get(VENDOR, None)
    if vendor is not None:
        request.getfixturevalue("leave_as_found")
        from driftless.plugin import RECORDER  # the plugin module loads after this one

        if recorder := pytestconfig.stash.get(RECORDER, None):
            recorder.redact = [*pytestconfig.getoption("redact"), *vendor.redact]
        return vendor_portal(base_url, vendor)
    server: LivePortal = request.getfixturevalue("scenario_server")
    server.fresh_copy(tmp_path, request.getfixturevalue("demo_database"))
    return reference_portal(base_url)


def reference_portal(url: str) -> PortalUnderTest:
    """The reference portal's demo residents and bills."""
    accounts = {account.number: account for account in demo.ACCOUNTS}
    jordan, priya = accounts["123456"], accounts["318290"]  # Jordan Rivera's and Priya Nair's
    return PortalUnderTest(
        url=url,
        resident=Resident(demo.RESIDENTS[0], demo.DEMO_PASSWORD),
        bill=Bill(jordan.number, jordan.customer_id),
        newcomer=Resident("casey.morgan@example.org", "Bluestem#2026"),
        second_resident=Resident("priya.nair@example.org", demo.DEMO_PASSWORD),
        second_bill=Bill(priya.number, priya.customer_id),
    )


def vendor_portal(url: str, vendor: portal_config.PortalConfig) -> PortalUnderTest:
    """Another portal's test resident and bill, from its config file."""
    bill = Bill(vendor.account_number, vendor.customer_id)
    second = vendor.second_user
    return PortalUnderTest(
        url=url,
        resident=Resident(vendor.user.email, vendor.user.password),
        bill=bill,
        second_resident=Resident(second.email, second.password) if second else None,
        second_bill=bill if second else None,
    )


@pytest.fixture
def leave_as_found(
    pytestconfig: pytest.Config,
    browser: Browser,
    browser_context_args: dict[str, Any],
    contract: PortalContract,
    base_url: str,
) -> Iterator[None]:
    """After a scenario on another portal, remove any link it made, even if it failed."""
    yield
    vendor = pytestconfig.stash[VENDOR]
    portal = vendor_portal(base_url, vendor)
    for resident in (portal.resident, portal.second_resident):
        if resident is not None:
            unlink_if_linked(browser, browser_context_args, contract, portal, resident)


def unlink_if_linked(
    browser: Browser,
    context_args: dict[str, Any],
    contract: PortalContract,
    portal: PortalUnderTest,
    resident: Resident,
) -> None:
    """Sign in as a resident in a browser of its own and remove the bill's link if listed."""
    context = browser.new_context(**context_args)
    try:
        page, hands = context.new_page(), Hands()
        pages.sign_in_from_start(page, portal.url, contract, hands, resident)
        pages.open_account_settings(page, contract, hands)
        if contract.account_link(page, portal.bill.account_number).count():
            pages.remove_link(page, contract, hands, portal.bill.account_number)
        pages.choose_from_user_menu(page, contract, hands, "log_out")
    finally:
        context.close()


@pytest.fixture(scope="session")
def contract(pytestconfig: pytest.Config) -> PortalContract:
    """How the suite finds the portal's elements, with the portal config's overrides."""
    vendor = pytestconfig.stash.get(VENDOR, None)
    return PortalContract(vendor.locators if vendor else {})


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """When recording the guide, run its scenarios on a desktop and a phone screen."""
    guide = any(metafunc.definition.get_closest_marker(tag) for tag in GUIDE_TAGS)
    if guide and metafunc.config.getoption("guide_run") and "screen" in metafunc.fixturenames:
        metafunc.parametrize("screen", list(SCREENS))


@pytest.fixture(autouse=True)
def screen() -> str:
    """The screen size a scenario runs on: desktop, unless the guide asks for both."""
    return "desktop"


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any], screen: str) -> dict[str, Any]:
    """A fixed window, language, time zone and no animations: the same screens every run."""
    return {
        **browser_context_args,
        **SCREENS[screen],
        "device_scale_factor": 1,
        "locale": "en-US",
        "timezone_id": "America/Chicago",
        "reduced_motion": "reduce",
        "color_scheme": "light",
    }


def remote(config: pytest.Config) -> str | None:
    """The remote browser's address, if the run drives one."""
    found: str | None = config.getoption("browser_endpoint") or config.getoption("cdp_endpoint")
    return found


@pytest.fixture(scope="session")
def launch_browser(
    launch_browser: Callable[..., Browser],
    pytestconfig: pytest.Config,
    browser_type: BrowserType,
    browser_type_launch_args: dict[str, Any],
) -> Callable[..., Browser]:
    """Launch or connect; a remote browser that does not answer ends the run with a message."""
    cdp, server = pytestconfig.getoption("cdp_endpoint"), pytestconfig.getoption("browser_endpoint")

    def start(**kwargs: Any) -> Browser:
        try:
            if cdp:
                return browser_type.connect_over_cdp(cdp, timeout=30_000)
            if server:  # the server launches with these options if it allows (--unsafe)
                options = {**browser_type_launch_args, **kwargs}
                wanted = {"headless": options.get("headless", True), "args": options["args"]}
                if "executable_path" in options:
                    wanted["executablePath"] = options["executable_path"]
                headers = {"x-playwright-launch-options": json.dumps(wanted)}
                # The browser reaches this machine's loopback (the reference portal) through
                # the connection, as if it ran here.
                return browser_type.connect(
                    server, headers=headers, timeout=30_000, expose_network="<loopback>"
                )
            return launch_browser(**kwargs)
        except PlaywrightError as error:
            if not (cdp or server):
                raise
            reason = str(error).splitlines()[0]
            pytest.exit(
                f"cannot connect to the browser at {cdp or server} ({reason})", returncode=4
            )

    return start


@pytest.fixture(scope="session")
def chromium(pytestconfig: pytest.Config) -> Chromium:
    """The Chromium this run drives."""
    try:
        headed = bool(pytestconfig.getoption("headed"))
        return resolve(pytestconfig.getoption("chromium"), headless=not headed)
    except BrowserNotFound as missing:
        pytest.exit(str(missing), returncode=4)


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any],
    pytestconfig: pytest.Config,
    request: pytest.FixtureRequest,
) -> dict[str, Any]:
    """pytest-playwright's launch arguments, plus the Chromium found and its quiet flags.

    For a Playwright server they are sent along: one started with --unsafe honours them (and a
    --chromium path on its machine); others launch their own Chromium with their own flags.
    """
    if pytestconfig.getoption("browser_channel") or set(
        pytestconfig.getoption("browser") or ["chromium"]
    ) != {"chromium"}:
        return browser_type_launch_args
    if remote(pytestconfig):  # a --chromium path is on the server's machine: not checked here
        path = pytestconfig.getoption("chromium")
        extra = launch_options(Chromium(Path(path), "configured") if path else None)
    else:
        extra = launch_options(request.getfixturevalue("chromium"))
    args = [*browser_type_launch_args.get("args", []), *extra.pop("args")]  # type: ignore[misc]
    return {**browser_type_launch_args, **extra, "args": args}
