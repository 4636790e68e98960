#!/usr/bin/env python3
"""The floor: the acceptance scenarios as one plain Playwright script.

It visits the same pages of the reference portal, performs the same actions and checks the same
results. With --screenshots it runs the guide and troubleshooting scenarios on a desktop and a
phone screen and takes the pictures the guide shows (every step of a guide page, the result of
a troubleshooting entry), as a guide run does. There is no pytest, no pytest-bdd and no
recorder: what the suite costs beyond this script is the price of the tools.

    python scripts/floor.py                 # the 21 scenario runs of `pytest steps`
    python scripts/floor.py --screenshots   # the 37 runs of a guide run, with pictures

`tests/test_floor.py` keeps the script's scenarios, steps and examples equal to features/.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from driftless.capture.browser import launch_options, resolve  # noqa: E402
from reference_app import demo  # noqa: E402
from steps.portal import GUIDE_TIME, LivePortal, portal_app, start_portal  # noqa: E402

EMAIL, PASSWORD = demo.RESIDENTS[0], demo.DEMO_PASSWORD
SECOND_EMAIL = "priya.nair@example.org"
ACCOUNT, CUSTOMER_ID = "123456", "1234567"
SECOND_ACCOUNT, SECOND_CUSTOMER_ID = (
    "318290",
    next(account.customer_id for account in demo.ACCOUNTS if account.number == "318290"),
)
WRONG_CUSTOMER_ID = str((int(CUSTOMER_ID) + 1_000_003) % 10**7).zfill(7)
NEWCOMER, NEWCOMER_PASSWORD = "casey.morgan@example.org", "Bluestem#2026"
SIGN_IN = re.compile(r"^\s*(sign|log)\s*in\s*$", re.I)
CONTEXT = {
    "device_scale_factor": 1,
    "locale": "en-US",
    "timezone_id": "America/Chicago",
    "reduced_motion": "reduce",
    "color_scheme": "light",
}
SCREENS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
}
# The Outline "Numbers that are not as printed on the bill": account number, customer ID, message.
MISTYPED = [
    ("12345", "1234567", "The account number is 6 digits long; you entered 5."),
    ("1234567", "1234567", "The account number is 6 digits long; you entered 7."),
    ("12A456", "1234567", "The account number can only contain the digits 0 to 9."),
    ("", "1234567", "Enter your account number."),
    ("123456789", "1234567", "Utility numbers changed in May 2021"),
    ("123456", "123456", "The customer ID is 7 digits long; you entered 6."),
    ("123456", "12345678", "The customer ID is 7 digits long; you entered 8."),
    ("123456", "", "Enter your customer ID."),
]


@dataclass
class Run:
    """One scenario on one screen: its page, and where its pictures go."""

    browser: Browser
    page: Page
    options: dict[str, Any]  # the context's, for a second resident's own browser
    url: str
    screen: str
    pictures: Path | None
    kept: dict[str, tuple[list[Any], str]]
    shots: int = 0
    notes: dict[str, str] = field(default_factory=dict)

    def shoot(self) -> None:
        """One picture of the step just done, as the guide recorder takes it."""
        if self.pictures is None:
            return
        self.shots += 1
        self.page.wait_for_load_state()  # a click may have started loading the next page
        self.page.screenshot(
            path=self.pictures / f"{self.screen}-{self.shots:04d}.png",
            animations="disabled",
            caret="hide",
            scale="css",
        )


Step = Callable[[Run], None]


# The moves the scenarios are made of, in plain Playwright.
def heading(page: Page, title: str) -> Any:
    return page.get_by_role("heading", name=title, exact=True).first


def utility_section(page: Page) -> Any:
    return page.get_by_role("region", name="Utility Billing Accounts")


def account_link(page: Page, number: str = ACCOUNT) -> Any:
    return utility_section(page).get_by_role("link", name=number, exact=True)


def sign_in_form(page: Page, email: str, password: str) -> None:
    box = page.get_by_label(re.compile(r"e-?mail|user\s*name", re.I))
    if not box.is_visible():
        page.get_by_role("link", name=SIGN_IN).click()
    box.fill(email)
    page.get_by_label(re.compile(r"^\s*password\s*$", re.I)).fill(password)
    page.get_by_role("button", name=SIGN_IN).click()


def signed_in(run: Run, email: str = EMAIL) -> None:
    """Reuse this resident's kept cookies if the portal still honours them, else sign in."""
    page = run.page
    if email in run.kept:
        cookies, landing = run.kept[email]
        page.context.add_cookies(cookies)
        page.goto(landing)
        menu = page.get_by_role("button", name="User menu")
        menu.or_(page.get_by_label(re.compile(r"e-?mail", re.I))).first.wait_for()
        if menu.is_visible():
            return
        page.context.clear_cookies()
    page.goto(run.url)
    sign_in_form(page, email, PASSWORD)
    page.get_by_role("button", name="User menu").wait_for()
    run.kept[email] = (page.context.cookies(), page.url)


