"""Steps for arriving, registering, signing in, the user menu and logging out."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page
from pytest_bdd import given, parsers, then, when
from pytest_bdd.parsers import StepParser

from driftless.capture.actions import Hands, expect
from driftless.capture.patience import wait_for
from driftless.plugin.state import TYPED
from steps import moves
from steps.contract import PortalContract
from steps.data import Bill, PortalUnderTest, SignInDetails

MENU_ITEMS = {"My Account": "my_account", "Log Out": "log_out"}
# The ways in that the utilities website offers, as the handout names them.
ENTRANCES = {"Sign in": "sign_in_entry", "Create an account": "register"}
SELECTABLE = {"Submit": "submit", "Utility Billing": "utility_billing", "Home": "home"}
SIGNED_OUT = re.compile(r"\b(logged|signed)\s*-?\s*out\b", re.IGNORECASE)  # "You have logged out"


def _quoted(text: str) -> str:
    return text


_quoted.pattern = r'[^"]*'  # type: ignore[attr-defined]


def says(template: str) -> StepParser:
    """A step pattern whose {name:Q} parts are quoted texts, as Gherkin writes them."""
    return parsers.parse(template, extra_types={"Q": _quoted})


def known(choices: dict[str, str], name: str) -> str:
    """The contract key for a name a feature uses, or a message listing the names it may use."""
    if name not in choices:
        raise KeyError(f'"{name}" is not one of: {", ".join(sorted(choices))}')
    return choices[name]


FORGOT = re.compile(r"forgot|reset\s+(your\s+)?password|can.?t\s+sign\s+in", re.IGNORECASE)
SEND = re.compile(r"\b(send|reset|continue|submit|next)\b", re.IGNORECASE)
EMAILED = re.compile(r"\b(emailed|sent)\b.*\blink\b", re.IGNORECASE)


@given("I have registered for Citizen Self Service", target_fixture="resident")
def resident_is_registered(portal: PortalUnderTest) -> SignInDetails:
    """The test data's resident already has a sign-in on this portal."""
    return portal.resident


@given("I have a recent utility bill", target_fixture="bill")
def resident_has_a_bill(portal: PortalUnderTest) -> Bill:
    """The numbers printed on the resident's bill come from the test data."""
    return portal.bill


@given("I go to the City of Tulsa utilities website")
@when("I go to the City of Tulsa utilities website")
def go_to_utilities_website(page: Page, contract: PortalContract, portal: PortalUnderTest) -> None:
    """Open the portal's start page: it offers a way to sign in, or the user menu if signed in."""
    page.goto(portal.url)
    way_in = contract.locate(page, "sign_in_entry").or_(contract.locate(page, "user_menu"))
    expect(way_in.first.describe('"Sign in" (or the user menu, if signed in)')).to_be_visible()


@given(says('I go to the City of Tulsa utilities website and select "{name:Q}"'))
@when(says('I go to the City of Tulsa utilities website and select "{name:Q}"'))
def go_and_select(
    page: Page, contract: PortalContract, hands: Hands, portal: PortalUnderTest, name: str
) -> None:
    """Open the portal's start page and select the way in: "Sign in" or "Create an account"."""
    page.goto(portal.url)
    hands.click(contract.locate(page, known(ENTRANCES, name)))


@given("I sign in with my email and password")
@when("I sign in with my email and password")
def sign_in_with_email_and_password(
    page: Page, contract: PortalContract, hands: Hands, portal: PortalUnderTest
) -> None:
    """Sign in as the resident, as the handout's step 2 says."""
    moves.sign_in_from_here(page, contract, hands, portal.resident)


@when("I ask for a link to choose a new password")
def ask_for_new_password(
    page: Page, contract: PortalContract, hands: Hands, portal: PortalUnderTest
) -> None:
    """From the sign-in page, "Forgot password?", then the email registered with."""
    email = contract.locate(page, "email")
    forgot = page.get_by_role("link", name=FORGOT).or_(page.get_by_role("button", name=FORGOT))
    with hands.on_the_way():
        if not email.is_visible():
            hands.click(contract.locate(page, "sign_in_entry"))
        hands.click(forgot.first.describe('"Forgot password?"'))
    hands.fill(contract.locate(page, "email"), portal.resident.email)
    hands.click(page.get_by_role("button", name=SEND).first.describe('"Send me a link"'))


@then("I am told that the link was emailed to me")
def told_link_emailed(page: Page) -> None:
    """The portal says it has sent the link (never whether the address has an account)."""
    expect(page.get_by_text(EMAILED).first.describe("that a link was emailed")).to_be_visible()


@when("I sign in with my email and a wrong password")
def sign_in_wrongly(
    page: Page, contract: PortalContract, hands: Hands, portal: PortalUnderTest
) -> None:
    """Sign in with a mistyped password."""
    moves.sign_in_from_here(page, contract, hands, portal.resident, portal.resident.wrong_password)


@pytest.fixture(scope="session")
def sign_ins() -> moves.SignIns:
    """Sign-ins kept for this test process, for steps where signing in is not the subject."""
    return moves.SignIns()


@given("I have signed in")
def signed_in(
    page: Page,
    contract: PortalContract,
    hands: Hands,
    portal: PortalUnderTest,
    sign_ins: moves.SignIns,
) -> None:
    """Be signed in, as after the handout's step 2 (signing in is not this scenario's subject)."""
    sign_ins.be_signed_in(page, portal.url, contract, hands, portal.resident)


