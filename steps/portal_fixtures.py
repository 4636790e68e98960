"""Fixtures for the portal under test: the reference portal started for the run, or a vendor's.

Registered by `steps.plugin`; nothing here is a hook.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Request, expect
from playwright.sync_api import Error as PlaywrightError

from driftless.capture.actions import Hands
from driftless.capture.patience import wait_until_idle
from driftless.plugin.conformance_run import CLEANUP, NOT_CLEAN
from driftless.plugin.scenario_settings import ScenarioSettings
from steps import moves
from steps.browsers import with_timeouts
from steps.contract import PortalContract
from steps.data import Bill, PortalUnderTest, SignInDetails, reference_portal
from steps.reference_portal import GUIDE_TIME, LivePortal, portal_app, start_portal
from steps.vendor_config import PortalConfig

VENDOR = pytest.StashKey[PortalConfig]()  # on the config: the portal config of a vendor run
SENT_NUMBERS = pytest.StashKey[bool]()  # on an item: its browser sent the bill's number


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
    if vendor is not None and pytestconfig.getoption("portal_check"):
        return vendor_portal(base_url, vendor)  # a look only: nothing is checked or tidied
    if vendor is not None:
        start_clean(request, vendor_portal(base_url, vendor))
        request.getfixturevalue("leave_as_found")
        return vendor_portal(base_url, vendor)
    server: LivePortal = request.getfixturevalue("scenario_server")
    server.fresh_copy(tmp_path, request.getfixturevalue("demo_database"))
    return reference_portal(base_url)


@pytest.fixture
def scenario_settings(screen: str, pytestconfig: pytest.Config) -> ScenarioSettings:
    """What the recorder is told of a scenario: its screen, what to mask, the portal's time.

    The reference portal's clock is frozen, so the guide says when its pictures were taken;
    a vendor's portal shows its own time, and its config names what else to mask.
    """
    vendor = pytestconfig.stash.get(VENDOR, None)
    if vendor is None:
        return ScenarioSettings(screen, clock=GUIDE_TIME)
    return ScenarioSettings(screen, redact=tuple(vendor.redact))


def vendor_portal(url: str, vendor: PortalConfig) -> PortalUnderTest:
    """Another portal's test resident and bill, from its config file."""
    bill = Bill(vendor.account_number, vendor.customer_id)
    second = vendor.second_user
    return PortalUnderTest(
        url=url,
        resident=SignInDetails(vendor.user.email, vendor.user.password),
        bill=bill,
        second_resident=SignInDetails(second.email, second.password) if second else None,
        second_bill=bill if second else None,
    )


def watch_for_numbers(context: BrowserContext, node: pytest.Item, vendor: PortalConfig) -> None:
    """Note on the test when a page of this context sends the bill's account number anywhere.

    Only a request carrying the number (in its address or its body) can have linked the
    account, so a scenario that failed before sending one leaves nothing to tidy up. All but its
    last digit is looked for: a defective portal may link an account from a number one digit
    short, or from the old 9-digit form around it.
    """
    number = vendor.account_number[:-1]

    def sent(request: Request) -> None:
        if number in request.url or number.encode() in (request.post_data_buffer or b""):
            node.stash[SENT_NUMBERS] = True

    context.on("request", sent)


@pytest.fixture
def new_context(
    new_context: Callable[..., BrowserContext],
    pytestconfig: pytest.Config,
    request: pytest.FixtureRequest,
) -> Callable[..., BrowserContext]:
    """pytest-playwright's contexts (its `context`'s and any a step opens), with the run's waits.

    On another portal each is watched for the bill's account number.
    """

    def open_context(**kwargs: Any) -> BrowserContext:
        context = with_timeouts(new_context(**kwargs), pytestconfig)
        if vendor := pytestconfig.stash.get(VENDOR, None):
            watch_for_numbers(context, request.node, vendor)
        return context

    return open_context


@dataclass
class Account:
    """What this test process knows of the vendor's test account: for whom it is not linked."""

    unlinked: set[str] = field(default_factory=set)


def residents_of(item: pytest.Item, portal: PortalUnderTest) -> list[SignInDetails]:
    """The residents a scenario signs in as: the test resident, and the second if it needs one."""
    second = portal.second_resident if item.get_closest_marker("second_resident") else None
    return [portal.resident, *([second] if second else [])]


