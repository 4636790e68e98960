"""The portal contract: every element the suite touches, found the way a person finds it.

A person finds a control by the words on it, whatever it is built as (a link, a button or a
menu item); a box by its label, read loosely (a required-field star, a trailing colon, other
spacing or case are the same box); a section by its title, and what belongs to it by reading
on from that title. So an element is words and a kind, and "inside" another element means
"after it in reading order": the "Sign in" button after the Password box, "link to account"
after the "Utility Billing Accounts" title, "remove" after the account's number. Nothing here
depends on ARIA regions, class names or exact label strings.

Each element also has the handout instruction that needs it and a key under `[locators]` in a
portal config file, where a vendor can say in the contract's own terms (role and name, label,
text, placeholder, test id) or as a Playwright selector how their portal shows it. Nothing else
in the project knows how to find these elements.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from playwright.sync_api import Locator, Page

Kind = Literal["control", "box", "title", "message"]
# What a control may be built as: whatever a person can select.
CONTROL_ROLES: tuple[Literal["link", "button", "menuitem"], ...] = ("link", "button", "menuitem")
SIGN_IN = re.compile(r"^\W*(sign|log)\s*-?\s*in\W*$", re.IGNORECASE)
# Where assistive technology announces a message: a live region, or the description of a box
# marked invalid (read out with the box: `id()` takes every id its aria-describedby lists).
ANNOUNCED = "[role=alert], [role=status], [aria-live]:not([aria-live=off]), output"
DESCRIBED = "xpath=id(//*[@aria-invalid='true']/@aria-describedby)"


def words(text: str) -> re.Pattern[str]:
    """The words as a person reads them: any case and spacing, punctuation or a star around."""
    body = r"\s+".join(re.escape(word) for word in text.strip(" ?:*").split())
    return re.compile(rf"^[\s*:]*{body}[\s?:*]*(\(required\))?[\s*]*$", re.IGNORECASE)


@dataclass(frozen=True)
class Element:
    """One thing on the portal's screens that a resident looks for."""

    key: str
    says: str  # how the handout or a resident names it
    handout: str  # the instruction that needs it
    kind: Kind
    shows: str | re.Pattern[str] = ""  # the words on it, its label or its title
    after: str | None = None  # key of the element it follows in reading order
    notes: str = field(default="", compare=False)
    reads: str = ""  # for the vendors' table, where `shows` is a pattern: what it accepts

    @property
    def pattern(self) -> re.Pattern[str]:
        """The words it shows, as a pattern read loosely."""
        return self.shows if isinstance(self.shows, re.Pattern) else words(self.shows)