def user_menu(page: Page, item: str) -> None:
    page.get_by_role("button", name="User menu").click()
    page.get_by_role("menuitem", name=item).click()


def account_settings(page: Page) -> None:
    if not heading(page, "Account Settings").is_visible():
        user_menu(page, "My Account")
    heading(page, "Account Settings").wait_for()


def enter(page: Page, account: str, customer_id: str) -> None:
    page.get_by_label("What is the Account number?").fill(account)
    page.get_by_label("What is the Customer ID?").fill(customer_id)


def submit(run: Run) -> None:
    run.page.get_by_role("button", name="Submit").click()


def link(page: Page, account: str = ACCOUNT, customer_id: str = CUSTOMER_ID) -> None:
    account_settings(page)
    utility_section(page).get_by_role("link", name="link to account").click()
    enter(page, account, customer_id)
    page.get_by_role("button", name="Submit").click()
    account_link(page, account).wait_for()


def signed_in_and_linked(run: Run) -> None:
    signed_in(run)
    link(run.page)


def open_link_setup(run: Run) -> None:
    account_settings(run.page)
    utility_section(run.page).get_by_role("link", name="link to account").click()
    expect(heading(run.page, "Utility Billing Account Link Setup")).to_be_visible()


def told(message: str | re.Pattern[str]) -> Step:
    def step(run: Run) -> None:
        expect(run.page.get_by_role("alert").filter(has_text=message).first).to_be_visible()

    return step


def listed(count: int) -> Step:
    def step(run: Run) -> None:
        account_settings(run.page)
        expect(account_link(run.page)).to_have_count(count)

    return step


def see(title: str) -> Step:
    return lambda run: expect(heading(run.page, title)).to_be_visible()


def go_to_website(run: Run) -> None:
    run.page.goto(run.url)


def sign_in(run: Run) -> None:
    sign_in_form(run.page, EMAIL, PASSWORD)


def signed_out(run: Run) -> None:
    expect(run.page.get_by_role("button", name="User menu")).to_have_count(0)
    page = run.page
    control = page.get_by_role("button", name=SIGN_IN).or_(page.get_by_role("link", name=SIGN_IN))
    expect(control.first).to_be_visible()


def log_out(run: Run) -> None:
    user_menu(run.page, "Log Out")


def select_account(run: Run) -> None:
    account_link(run.page).click()


def see_account(run: Run) -> None:
    expect(heading(run.page, "Account Settings")).to_have_count(0)
    expect(run.page.get_by_text(ACCOUNT).first).to_be_visible()


def viewing_account(run: Run) -> None:
    select_account(run)
    expect(heading(run.page, "Account Settings")).to_have_count(0)
    run.notes["account page"] = run.page.url


def remove(run: Run) -> None:
    page = run.page
    account_settings(page)
    page.once("dialog", lambda dialog: dialog.accept())
    number = page.get_by_role("link", name=ACCOUNT, exact=True)
    row = utility_section(page).get_by_role("listitem").filter(has=number)
    with page.expect_navigation():
        row.get_by_role("link", name=re.compile(r"^\s*remove\b", re.I)).click()
    confirm = page.get_by_role("button", name=re.compile(r"^\s*(remove|yes|confirm)", re.I))
    if not heading(page, "Account Settings").is_visible() and confirm.first.is_visible():
        with page.expect_navigation():
            confirm.first.click()


def back_shows_nothing(run: Run) -> None:
    run.page.go_back()
    expect(run.page.get_by_text(CUSTOMER_ID)).to_have_count(0)
    expect(run.page.get_by_role("button", name="User menu")).to_have_count(0)


def account_page_asks_to_sign_in(run: Run) -> None:
    run.page.goto(run.notes["account page"])
    expect(run.page.get_by_label(re.compile(r"e-?mail", re.I))).to_be_visible()
    expect(run.page.get_by_text(CUSTOMER_ID)).to_have_count(0)


def linked_earlier(run: Run) -> None:
    signed_in_and_linked(run)
    log_out(run)
    run.page.get_by_role("button", name="User menu").wait_for(state="detached")


def other_resident_linked(run: Run) -> None:
    context = run.browser.new_context(**run.options)
    try:
        page = context.new_page()
        page.goto(run.url)
        sign_in_form(page, SECOND_EMAIL, PASSWORD)
        page.get_by_role("button", name="User menu").wait_for()
        link(page, SECOND_ACCOUNT, SECOND_CUSTOMER_ID)
        account_link(page, SECOND_ACCOUNT).click()
        expect(heading(page, "Account Settings")).to_have_count(0)
        run.notes["their page"] = page.url
    finally:
        context.close()


