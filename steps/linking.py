"""Steps for Account Settings, Utility Billing Account Link Setup and the linked account."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page
from pytest_bdd import given, parsers, then, when

from driftless.capture.actions import Hands, expect
from driftless.capture.patience import wait_for
from driftless.plugin.state import TYPED
from steps import moves
from steps.contract import PortalContract
from steps.data import Bill, PortalUnderTest
from steps.signing_in import known, says

SECTION_LINKS = {"Utility Billing Accounts": "utility_link", "Customer Accounts": "customer_link"}
MONEY = re.compile(r"\$\s?\d[\d,]*\.\d\d")
# A bill's own link on the account page, as portals word it ("View bill", "Bill details", ...).
BILL_LINK = re.compile(r"\bview\b.*\bbill\b|\bbill\s+(details|pdf)\b|\bprint\b.*\bbill\b", re.I)


@when(says('I select "link to account" across from "{section:Q}"'))
def select_link_to_account(
    page: Page, contract: PortalContract, hands: Hands, section: str
) -> None:
    """Select the "link to account" of one section of Account Settings.

    Account Settings is reached first, as the handout's step 3 says, if signing in landed
    elsewhere.
    """
    with hands.on_the_way():
        moves.open_account_settings(page, contract, hands)
    hands.click(contract.locate(page, known(SECTION_LINKS, section)))


@given(says('I have opened the "{title:Q}" page'))
def open_link_setup(page: Page, contract: PortalContract, hands: Hands, title: str) -> None:
    """Reach Utility Billing Account Link Setup from Account Settings."""
    moves.open_account_settings(page, contract, hands)
    hands.click(contract.locate(page, "utility_link"))
    expect(contract.heading(page, title)).to_be_visible()


@when("I enter the account number and customer ID from my bill")
def enter_bill_numbers(page: Page, contract: PortalContract, hands: Hands, bill: Bill) -> None:
    """Type both numbers exactly as the bill prints them."""
    moves.enter_numbers(page, contract, hands, bill.account_number, bill.customer_id)


@when(
    parsers.re(
        r'I enter "(?P<account_number>[^"]*)" as the account number '
        r'and "(?P<customer_id>[^"]*)" as the customer ID'
    )
)
def enter_numbers(
    page: Page,
    contract: PortalContract,
    hands: Hands,
    portal: PortalUnderTest,
    request: pytest.FixtureRequest,
    account_number: str,
    customer_id: str,
) -> None:
    """Type the given numbers, right or wrong, as made from this portal's own bill.

    The examples are written for the reference portal's bill; another portal gets the same
    mistakes made with its own numbers (`PortalUnderTest.typed`), named in the report's title.
    """
    typed = {
        "account number": portal.typed(account_number, "account number"),
        "customer ID": portal.typed(customer_id, "customer ID"),
    }
    request.node.stash[TYPED] = {box: (t.value, t.what) for box, t in typed.items()}
    number, customer = typed["account number"].value, typed["customer ID"].value
    moves.enter_numbers(page, contract, hands, number, customer)


@when("I enter my account number with a customer ID that is not mine")
def enter_wrong_pair(page: Page, contract: PortalContract, hands: Hands, bill: Bill) -> None:
    """Type a well-formed pair that matches no account."""
    moves.enter_numbers(page, contract, hands, bill.account_number, bill.wrong_customer_id)


@when(parsers.parse("I submit numbers that match no account {times:d} times"))
def submit_wrong_pairs(
    page: Page, contract: PortalContract, hands: Hands, bill: Bill, times: int
) -> None:
    """Guess customer IDs for the account number, one after another."""

    def guess() -> None:
        moves.enter_numbers(page, contract, hands, bill.account_number, bill.wrong_customer_id)
        hands.click(contract.locate(page, "submit"))
        expect(contract.told(page, re.compile(r"\w"))).to_be_visible()

    with hands.on_the_way():  # the picture is of the last guess
        for _ in range(times - 1):
            guess()
    guess()


@then('my account is listed under "Utility Billing Accounts"')
def account_listed(page: Page, contract: PortalContract, hands: Hands, bill: Bill) -> None:
    """The bill's account number shows as a link in the Utility Billing Accounts section."""
    expect(contract.account_link(page, bill.account_number)).to_be_visible()


@then('my account is listed once under "Utility Billing Accounts"')
def account_listed_once(page: Page, contract: PortalContract, hands: Hands, bill: Bill) -> None:
    """Linking twice did not list the account twice."""
    moves.open_account_settings(page, contract, hands)
    expect(contract.account_link(page, bill.account_number)).to_have_count(1)


@then("no utility account is linked")
def nothing_linked(page: Page, contract: PortalContract, hands: Hands, bill: Bill) -> None:
    """Account Settings does not list the bill's account."""
    moves.open_account_settings(page, contract, hands)
    expect(contract.account_link(page, bill.account_number)).to_have_count(0)