ELEMENTS: tuple[Element, ...] = (
    Element("sign_in_entry", '"Sign in" (or "Log in") on the utilities website', "1", "control",
            SIGN_IN, reads='"Sign in" or "Log in"'),
    Element("email", 'the "Email" box', "2", "box",
            re.compile(r"e-?mail|user\s*name", re.IGNORECASE),
            reads='"Email", "E-mail" or "Username"'),
    Element("password", 'the "Password" box', "2", "box", "Password"),
    Element("next", 'the "Next" button of a two-step sign-in', "2", "control", "Next",
            after="email", notes="Only for sign-in split over two pages."),
    Element("sign_in", 'the "Sign in" (or "Log in") button', "2", "control", SIGN_IN,
            after="password", reads='"Sign in" or "Log in"'),
    Element("user_menu", "the user menu icon at the top right", "3", "control", "User menu"),
    Element("my_account", '"My Account" in the user menu', "3", "control", "My Account",
            after="user_menu"),
    Element("log_out", '"Log Out" in the user menu', "8", "control",
            re.compile(r"^\W*(log|sign)\s*-?\s*out\W*$", re.IGNORECASE), after="user_menu",
            reads='"Log Out" or "Sign out"'),
    Element("customer_accounts", 'the "Customer Accounts" section', "4", "title",
            "Customer Accounts"),
    Element("utility_accounts", 'the "Utility Billing Accounts" section', "4", "title",
            "Utility Billing Accounts"),
    Element("customer_link", '"link to account" across from "Customer Accounts"', "4", "control",
            "link to account", after="customer_accounts"),
    Element("utility_link", '"link to account" across from "Utility Billing Accounts"', "4",
            "control", "link to account", after="utility_accounts"),
    Element("account_number", 'the "What is the Account number?" box', "5", "box",
            "What is the Account number?"),
    Element("customer_id", 'the "What is the Customer ID?" box', "5", "box",
            "What is the Customer ID?"),
    Element("submit", 'the "Submit" button', "5", "control", "Submit", after="customer_id"),
    Element("remove", '"remove" beside a linked account', "6", "control",
            re.compile(r"^\W*remove\b", re.IGNORECASE), after="utility_accounts", reads='"remove…"',
            notes="The one after the account's number is used."),
    Element("confirm_remove", "the button that confirms removing a link", "6", "control",
            re.compile(r"^\W*(remove|yes|confirm|ok|delete)\b", re.IGNORECASE),
            reads='"Remove…", "Yes…", "Confirm…", "OK" or "Delete…"',
            notes="In the dialog the portal opens, if it opens one."),
    Element("utility_billing", '"Utility Billing" in the navigation', "closing", "control",
            "Utility Billing"),
    Element("home", '"Home" in the navigation', "3", "control", "Home"),
    Element("message", "a message announced to assistive technology", "5", "message"),
    Element("register", '"Create an account" on the utilities website', "intro", "control",
            re.compile(r"create\s+an?\s+account|register", re.IGNORECASE),
            reads='"Create an account" or "Register"'),
    Element("confirm_password", 'the "Confirm password" box', "intro", "box",
            re.compile(r"confirm", re.IGNORECASE), reads='"…confirm…"'),
    Element("create_account", 'the "Create account" button', "intro", "control",
            re.compile(r"create\s+(an?\s+)?account|register", re.IGNORECASE),
            after="confirm_password", reads='"Create account" or "Register"'),
)  # fmt: skip

BY_KEY = {element.key: element for element in ELEMENTS}
# The boxes a message may be about, and how a message names each.
BOXES = {"account_number": r"\baccount\s+number\b", "customer_id": r"\bcustomer\s+id\b"}
Override = str | Mapping[str, Any]


class UnknownElement(KeyError):
    """A locator override names an element the contract does not have."""


def visible_first(found: Locator) -> Locator:
    """The first of these a person can see, in reading order."""
    return found.filter(visible=True).first


def controls(scope: Page | Locator, name: str | re.Pattern[str], exact: bool = False) -> Locator:
    """Whatever a person can select with these words on it: a link, a button or a menu item."""
    found = [scope.get_by_role(role, name=name, exact=exact) for role in CONTROL_ROLES]
    union = found[0]
    for other in found[1:]:
        union = union.or_(other)
    return union


def following(anchor: Locator, found: Locator) -> Locator:
    """Those of `found` that come after `anchor` in reading order."""
    return anchor.locator("xpath=following::*").and_(found)


def overridden(page: Page, how: Override) -> Locator:
    """An element as a vendor's `[locators]` entry names it."""
    if isinstance(how, str):
        return page.locator(how)
    if "role" in how:
        return page.get_by_role(how["role"], name=how.get("name"), exact=how.get("exact"))
    if "label" in how:
        return page.get_by_label(how["label"], exact=how.get("exact"))
    if "text" in how:
        return page.get_by_text(how["text"], exact=how.get("exact"))
    if "placeholder" in how:
        return page.get_by_placeholder(how["placeholder"], exact=how.get("exact"))
    if "test_id" in how:
        return page.get_by_test_id(how["test_id"])
    return page.locator(how["selector"])


