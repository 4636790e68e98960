"""Steps for what one resident could try against another's account."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import BrowserContext, Page, Response
from pytest_bdd import given, then, when

from driftless.capture.actions import Hands, expect
from driftless.capture.patience import wait_until_idle
from steps import moves
from steps.contract import PortalContract
from steps.data import PortalUnderTest

# How a page says a resident may not see it, in the words portals use.
NOT_FOUND = re.compile(
    r"not\s+found|not\s+allowed|no\s+access|access\s+denied|forbidden|permission|"
    r"(does\s*n[o']t|do\s+not)\s+exist|(could\s*n[o']?t|can(no|')t|can\s+not|unable\s+to)\s+find|"
    r"\b40[34]\b",
    re.IGNORECASE,
)
MONEY = re.compile(r"\$\s?\d[\d,]*\.\d\d")


@given("another resident has linked their utility account", target_fixture="their_account")
def other_resident_linked(
    new_context: Callable[[], BrowserContext], contract: PortalContract, portal: PortalUnderTest
) -> str:
    """In a browser of their own, the second resident links their bill; note its address."""
    assert portal.second_resident, "no second resident in the test data"
    assert portal.second_bill, "no bill for the second resident in the test data"
    context = new_context()
    try:
        page = context.new_page()
        hands = Hands()
        moves.sign_in_from_start(page, portal.url, contract, hands, portal.second_resident)
        moves.link_account(page, contract, hands, portal.second_bill)
        hands.click(contract.account_link(page, portal.second_bill.account_number))
        expect(contract.heading(page, "Account Settings")).to_have_count(0)
        return page.url
    finally:
        context.close()


@when("I open the address of their account page", target_fixture="opened")
def open_their_account(page: Page, their_account: str) -> Response | None:
    """Type the other resident's account address into the browser, and wait for what it shows."""
    opened = page.goto(their_account)
    wait_until_idle(page)  # a single-page portal draws the page after loading it
    return opened


@then("I am told the page was not found")
def told_not_found(page: Page, opened: Response | None) -> None:
    """The page says it was not found, or not allowed, as a resident reads it.

    Whatever its HTTP status: a single-page portal answers 200 for every address, then says so.
    The status is told with the failure, as evidence.
    """
    status = f"HTTP {opened.status}" if opened is not None else "no answer"
    said = page.get_by_text(NOT_FOUND).first
    expect(said.describe(f"that the page was not found or not allowed ({status})")).to_be_visible()


@then("I see none of their account details")
def see_none_of_theirs(page: Page, portal: PortalUnderTest) -> None:
    """Neither their account number, their customer ID nor an amount of money is on screen."""
    assert portal.second_bill
    expect(page.get_by_text(portal.second_bill.customer_id)).to_have_count(0)
    expect(page.get_by_text(portal.second_bill.account_number)).to_have_count(0)
    expect(page.get_by_text(MONEY).describe("an amount of money")).to_have_count(0)
