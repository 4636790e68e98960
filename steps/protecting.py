"""Steps for what one resident could try against another's account."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import BrowserContext, Page, Response
from pytest_bdd import given, then, when

from driftless.capture.actions import Hands, expect
from steps import pages
from steps.contract import PortalContract
from steps.data import PortalUnderTest


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
        pages.sign_in_from_start(page, portal.url, contract, hands, portal.second_resident)
        pages.link_account(page, contract, hands, portal.second_bill)
        hands.click(contract.account_link(page, portal.second_bill.account_number))
        expect(contract.heading(page, "Account Settings")).to_have_count(0)
        return page.url
    finally:
        context.close()


@when("I open the address of their account page", target_fixture="opened")
def open_their_account(page: Page, their_account: str) -> Response | None:
    """Type the other resident's account address into the browser."""
    return page.goto(their_account)


@then("I am told the page was not found")
def told_not_found(opened: Response | None) -> None:
    """The portal answers 404 Not Found, as for an account that does not exist."""
    assert opened is not None, "the browser got no response"
    assert opened.status == 404, f"expected 404 Not Found, the portal answered {opened.status}"


@then("I see none of their account details")
def see_none_of_theirs(page: Page, portal: PortalUnderTest) -> None:
    """Neither their account number nor their customer ID is on screen."""
    assert portal.second_bill
    expect(page.get_by_text(portal.second_bill.customer_id)).to_have_count(0)
    expect(page.get_by_text(portal.second_bill.account_number)).to_have_count(0)