@dataclass(frozen=True)
class PortalContract:
    """Finds the contract's elements on a page, honouring a portal's `[locators]` overrides."""

    overrides: Mapping[str, Override] = field(default_factory=dict)
    # The portal's own words for the City's messages, where a vendor declared them.
    wording: Mapping[str, str] = field(default_factory=dict)
    # Whether messages must be in the City's words (the reference portal), or only mean the same.
    city_wording: bool = True

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
        if element.kind == "message":  # every message shown: the steps pick the one they mean
            if key in self.overrides:
                return overridden(page, self.overrides[key]).describe(element.says)
            return page.locator(ANNOUNCED).or_(page.locator(DESCRIBED)).describe(element.says)
        if key in self.overrides:
            return visible_first(overridden(page, self.overrides[key])).describe(element.says)
        if element.kind == "box":
            found = page.get_by_label(element.pattern)
        elif element.kind == "title":
            found = page.get_by_text(element.pattern)
        else:
            found = controls(page, element.pattern)
        if element.after:
            found = following(self.locate(page, element.after), found)
        return visible_first(found).describe(element.says)

    def told(self, page: Page, city: str | re.Pattern[str]) -> Locator:
        """The announced message that says what the City's message `city` says.

        In the City's words on the reference portal, in the words a vendor declared for it, and
        otherwise any announced message with words in it: a compatible portal words its own.
        """
        messages = self.locate(page, "message")
        if isinstance(city, str) and city in self.wording:
            found, meant = messages.filter(has_text=self.wording[city]), f'"{self.wording[city]}"'
        elif self.city_wording:
            found, meant = messages.filter(has_text=city), _shown(city)
        else:
            found, meant = messages.filter(has_text=re.compile(r"\w")), "a message"
        return visible_first(found).describe(f"an announced message saying {meant}")

    @staticmethod
    def box_named_in(message: str) -> str | None:
        """The one box a message is about, if it names exactly one of the two numbers' boxes."""
        named = [box for box in BOXES if re.search(BOXES[box], message, re.IGNORECASE)]
        return named[0] if len(named) == 1 else None

    def confirmation(self, page: Page) -> Locator:
        """The control that confirms what the portal asks, in its open dialog if it opened one.

        A dialog is a `<dialog>` or an element of role dialog or alertdialog; without one, the
        portal asks on a page of its own. (The browser's own confirm() is answered by the steps.)
        """
        if "confirm_remove" in self.overrides:
            return self.locate(page, "confirm_remove")
        asking = page.get_by_role("dialog").or_(page.get_by_role("alertdialog"))
        inside = controls(asking.filter(visible=True), BY_KEY["confirm_remove"].pattern)
        return visible_first(inside).describe(BY_KEY["confirm_remove"].says)

    def heading(self, page: Page, title: str) -> Locator:
        """A page's heading with this title."""
        found = page.get_by_role("heading", name=words(title))
        return visible_first(found).describe(f'the heading "{title}"')

    def account_link(self, page: Page, number: str) -> Locator:
        """The account number a resident selects, after the "Utility Billing Accounts" title."""
        number_control = controls(page, re.compile(rf"(^|\D){re.escape(number)}(\D|$)"))
        found = following(self.locate(page, "utility_accounts"), number_control)
        return visible_first(found).describe(f'account {number} under "Utility Billing Accounts"')

    def remove_for(self, page: Page, number: str) -> Locator:
        """The "remove" beside one linked account: the first after its number."""
        if "remove" in self.overrides:
            return self.locate(page, "remove")
        removes = controls(page, BY_KEY["remove"].pattern)
        found = following(self.account_link(page, number), removes)
        return visible_first(found).describe(f'"remove" beside account {number}')


def _shown(value: str | re.Pattern[str]) -> str:
    if isinstance(value, re.Pattern):
        return f"`/{value.pattern}/i`" if value.flags & re.IGNORECASE else f"`/{value.pattern}/`"
    return f'"{value}"'


FOUND_AS = {
    "control": "a link, button or menu item named {}",
    "box": 'the box labelled {} (any case or spacing; a star, colon or "(required)" after it)',
    "title": "the text {}",
    "message": "a message announced as an alert, a status or a live region, or the description "
    "(`aria-describedby`) of a box marked `aria-invalid`",
}


def markdown_table() -> str:
    """The contract as the Markdown table handbooks/vendors.md shows (kept equal by a test)."""
    rows = [
        "| `[locators]` key | what the resident looks for | found by | handout step |",
        "|---|---|---|---|",
    ]
    for element in ELEMENTS:
        how = FOUND_AS[element.kind].format(element.reads or _shown(element.shows))
        if element.after:
            how += f", after `{element.after}`"
        cells = (f"`{element.key}`", element.says, how, element.handout)
        rows.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    print(markdown_table(), end="")