@when("I register with my email address and a password")
def register(page: Page, contract: PortalContract, hands: Hands, portal: PortalUnderTest) -> None:
    """Create an account from the utilities website."""
    assert portal.newcomer, "this portal's test data has no unregistered email"
    email = contract.locate(page, "email")
    either = email.or_(contract.locate(page, "register")).first
    wait_for(either.describe('the "Email" box, or "Create an account"'))
    if not email.is_visible():  # not on the form yet: the step before did not select its link
        with hands.on_the_way():
            hands.click(contract.locate(page, "register"))
    hands.fill(contract.locate(page, "email"), portal.newcomer.email)
    hands.fill(contract.locate(page, "password"), portal.newcomer.password, secret=True)
    hands.fill(contract.locate(page, "confirm_password"), portal.newcomer.password, secret=True)
    hands.click(contract.locate(page, "create_account"))


@then("I am already logged in")
def already_logged_in(page: Page, contract: PortalContract, hands: Hands) -> None:
    """The user menu shows without signing in again."""
    expect(contract.locate(page, "user_menu")).to_be_visible()


@then(says('I see my "{title:Q}" page'))
@then(says('I see the "{title:Q}" page'))
def see_page(page: Page, contract: PortalContract, hands: Hands, title: str) -> None:
    """The page with this title is on screen.

    For Account Settings, as the handout's step 3 says: if signing in lands elsewhere, "My
    Account" from the user menu leads there.
    """
    heading = contract.heading(page, title)
    if title == "Account Settings":
        with hands.on_the_way():
            moves.open_account_settings(page, contract, hands)
    expect(heading).to_be_visible()


@given(says('I have moved on to the "{name:Q}" page'))
def move_on(page: Page, contract: PortalContract, hands: Hands, name: str) -> None:
    """Leave Account Settings for another page of the portal."""
    hands.click(contract.locate(page, known(SELECTABLE, name)))
    expect(contract.heading(page, "Account Settings")).to_have_count(0)


@when(says('I select "{item:Q}" from the user menu'))
@when(says('I select "{item:Q}" from the user menu icon at the top right of the screen'))
def choose_from_user_menu(page: Page, contract: PortalContract, hands: Hands, item: str) -> None:
    """Open the user menu at the top right and select an item."""
    moves.choose_from_user_menu(page, contract, hands, known(MENU_ITEMS, item))


@when(says('I select "{name:Q}"'))
def select(page: Page, contract: PortalContract, hands: Hands, name: str) -> None:
    """Select a button or link by the words on it."""
    hands.click(contract.locate(page, known(SELECTABLE, name)))


@then(says('I am told "{message:Q}"'))
def told(
    page: Page, contract: PortalContract, hands: Hands, request: pytest.FixtureRequest, message: str
) -> None:
    """The message is announced, and it is a problem with one box: that box is still there.

    The box is the one the City's message names, or else the one the scenario typed a number
    into that is not as printed (the City's "Utility numbers changed in May 2021" names none).
    The form still showing that box tells a problem from a portal's own success message; a
    message that does not name the box ("that account number and customer ID" names both)
    must come with the box marked `aria-invalid`.
    """
    shown = contract.told(page, message)
    expect(shown).to_be_visible()
    box = contract.box_named_in(message) or mistyped_box(request.node)
    if box is None:
        return
    # The form is still there to put it right (checked, not marked: the message is the subject).
    expect(contract.locate(page, box), mark=False).to_be_visible()
    if contract.box_named_in(shown.inner_text()) != box:
        expect(contract.locate(page, box)).to_have_attribute("aria-invalid", "true")


BOX_KEYS = {"account number": "account_number", "customer ID": "customer_id"}


def mistyped_box(item: pytest.Item) -> str | None:
    """The one box a scenario typed a number into that is not as the bill prints it, if one."""
    typed = item.stash.get(TYPED, {})
    wrong = [BOX_KEYS[box] for box, (_, what) in typed.items() if what and box in BOX_KEYS]
    return wrong[0] if len(wrong) == 1 else None


@then("I am signed out")
@then("I am not signed in")
def signed_out(page: Page, contract: PortalContract, hands: Hands) -> None:
    """No user menu, and a way to sign in is offered; the picture marks the message saying so.

    The "Sign in" button is checked but not marked: pointed out, it would invite signing in.
    """
    expect(contract.locate(page, "user_menu")).to_have_count(0)
    sign_in_control = contract.locate(page, "sign_in").or_(contract.locate(page, "sign_in_entry"))
    expect(sign_in_control.first, mark=False).to_be_visible()
    said = contract.told(page, SIGNED_OUT)
    hands.see(said if said.count() else sign_in_control.first)


@then("the browser's Back button brings none of my account details back")
def back_shows_nothing(page: Page, contract: PortalContract, bill: Bill) -> None:
    """The browser's Back button brings no account details back: what it shows is marked."""
    page.go_back()
    expect(page.get_by_text(bill.customer_id)).to_have_count(0)
    expect(contract.locate(page, "user_menu")).to_have_count(0)
    expect(page.get_by_role("heading").first).to_be_visible()  # the page Back shows instead


@then("my account page asks me to sign in")
def account_page_asks_to_sign_in(
    page: Page, contract: PortalContract, bill: Bill, account_page: str
) -> None:
    """Opening the account's address again leads to sign-in, not to the account.

    The page's heading is marked, not its "Email" box: pointed out, it would invite signing in.
    """
    page.goto(account_page)
    expect(contract.locate(page, "email"), mark=False).to_be_visible()
    expect(page.get_by_role("heading").first).to_be_visible()
    expect(page.get_by_text(bill.customer_id)).to_have_count(0)