def start_clean(request: pytest.FixtureRequest, portal: PortalUnderTest) -> None:
    """Before a scenario on another portal: the bill's account linked for none of its residents.

    Checked (and unlinked if linked) unless this process knows it is so (the first scenario of
    a process, and the one after a clean-up that failed, check): a scenario that failed half-way
    cannot leave the next one to meet "already linked". If the link is there and cannot
    be removed, the scenario is not evaluated, with the reason: never a failure of its own. (If
    it cannot even be looked for, because signing in fails, say, the scenario runs and says so.)
    """
    account: Account = request.getfixturevalue("vendor_account")
    for resident in residents_of(request.node, portal):
        if resident.email in account.unlinked:
            continue
        try:
            request.getfixturevalue("tidying").unlink_if_linked(portal, resident)
        except CannotUnlink as error:
            pytest.skip(
                f"{NOT_CLEAN} (account {portal.bill.account_number} for "
                f"{resident.email}: {str(error)[:200]})"
            )
        except Exception:
            continue
        account.unlinked.add(resident.email)


@pytest.fixture(scope="session")
def vendor_account() -> Account:
    """The vendor's test account as this test process knows it."""
    return Account()


@pytest.fixture
def leave_as_found(
    request: pytest.FixtureRequest,
    base_url: str,
    vendor_account: Account,
    tidying: Tidying,
) -> Iterator[None]:
    """After a scenario on another portal, remove any link it made, even if it failed.

    Only after a scenario whose browser sent the bill's account number to the portal (nothing
    else can have linked it), and the second resident only after the scenarios that use them.
    The check is made in a browser context of its own, signed in with the run's kept sign-in.
    A problem doing so is reported as its own finding (a warning, and a note in the conformance
    report) and never changes the scenario's result; the next scenario then checks again first.
    """
    yield
    if not request.node.stash.get(SENT_NUMBERS, False):
        return  # the account number never reached the portal: nothing to tidy up
    portal = vendor_portal(base_url, request.config.stash[VENDOR])
    for resident in residents_of(request.node, portal):
        vendor_account.unlinked.discard(resident.email)
        try:
            tidying.unlink_if_linked(portal, resident)
        except Exception as error:
            reason = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
            problem = (
                f"could not check or remove the link of account {portal.bill.account_number} "
                f"for {resident.email} afterwards ({reason[:200]}); check it by hand"
            )
            request.node.user_properties.append((CLEANUP, problem))
            warnings.warn(problem, CleanupWarning, stacklevel=1)
            continue
        vendor_account.unlinked.add(resident.email)


class CleanupWarning(UserWarning):
    """The suite could not leave a vendor's portal as it found it."""


@dataclass(frozen=True)
class Tidying:
    """What leaving a vendor's portal as found needs: the browser, contract and kept sign-ins."""

    browser: Browser
    context_args: dict[str, Any]
    contract: PortalContract
    sign_ins: moves.SignIns
    config: pytest.Config

    def unlink_if_linked(self, portal: PortalUnderTest, resident: SignInDetails) -> None:
        """As a resident, in a browser context of its own, remove the bill's link if listed.

        The resident stays signed in, as a kept sign-in does until the run ends. CannotUnlink
        if the link is listed and removing it does not work; another error if it could not be
        looked for.
        """
        context = with_timeouts(self.browser.new_context(**self.context_args), self.config)
        try:
            page, hands, contract = context.new_page(), Hands(), self.contract
            self.sign_ins.be_signed_in(page, portal.url, contract, hands, resident)
            moves.open_account_settings(page, contract, hands)
            wait_until_idle(page)
            listed = contract.account_link(page, portal.bill.account_number)
            if not listed.count():
                return
            try:
                moves.remove_link(page, contract, hands, portal.bill.account_number)
                expect(listed).to_have_count(0)
            except (AssertionError, PlaywrightError) as error:
                said = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
                raise CannotUnlink(said) from error
        finally:
            context.close()


@pytest.fixture
def tidying(
    browser: Browser,
    browser_context_args: dict[str, Any],
    contract: PortalContract,
    sign_ins: moves.SignIns,
    pytestconfig: pytest.Config,
) -> Tidying:
    """How the suite leaves a vendor's portal as it found it."""
    return Tidying(browser, browser_context_args, contract, sign_ins, pytestconfig)


class CannotUnlink(Exception):
    """The bill's account is linked, and removing the link did not work."""


@pytest.fixture(scope="session")
def contract(pytestconfig: pytest.Config) -> PortalContract:
    """How the suite finds the portal's elements, with the portal config's overrides."""
    vendor = pytestconfig.stash.get(VENDOR, None)
    if vendor is None:  # the reference portal: held to the City's own words
        return PortalContract()
    return PortalContract(vendor.locators, wording=vendor.wording, city_wording=False)