def open_their_page(run: Run) -> None:
    response = run.page.goto(run.notes["their page"])
    run.notes["status"] = str(response.status if response else 0)


def told_not_found(run: Run) -> None:
    assert run.notes["status"] == "404", run.notes["status"]


def none_of_theirs(run: Run) -> None:
    expect(run.page.get_by_text(SECOND_CUSTOMER_ID)).to_have_count(0)
    expect(run.page.get_by_text(SECOND_ACCOUNT)).to_have_count(0)


def five_wrong_pairs(run: Run) -> None:
    for _ in range(5):
        enter(run.page, ACCOUNT, WRONG_CUSTOMER_ID)
        submit(run)
        expect(run.page.get_by_role("alert").first).to_be_visible()


def register(run: Run) -> None:
    page = run.page
    page.get_by_role("link", name=re.compile(r"create an account|register", re.I)).click()
    page.get_by_label(re.compile(r"e-?mail", re.I)).fill(NEWCOMER)
    page.get_by_label(re.compile(r"^\s*password\s*$", re.I)).fill(NEWCOMER_PASSWORD)
    page.get_by_label(re.compile(r"confirm", re.I)).fill(NEWCOMER_PASSWORD)
    page.get_by_role("button", name=re.compile(r"create account|register", re.I)).click()


def logged_in(run: Run) -> None:
    expect(run.page.get_by_role("button", name="User menu")).to_be_visible()


def move_home(run: Run) -> None:
    run.page.get_by_role("link", name="Home").click()
    expect(heading(run.page, "Account Settings")).to_have_count(0)


def wrong_password(run: Run) -> None:
    sign_in_form(run.page, EMAIL, "Not-" + PASSWORD)


def numbers(account: str, customer_id: str) -> Step:
    return lambda run: enter(run.page, account, customer_id)


def nothing(run: Run) -> None:
    """The step only names test data the script already has (Background steps)."""


def balance_and_bills(run: Run) -> None:
    page = run.page
    expect(page.get_by_text(re.compile("balance", re.I)).first).to_be_visible()
    expect(page.get_by_role("table").first).to_be_visible()
    expect(page.get_by_text(re.compile(r"\$\d[\d,]*\.\d\d")).first).to_be_visible()


def listed_there(run: Run) -> None:
    expect(run.page.get_by_role("link", name=ACCOUNT, exact=True)).to_be_visible()


def select_customer_link(run: Run) -> None:
    section = run.page.get_by_role("region", name="Customer Accounts")
    section.get_by_role("link", name="link to account").click()


def not_asked_for_number(run: Run) -> None:
    expect(heading(run.page, "Account Settings")).to_have_count(0)
    expect(run.page.get_by_label("What is the Account number?")).to_have_count(0)


def select_utility_link(run: Run) -> None:
    utility_section(run.page).get_by_role("link", name="link to account").click()


def enter_bill(run: Run) -> None:
    enter(run.page, ACCOUNT, CUSTOMER_ID)


def enter_wrong_pair(run: Run) -> None:
    enter(run.page, ACCOUNT, WRONG_CUSTOMER_ID)


def listed_link(run: Run) -> None:
    expect(account_link(run.page)).to_be_visible()


def select_utility_billing(run: Run) -> None:
    run.page.get_by_role("link", name="Utility Billing").click()


@dataclass(frozen=True)
class Scenario:
    """A scenario of features/: its name, its part in the guide, and its steps."""

    name: str
    part: str | None  # "guide" or "troubleshooting": run on both screens, with pictures
    background: tuple[Step, ...]
    steps: tuple[Step, ...]
    result: int | None = None  # troubleshooting: the one step whose picture the guide shows

    def pictured(self, index: int) -> bool:
        """Whether the guide shows the picture of step `index`, as the recorder decides."""
        return self.part == "guide" or (self.part == "troubleshooting" and index == self.result)


