"""Moves that take a resident several actions: signing in, reaching Account Settings, linking.

Helpers act and wait; they never assert. Steps assert with `expect`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from playwright.sync_api import Dialog, Page, StorageState

from driftless.capture.actions import Hands
from driftless.capture.patience import wait_for, wait_until_idle
from steps.contract import PortalContract
from steps.data import Bill, SignInDetails


def sign_in_from_here(
    page: Page,
    contract: PortalContract,
    hands: Hands,
    resident: SignInDetails,
    password: str | None = None,
) -> None:
    """Sign in from where the resident stands: one page, or email then "Next" then password."""
    email = contract.locate(page, "email")
    either = email.or_(contract.locate(page, "sign_in_entry")).first
    wait_for(either.describe('the "Email" box, or "Sign in" (or "Log in")'))  # whichever shows
    if not email.is_visible():
        with hands.on_the_way():
            hands.click(contract.locate(page, "sign_in_entry"))
    wait_for(email)
    hands.fill(email, resident.email)
    password_box = contract.locate(page, "password")
    if not password_box.is_visible():
        with hands.on_the_way():
            hands.click(contract.locate(page, "next"))
        wait_for(password_box)
    hands.fill(password_box, password or resident.password, secret=True)
    hands.click(contract.locate(page, "sign_in"))


def sign_in_from_start(
    page: Page, url: str, contract: PortalContract, hands: Hands, resident: SignInDetails
) -> None:
    """Go to the start page, sign in and wait until the user menu shows."""
    page.goto(url)
    sign_in_from_here(page, contract, hands, resident)
    wait_for(contract.locate(page, "user_menu"))


@dataclass
class SignIns:
    """Sign-ins kept for steps where signing in is not the subject: each resident signs in once.

    A kept sign-in is Playwright's storage state (cookies and local storage, so a portal that
    keeps its session in either is covered) and the page the portal landed on. Before it is
    used, the portal is asked whether it still holds (a scenario may have logged out since); if
    not, the resident signs in through the pages again, where the portal asks if it shows its
    sign-in form (as after a bookmark), else from the start page, and the new one is kept.
    """

    kept: dict[str, tuple[StorageState, str]] = field(default_factory=dict)

    def be_signed_in(
        self, page: Page, url: str, contract: PortalContract, hands: Hands, resident: SignInDetails
    ) -> None:
        """Be signed in as `resident`, on the page the portal lands on after signing in."""
        kept = self.kept.get(resident.email)
        if kept is None:
            sign_in_from_start(page, url, contract, hands, resident)
        else:
            state, landing = kept
            page.context.set_storage_state(state)
            page.goto(landing)
            menu = contract.locate(page, "user_menu")
            email, entry = contract.locate(page, "email"), contract.locate(page, "sign_in_entry")
            wait_for(menu.or_(email).or_(entry).first)
            if menu.is_visible():
                return
            if email.is_visible():  # the session ended, and the kept page led to the sign-in form
                sign_in_from_here(page, contract, hands, resident)
                wait_for(menu)
            else:
                page.context.clear_cookies()
                sign_in_from_start(page, url, contract, hands, resident)
        self.kept[resident.email] = (page.context.storage_state(), page.url)


def choose_from_user_menu(page: Page, contract: PortalContract, hands: Hands, item: str) -> None:
    """Open the user menu at the top right and select one of its items.

    The menu's icon is pointed out beside the item: the handout says where to find it.
    """
    menu = contract.locate(page, "user_menu")
    with hands.on_the_way():
        hands.click(menu)
    hands.see(menu)
    hands.click(contract.locate(page, item))


def open_account_settings(page: Page, contract: PortalContract, hands: Hands) -> None:
    """Reach Account Settings through the user menu, unless it is already on screen."""
    heading = contract.heading(page, "Account Settings")
    wait_for(heading.or_(contract.locate(page, "user_menu")).first)
    wait_until_idle(page)  # all of the page drawn, not its header alone
    if not heading.is_visible():
        choose_from_user_menu(page, contract, hands, "my_account")
    wait_for(heading)


def enter_numbers(
    page: Page, contract: PortalContract, hands: Hands, account_number: str, customer_id: str
) -> None:
    """Type the two numbers into Utility Billing Account Link Setup."""
    hands.fill(contract.locate(page, "account_number"), account_number)
    hands.fill(contract.locate(page, "customer_id"), customer_id)


def link_account(page: Page, contract: PortalContract, hands: Hands, bill: Bill) -> None:
    """Link a bill's account from Account Settings and wait until it is listed."""
    with hands.on_the_way():
        open_account_settings(page, contract, hands)
        hands.click(contract.locate(page, "utility_link"))
    enter_numbers(page, contract, hands, bill.account_number, bill.customer_id)
    hands.click(contract.locate(page, "submit"))
    wait_for(contract.account_link(page, bill.account_number))


def remove_link(page: Page, contract: PortalContract, hands: Hands, number: str) -> None:
    """Select "remove" beside an account, and confirm as the portal asks, if it asks.

    In a dialog on the page (`<dialog>`, role dialog or alertdialog), on a page of its own, or
    with the browser's own confirm(), which is accepted. Nothing waits for a page to load: the
    portal has answered once it is idle, whether it asks, moves or redraws the list.
    """
    with hands.on_the_way():
        open_account_settings(page, contract, hands)
    page.on("dialog", accept)
    try:
        hands.click(contract.remove_for(page, number))
        wait_until_idle(page)
        asked = contract.confirmation(page)
        on_a_page = contract.locate(page, "confirm_remove")
        if asked.is_visible():
            hands.click(asked)
        elif not contract.heading(page, "Account Settings").is_visible() and on_a_page.is_visible():
            hands.click(on_a_page)
        wait_until_idle(page)
    finally:
        page.remove_listener("dialog", accept)


def accept(dialog: Dialog) -> None:
    """Answer the browser's own confirm() as a resident who meant it: OK."""
    dialog.accept()
