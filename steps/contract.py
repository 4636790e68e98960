"""The portal contract: every element the suite touches, found the way a person finds it.

Each element has a default locator by role and accessible name (or by label), the handout
instruction that needs it, and a key under `[locators]` in a portal config file that replaces
the default with any Playwright selector. Nothing else in the project knows how to find them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from playwright.sync_api import Locator, Page

Role = Literal[
    "alert", "button", "heading", "link", "menuitem", "navigation", "region", "status", "textbox"
]
SIGN_IN = re.compile(r"^\s*(sign|log)\s*in\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Element:
    """One thing on the portal's screens that a resident looks for."""

    key: str
    says: str  # how the handout or a resident names it
    handout: str  # the instruction that needs it
    role: Role | None = None
    name: str | re.Pattern[str] | None = None
    label: str | re.Pattern[str] | None = None
    within: str | None = None  # key of the element that contains it
    exact: bool = True
    notes: str = field(default="", compare=False)


ELEMENTS: tuple[Element, ...] = (
    Element(
        "sign_in_entry",
        '"Sign in" (or "Log in") on the utilities website',
        "1",
        role="link",
        name=SIGN_IN,
    ),
    Element(
        "email", 'the "Email" box', "2", label=re.compile(r"e-?mail|user\s*name", re.I), exact=False
    ),
    Element("password", 'the "Password" box', "2", label=re.compile(r"^\s*password\s*$", re.I)),
    Element(
        "next",
        'the "Next" button of a two-step sign-in',
        "2",
        role="button",
        name="Next",
        notes="Only for sign-in split over two pages.",
    ),
    Element("sign_in", 'the "Sign in" (or "Log in") button', "2", role="button", name=SIGN_IN),
    Element(
        "user_menu", "the user menu icon at the top right", "3", role="button", name="User menu"
    ),
    Element("my_account", '"My Account" in the user menu', "3", role="menuitem", name="My Account"),
    Element("log_out", '"Log Out" in the user menu', "8", role="menuitem", name="Log Out"),
    Element(
        "customer_accounts",
        'the "Customer Accounts" section',
        "4",
        role="region",
        name="Customer Accounts",
    ),
    Element(
        "utility_accounts",
        'the "Utility Billing Accounts" section',
        "4",
        role="region",
        name="Utility Billing Accounts",
    ),
    Element(
        "customer_link",
        '"link to account" across from "Customer Accounts"',
        "4",
        role="link",
        name="link to account",
        within="customer_accounts",
    ),
    Element(
        "utility_link",
        '"link to account" across from "Utility Billing Accounts"',
        "4",
        role="link",
        name="link to account",
        within="utility_accounts",
    ),
    Element(
        "account_number",
        'the "What is the Account number?" box',
        "5",
        label="What is the Account number?",
    ),
    Element(
        "customer_id", 'the "What is the Customer ID?" box', "5", label="What is the Customer ID?"
    ),
    Element("submit", 'the "Submit" button', "5", role="button", name="Submit"),
    Element(
        "remove",
        '"remove" beside a linked account',
        "6",
        role="link",
        name=re.compile(r"^\s*remove\b", re.I),
        within="utility_accounts",
    ),
    Element(
        "confirm_remove",
        "the button that confirms removing a link",
        "6",
        role="button",
        name=re.compile(r"^\s*(remove|yes|confirm)", re.I),
    ),
    Element(
        "utility_billing",
        '"Utility Billing" in the navigation',
        "closing",
        role="link",
        name="Utility Billing",
    ),
    Element("home", '"Home" in the navigation', "3", role="link", name="Home"),
    Element("alert", "a message announced as an alert", "5", role="alert"),
    Element("status", "a confirmation announced as a status", "6", role="status"),
    Element(
        "register",
        '"Create an account" on the utilities website',
        "intro",
        role="link",
        name=re.compile(r"create an account|register", re.I),
    ),
    Element(
        "confirm_password",
        'the "Confirm password" box',
        "intro",
        label=re.compile(r"confirm", re.I),
    ),
    Element(
        "create_account",
        'the "Create account" button',
        "intro",
        role="button",
        name=re.compile(r"create account|register", re.I),
    ),
)

BY_KEY = {element.key: element for element in ELEMENTS}


class UnknownElement(KeyError):
    """A locator override names an element the contract does not have."""


@dataclass(frozen=True)
class PortalContract:
    """Finds the contract's elements on a page, honouring a portal's `[locators]` overrides."""

    overrides: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = sorted(set(self.overrides) - set(BY_KEY))
        if unknown:
            raise UnknownElement(
                f"[locators] has unknown keys: {', '.join(unknown)}. "
                f"Known keys: {', '.join(sorted(BY_KEY))}."
            )

    def locate(self, page: Page, key: str) -> Locator:
        """The element `key` on `page` (a Locator: nothing is looked up until it is used)."""
        element = BY_KEY[key]
        if key in self.overrides:
            return page.locator(self.overrides[key])
        scope: Page | Locator = self.locate(page, element.within) if element.within else page
        if element.label is not None:
            return scope.get_by_label(element.label, exact=element.exact)
        assert element.role is not None, f"contract element {key} has neither role nor label"
        if element.name is None:
            return scope.get_by_role(element.role)
        return scope.get_by_role(element.role, name=element.name, exact=element.exact)

    def heading(self, page: Page, title: str) -> Locator:
        """A page's heading with exactly this title."""
        return page.get_by_role("heading", name=title, exact=True).first

    def account_link(self, page: Page, number: str) -> Locator:
        """The link on an account number in the "Utility Billing Accounts" section."""
        return self.locate(page, "utility_accounts").get_by_role("link", name=number, exact=True)

    def remove_for(self, page: Page, number: str) -> Locator:
        """The "remove" beside one linked account (its list item or table row)."""
        if "remove" in self.overrides:
            return self.locate(page, "remove")
        section = self.locate(page, "utility_accounts")
        number_link = page.get_by_role("link", name=number, exact=True)
        rows = section.get_by_role("listitem").or_(section.get_by_role("row"))
        row = rows.filter(has=number_link)
        name = BY_KEY["remove"].name
        return row.get_by_role("link", name=name).or_(row.get_by_role("button", name=name)).first


def _shown(value: str | re.Pattern[str] | None) -> str:
    if value is None:
        return ""
    if isinstance(value, re.Pattern):
        return f"`/{value.pattern}/i`" if value.flags & re.IGNORECASE else f"`/{value.pattern}/`"
    return f'"{value}"'


def markdown_table() -> str:
    """The contract as the Markdown table docs/vendors.md shows (kept equal by a test)."""
    rows = [
        "| `[locators]` key | what the resident looks for | found by | handout step |",
        "|---|---|---|---|",
    ]
    for element in ELEMENTS:
        if element.label is not None:
            how = f"label {_shown(element.label)}"
        else:
            how = f"role `{element.role}`" + (
                f" named {_shown(element.name)}" if element.name else ""
            )
        if element.within:
            how += f", inside `{element.within}`"
        cells = (f"`{element.key}`", element.says, how, element.handout)
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(markdown_table(), end="")
