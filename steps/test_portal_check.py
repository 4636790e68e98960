"""--portal-check: in about a minute, whether the suite finds its way around a portal.

Before a vendor's first whole run: the config file and the address (checked before any browser
starts), then signing in and the contract's elements on the pages a resident meets first, each
told in a sentence with what to do if it is not found. Nothing is submitted, so the portal is
left exactly as it was. Collected only with --portal-check.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from driftless.capture.actions import Hands
from driftless.capture.patience import wait_for, wait_until_idle
from driftless.render.counts import counted
from steps import moves
from steps.contract import BY_KEY, PortalContract
from steps.data import PortalUnderTest

CHECKED = "portal_check"  # the user property carrying the sentences to the terminal summary
OVERRIDE = "add `{key} = …` under [locators] in your config file (handbooks/vendors.md)"


class Missing(Exception):
    """A check found what it looks for missing; the message says what and what to do."""


def sees(page: Page, contract: PortalContract, *keys: str) -> None:
    """Each of these contract elements is on the screen, or Missing naming the first that is not."""
    for key in keys:
        try:
            wait_for(contract.locate(page, key))
        except AssertionError:
            said = BY_KEY[key].says
            raise Missing(
                f"{said[:1].upper()}{said[1:]} was not found: {OVERRIDE.format(key=key)}."
            ) from None


@dataclass
class FirstPages:
    """The pages a resident meets first, each check a sentence of what it found."""

    page: Page
    contract: PortalContract
    hands: Hands
    portal: PortalUnderTest

    def start(self) -> str:
        """The start page offers signing in."""
        self.page.goto(self.portal.url)
        wait_until_idle(self.page)
        sees(self.page, self.contract, "sign_in_entry")
        return 'The start page shows "Sign in" (or "Log in").'

    def sign_in(self) -> str:
        """The test resident signs in."""
        moves.sign_in_from_here(self.page, self.contract, self.hands, self.portal.resident)
        sees(self.page, self.contract, "user_menu")
        return f"Signing in as {self.portal.resident.email} works: the user menu shows."

    def menu(self) -> str:
        """The user menu holds My Account and Log Out."""
        with self.hands.on_the_way():
            self.hands.click(self.contract.locate(self.page, "user_menu"))
        sees(self.page, self.contract, "my_account", "log_out")
        return 'The user menu holds "My Account" and "Log Out" (or "Sign out").'

    def settings(self) -> str:
        """Account Settings shows both sections and their links."""
        self.hands.click(self.contract.locate(self.page, "my_account"))
        sees(self.page, self.contract, "customer_accounts", "utility_accounts", "customer_link")
        sees(self.page, self.contract, "utility_link")
        return (
            'Account Settings shows "Customer Accounts" and "Utility Billing Accounts", each with '
            'its "link to account".'
        )

    def link_setup(self) -> str:
        """Link Setup shows both boxes and Submit; nothing is submitted."""
        self.hands.click(self.contract.locate(self.page, "utility_link"))
        sees(self.page, self.contract, "account_number", "customer_id", "submit")
        return (
            'Utility Billing Account Link Setup shows both boxes and "Submit" (nothing was '
            "submitted)."
        )


def test_portal_check(
    page: Page,
    contract: PortalContract,
    hands: Hands,
    portal: PortalUnderTest,
    request: pytest.FixtureRequest,
) -> None:
    """The pages a resident meets first, as the contract finds them; nothing is submitted."""
    told: list[tuple[bool, str]] = [
        (True, f"The config file names the test resident {portal.resident.email} and the bill "
               f"{portal.bill.account_number} / {portal.bill.customer_id}."),
        (True, f"The portal answers at {portal.url}."),
    ]  # fmt: skip
    first = FirstPages(page, contract, hands, portal)
    run(told, [first.start, first.sign_in, first.menu, first.settings, first.link_setup])
    request.node.user_properties.append((CHECKED, json.dumps(told)))
    problems = [sentence for ok, sentence in told if not ok]
    assert not problems, "\n".join(problems)


def run(told: list[tuple[bool, str]], checks: list[Callable[[], str]]) -> None:
    """Each check in turn, told as a sentence; after the first that fails, the rest are not run."""
    for index, check in enumerate(checks):
        try:
            told.append((True, check()))
        except (Missing, AssertionError, PlaywrightError) as error:
            said = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
            told.append((False, said))
            rest = len(checks) - index - 1
            if rest:
                later = counted(rest, "later check was", "later checks were")
                told.append(
                    (
                        False,
                        f"{later} not made: {'it needs' if rest == 1 else 'they need'} this one.",
                    )
                )
            return