BILL = (nothing, nothing)  # "I have registered..." and "I have a recent utility bill"
SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "Link your utility account",
        "guide",
        BILL,
        (
            go_to_website,
            sign_in,
            see("Account Settings"),
            select_utility_link,
            see("Utility Billing Account Link Setup"),
            enter_bill,
            submit,
            see("Account Settings"),
            listed_link,
            select_account,
            see_account,
            log_out,
            signed_out,
        ),
    ),
    Scenario(
        "The link across from Customer Accounts leads elsewhere",
        "troubleshooting",
        BILL,
        (signed_in, select_customer_link, not_asked_for_number),
        result=2,
    ),
    *(
        Scenario(
            "Numbers that are not as printed on the bill",
            "troubleshooting",
            BILL,
            (signed_in, open_link_setup, numbers(account, customer), submit, told(msg), listed(0)),
            result=4,
        )
        for account, customer, msg in MISTYPED
    ),
    Scenario(
        "Numbers that match no account",
        "troubleshooting",
        BILL,
        (
            signed_in,
            open_link_setup,
            enter_wrong_pair,
            submit,
            told("We could not find a utility account with that account number and customer ID."),
            listed(0),
        ),
        result=4,
    ),
    Scenario(
        "Linking an account that is already linked",
        "troubleshooting",
        BILL,
        (
            signed_in_and_linked,
            open_link_setup,
            enter_bill,
            submit,
            told(re.compile("already linked", re.I)),
            listed(1),
        ),
        result=4,
    ),
    Scenario(
        "See your account's balance and bills",
        None,
        BILL,
        (signed_in_and_linked, select_account, see_account, balance_and_bills),
    ),
    Scenario(
        "Remove a linked account",
        None,
        BILL,
        (signed_in_and_linked, remove, listed(0)),
    ),
    Scenario(
        "Log out safely",
        "guide",
        BILL,
        (
            signed_in_and_linked,
            viewing_account,
            log_out,
            signed_out,
            back_shows_nothing,
            account_page_asks_to_sign_in,
        ),
    ),
    Scenario(
        "Find your accounts next time",
        "guide",
        BILL,
        (linked_earlier, go_to_website, sign_in, select_utility_billing, listed_there),
    ),
    Scenario(
        "Another resident's account page is not found",
        None,
        BILL,
        (other_resident_linked, signed_in, open_their_page, told_not_found, none_of_theirs),
    ),
    Scenario(
        "Guessing pairs of numbers is throttled",
        None,
        BILL,
        (
            signed_in,
            open_link_setup,
            five_wrong_pairs,
            enter_bill,
            submit,
            told(re.compile(r"\bwait\b", re.I)),
            listed(0),
        ),
    ),
    Scenario(
        "Register",
        "guide",
        (),
        (go_to_website, register, logged_in, see("Account Settings")),
    ),
    Scenario(
        "Sign-in does not show Account Settings",
        None,
        (nothing,),
        (
            go_to_website,
            sign_in,
            move_home,
            lambda run: user_menu(run.page, "My Account"),
            see("Account Settings"),
        ),
    ),
    Scenario(
        "A mistyped password",
        "troubleshooting",
        (nothing,),
        (
            go_to_website,
            wrong_password,
            told("The email or password you entered is incorrect."),
            signed_out,
        ),
        result=2,
    ),
)


def run_all(pictures: Path | None, folder: Path) -> tuple[int, int]:
    """Run every scenario as the suite would (guide ones on both screens with pictures)."""
    server = start_portal(folder / "server", FROZEN_TIME=GUIDE_TIME)
    demo_db = Path(portal_app(folder / "demo", FROZEN_TIME=GUIDE_TIME).config["DATABASE"])
    runs = shots = 0
    kept: dict[str, tuple[list[Any], str]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(**launch_options(resolve(None)))  # type: ignore[arg-type]
            for index, scenario in enumerate(SCENARIOS):
                screens = list(SCREENS) if pictures and scenario.part else ["desktop"]
                for screen in screens:
                    runs += 1
                    shots += one_run(
                        browser,
                        server,
                        demo_db,
                        folder / f"{index}-{screen}",
                        scenario,
                        screen,
                        pictures if scenario.part else None,
                        kept,
                    )
            browser.close()
    finally:
        server.stop()
    return runs, shots


def one_run(
    browser: Browser,
    server: LivePortal,
    demo_db: Path,
    folder: Path,
    scenario: Scenario,
    screen: str,
    pictures: Path | None,
    kept: dict[str, tuple[list[Any], str]],
) -> int:
    """One scenario on one screen, on a fresh copy of the demo database."""
    folder.mkdir(parents=True)
    server.fresh_copy(folder, demo_db)
    options = {**CONTEXT, **SCREENS[screen]}
    context = browser.new_context(**options)
    try:
        run = Run(browser, context.new_page(), options, server.url + "/", screen, pictures, kept)
        for step in scenario.background:
            step(run)
        for index, step in enumerate(scenario.steps):
            step(run)
            if scenario.pictured(index):
                run.shoot()
        return run.shots
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    """Run the floor once and print what it did and how long it took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--screenshots", action="store_true", help="record as a guide run does")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="floor-") as scratch:
        folder = Path(scratch)
        pictures = folder / "pictures" if args.screenshots else None
        if pictures:
            pictures.mkdir()
        started = time.perf_counter()
        runs, shots = run_all(pictures, folder)
        took = time.perf_counter() - started
    print(f"floor: {runs} scenario runs, {shots} screenshots, {took:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