@then('my account is no longer listed under "Utility Billing Accounts"')
def account_not_listed(page: Page, contract: PortalContract, hands: Hands, bill: Bill) -> None:
    """The removed account has gone from Account Settings."""
    moves.open_account_settings(page, contract, hands)
    expect(contract.account_link(page, bill.account_number)).to_have_count(0)


@then("I am not asked for my utility account number")
def not_asked_for_account_number(page: Page, contract: PortalContract) -> None:
    """The page reached is not Utility Billing Account Link Setup: its title shows which it is."""
    expect(contract.heading(page, "Account Settings")).to_have_count(0)
    expect(contract.locate(page, "account_number")).to_have_count(0)
    expect(page.get_by_role("heading").first).to_be_visible()


@then("I am told that the account is already linked")
def told_already_linked(page: Page, contract: PortalContract, hands: Hands) -> None:
    """A message says the account is linked already."""
    shown = contract.told(page, re.compile("already linked", re.IGNORECASE))
    expect(shown).to_be_visible()


@then("I am told to wait before trying again")
def told_to_wait(page: Page, contract: PortalContract, hands: Hands) -> None:
    """A message asks the resident to wait."""
    shown = contract.told(page, re.compile(r"\bwait\b", re.IGNORECASE))
    expect(shown).to_be_visible()


@given("I have signed in and linked my utility account")
def signed_in_and_linked(
    page: Page,
    contract: PortalContract,
    hands: Hands,
    portal: PortalUnderTest,
    bill: Bill,
    sign_ins: moves.SignIns,
) -> None:
    """Be signed in and link the bill's account, as the handout's steps 1 to 6 do.

    The picture is of the account listed, whatever the scenario does next.
    """
    with hands.on_the_way():
        sign_ins.be_signed_in(page, portal.url, contract, hands, portal.resident)
        moves.link_account(page, contract, hands, bill)
    hands.show(contract.account_link(page, bill.account_number))


@given("I linked my utility account on an earlier visit")
def linked_earlier(
    page: Page,
    contract: PortalContract,
    hands: Hands,
    portal: PortalUnderTest,
    bill: Bill,
    sign_ins: moves.SignIns,
) -> None:
    """Link the account, then log out, as a resident did last time; the picture shows it linked."""
    signed_in_and_linked(page, contract, hands, portal, bill, sign_ins)
    moves.choose_from_user_menu(page, contract, hands, "log_out")
    wait_for(contract.locate(page, "user_menu"), state="detached")


@when("I select my account number")
def select_account_number(page: Page, contract: PortalContract, hands: Hands, bill: Bill) -> None:
    """Select the account number link in the Utility Billing Accounts section."""
    hands.click(contract.account_link(page, bill.account_number))


@given("I am viewing my account online", target_fixture="account_page")
def viewing_account(page: Page, contract: PortalContract, hands: Hands, bill: Bill) -> str:
    """Open the linked account and remember its address."""
    hands.click(contract.account_link(page, bill.account_number))
    expect(contract.heading(page, "Account Settings")).to_have_count(0)
    return page.url


@then("I see my account online")
def see_account(page: Page, contract: PortalContract, hands: Hands, bill: Bill) -> None:
    """The account's own page shows its number."""
    expect(contract.heading(page, "Account Settings")).to_have_count(0)
    expect(page.get_by_text(bill.account_number).first).to_be_visible()


@then("I see its balance and its bills")
def see_balance_and_bills(page: Page) -> None:
    """The account page shows a balance in dollars and a table of bills."""
    expect(page.get_by_text(re.compile("balance", re.I)).first).to_be_visible()
    expect(page.get_by_role("table").or_(page.get_by_role("grid")).first).to_be_visible()
    expect(page.get_by_text(MONEY).first).to_be_visible()


@when("I open my account's latest bill")
def open_latest_bill(page: Page, contract: PortalContract, hands: Hands, bill: Bill) -> None:
    """Open the account, then its newest bill: accounts list their bills newest first."""
    with hands.on_the_way():
        hands.click(contract.account_link(page, bill.account_number))
    hands.click(page.get_by_role("link", name=BILL_LINK).first.describe("the newest bill"))


@then("I see my account number and customer ID near the top of the bill")
def numbers_on_bill(page: Page, bill: Bill) -> None:
    """The bill prints the numbers the portal links with, on its first screen."""
    for number in (bill.account_number, bill.customer_id):
        expect(page.get_by_text(number, exact=True).first).to_be_in_viewport()


@when('I select "remove" for my account and confirm')
def remove_account(page: Page, contract: PortalContract, hands: Hands, bill: Bill) -> None:
    """Remove the link to the bill's account."""
    moves.remove_link(page, contract, hands, bill.account_number)


@then("my account is listed there")
def account_listed_there(page: Page, hands: Hands, bill: Bill) -> None:
    """Utility Billing shows the linked account's number as a link."""
    link = page.get_by_role("link", name=bill.account_number, exact=True)
    expect(link).to_be_visible()
