"""A third compatible portal, written from the handout alone, with a switch for each way real
portals differ from the reference one while a resident can still follow the handout.

Nothing here comes from reference_app: its own wording of every message, its own checks of the
numbers, its own markup. Labels carry required-field stars ("What is the Account number? *",
"What is the Customer ID?*", "E-mail:"). The switches (`Variant`):

- sign_in: "one-step" (e-mail and password on one page) or "two-step" (e-mail, Next, password);
- menu: "menuitems" (a menu button with role=menuitem entries) or "plain" (a disclosure with a
  plain link and a plain button);
- sections: "regions" (labelled <section>s), "fieldsets" (<fieldset> and <legend>), "table" (one
  table, a row per section) or "headings" (an <h3> and what follows it, no landmarks);
- remove: "button" (a form button in the account's row) or "link" (a link to a page that asks
  "Remove the link?" with a "Yes, remove it" button);
- announce: "alert" (role=alert), "status" (role=status), "live" (a div with aria-live) or
  "described" (no live region: the boxes a message is about are marked aria-invalid and the
  message is their aria-describedby text).

The user menu is called "Account menu" and is found through the config's `[locators]`.
"""

from __future__ import annotations

import html
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from flask import Flask, abort, redirect, request, session
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

PASSWORD = "Cimarron#2026"
BILLS = {"481207": "7305186", "318290": "4172630"}
RESIDENTS = ("jordan.rivera@example.org", "priya.nair@example.org")


@dataclass(frozen=True)
class Variant:
    """One combination of the ways this portal may be built."""

    sign_in: Literal["one-step", "two-step"] = "one-step"
    menu: Literal["menuitems", "plain"] = "menuitems"
    sections: Literal["regions", "fieldsets", "table", "headings"] = "regions"
    remove: Literal["button", "link"] = "button"
    announce: Literal["alert", "status", "live", "described"] = "alert"

    def message(self, text: str) -> str:
        """A message above a form, announced the way this variant announces them.

        A "described" variant shows none there: its messages are on the boxes (`box`).
        """
        if self.announce == "described":
            return ""
        where = {
            "alert": 'role="alert"',
            "status": 'role="status"',
            "live": 'aria-live="polite"',
        }[self.announce]
        return f'<div class="notice" {where}>{html.escape(text)}</div>'

    def box(self, name: str, label: str, problem: str = "", kind: str = "text") -> str:
        """A labelled box, marked invalid with a problem (which a "described" variant tells)."""
        marks, after = "", ""
        if problem:
            marks = ' aria-invalid="true"'
            if self.announce == "described":
                marks += f' aria-describedby="{name}-problem"'
                after = f' <span id="{name}-problem">{html.escape(problem)}</span>'
        return (
            f'<p><label for="{name}">{label}</label> '
            f'<input id="{name}" name="{name}" type="{kind}"{marks}>{after}</p>'
        )


@dataclass
class Memory:
    """Who has signed in and which bills each resident linked."""

    links: dict[str, list[str]] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)


def frame(variant: Variant, title: str, body: str, user: str | None) -> str:
    """The page around a body: a header with the sign-in link or the account menu."""
    if user is None:
        corner = '<a href="/signin">Log in</a>'
    elif variant.menu == "menuitems":
        corner = (
            '<button id="m" aria-haspopup="menu" onclick="document.getElementById(\'mm\')'
            ".hidden=!document.getElementById('mm').hidden\">Account menu</button>"
            '<div role="menu" id="mm" hidden><a role="menuitem" href="/settings">My Account</a>'
            '<form method="post" action="/signout"><button role="menuitem">Log Out</button></form>'
            "</div>"
        )
    else:
        corner = (
            '<details><summary role="button">Account menu</summary><ul>'
            '<li><a href="/settings">My Account</a></li><li><form method="post" '
            'action="/signout"><button>Log Out</button></form></li></ul></details>'
        )
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        "</head><body><header><strong>Tulsa Utilities Online</strong> "
        f'{corner}</header><nav><a href="/">Home</a> <a href="/bills">Utility Billing</a></nav>'
        f"<main>{body}</main></body></html>"
    )


def sections_html(variant: Variant, links: list[str]) -> str:
    """Account Settings' two sections, built as the variant builds them."""
    rows = "".join(
        f'<li>Account <a href="/bills/{n}">{n}</a> {remove_control(variant, n)}</li>' for n in links
    )
    customer = '<a href="/customer-link">link to account</a>'
    utility = '<a href="/utility-link">Link to account</a>'
    listed = f"<ul>{rows}</ul>" if rows else "<p>No accounts yet.</p>"
    if variant.sections == "regions":
        return (
            f'<section aria-labelledby="c"><h2 id="c">Customer Accounts</h2>{customer}</section>'
            f'<section aria-labelledby="u"><h2 id="u">Utility Billing Accounts</h2>{utility}'
            f"{listed}</section>"
        )
    if variant.sections == "fieldsets":
        return (
            f"<fieldset><legend>Customer Accounts</legend>{customer}</fieldset>"
            f"<fieldset><legend>Utility Billing Accounts</legend>{utility}{listed}</fieldset>"
        )
    if variant.sections == "table":
        return (
            f"<table><tr><th>Customer Accounts</th><td>{customer}</td><td></td></tr>"
            f"<tr><th>Utility Billing Accounts:</th><td>{utility}</td><td>{listed}</td></tr>"
            "</table>"
        )
    return (
        f"<h3>Customer Accounts</h3><div>{customer}</div>"
        f"<h3>Utility Billing Accounts</h3><div>{utility}{listed}</div>"
    )


def remove_control(variant: Variant, number: str) -> str:
    """What removes a link: a button, or a link to a page that asks first."""
    if variant.remove == "link":
        return f'<a href="/bills/{number}/remove">Remove</a>'
    return f'<form method="post" action="/bills/{number}/remove"><button>Remove</button></form>'


def number_problem(number: str, customer: str) -> tuple[str, str] | None:
    """Which box is wrong and this portal's words for it, or None."""
    if not number:
        return "n", "Please fill in this box."
    if not (number.isascii() and number.isdigit()) or len(number) != 6:
        return "n", "This does not look like a number from your bill: it has 6 digits."
    if not customer:
        return "c", "The Customer ID is required."
    if not (customer.isascii() and customer.isdigit()) or len(customer) != 7:
        return "c", "A Customer ID has 7 digits, no letters or spaces."
    return None


def link_form(variant: Variant, problem: tuple[str, str] | None, notice: str = "") -> str:
    """Utility Billing Account Link Setup, with a problem marked on its box.

    A notice about both numbers ("no account matches") marks neither box, unless the variant
    announces its messages on the boxes.
    """
    wrong, text = problem or ("", notice)
    both = notice if variant.announce == "described" else ""

    def about(name: str) -> str:
        return text if wrong == name else both

    return (
        f"<h1>Utility Billing Account Link Setup</h1>{variant.message(text) if text else ''}"
        f"<form method='post'>{variant.box('n', 'What is the Account number? *', about('n'))}"
        f"{variant.box('c', 'What is the Customer ID?*', about('c'))}"
        "<button>Submit</button> <a href='/settings'>Cancel</a></form>"
    )


def sign_in_form(variant: Variant, step: str, notice: str = "") -> str:
    """The e-mail, the password, or both, with the variant's button."""
    on_boxes = notice if variant.announce == "described" else ""
    email = variant.box("email", "E-mail:", on_boxes)
    password = variant.box("password", "Password *", on_boxes, kind="password")
    if variant.sign_in == "one-step":
        fields, button = email + password, "Log in"
    elif step == "email":
        fields, button = email, "Next"
    else:
        fields, button = password, "Log in"
    shown = variant.message(notice) if notice else ""
    return f"<h1>Log in</h1>{shown}<form method='post'>{fields}<button>{button}</button></form>"


def create_app(variant: Variant = Variant()) -> Flask:
    """The portal in one variant."""
    app = Flask(__name__)
    app.secret_key = secrets.token_hex(16)
    memory = Memory()

    def user() -> str | None:
        return memory.sessions.get(session.get("token", ""))

    def page(title: str, body: str, status: int = 200) -> Response:
        response = Response(frame(variant, title, body, user()), status, mimetype="text/html")
        response.headers["Cache-Control"] = "no-store"
        return response

    def resident() -> str:
        found = user()
        if found is None:
            abort(redirect("/signin"))
        return found

    routes(app, variant, memory, page, resident)
    return app


def routes(
    app: Flask,
    variant: Variant,
    memory: Memory,
    page: Callable[..., Response],
    resident: Callable[[], str],
) -> None:
    """Every page of the portal."""

    @app.get("/")
    def home() -> ResponseReturnValue:
        return page(
            "Tulsa Utilities Online", "<h1>Welcome</h1><p>Pay your utility bill online.</p>"
        )

    @app.route("/signin", methods=["GET", "POST"])
    def sign_in() -> ResponseReturnValue:
        if request.method == "GET":
            session.pop("email", None)
            return page("Log in", sign_in_form(variant, "email"))
        email = request.form.get("email", session.get("email", "")).strip().lower()
        if variant.sign_in == "two-step" and "password" not in request.form:
            session["email"] = email
            return page("Log in", sign_in_form(variant, "password"))
        if email in RESIDENTS and request.form.get("password") == PASSWORD:
            token = secrets.token_hex(16)
            memory.sessions[token] = email
            session.clear()
            session["token"] = token
            return redirect("/settings")
        notice = "Those details did not work. Check your e-mail and password."
        return page("Log in", sign_in_form(variant, "email", notice), 400)

    @app.post("/signout")
    def sign_out() -> ResponseReturnValue:
        memory.sessions.pop(session.get("token", ""), None)
        session.clear()
        return redirect("/")

    @app.get("/settings")
    def settings() -> ResponseReturnValue:
        links = memory.links.get(resident(), [])
        return page("Account Settings", "<h1>Account Settings</h1>" + sections_html(variant, links))

    @app.get("/customer-link")
    def customer_link() -> ResponseReturnValue:
        resident()
        return page("Customer Account Link Setup", "<h1>Customer Account Link Setup</h1>")

    @app.route("/utility-link", methods=["GET", "POST"])
    def utility_link() -> ResponseReturnValue:
        who = resident()
        if request.method == "GET":
            return page("Link", link_form(variant, None))
        number, customer = request.form.get("n", "").strip(), request.form.get("c", "").strip()
        problem = number_problem(number, customer)
        if problem is None:
            mine = memory.links.setdefault(who, [])
            if BILLS.get(number) != customer:
                notice = "No account matches those two numbers."
            elif number in mine:
                notice = "You have already linked that account."
            else:
                mine.append(number)
                return redirect("/settings")
            return page("Link", link_form(variant, None, notice), 400)
        return page("Link", link_form(variant, problem), 400)

    @app.get("/bills")
    def bills() -> ResponseReturnValue:
        items = "".join(
            f'<li><a href="/bills/{n}">{n}</a></li>' for n in memory.links.get(resident(), [])
        )
        return page("Utility Billing", f"<h1>Utility Billing</h1><ul>{items}</ul>")

    @app.get("/bills/<number>")
    def bill(number: str) -> ResponseReturnValue:
        if number not in memory.links.get(resident(), []):
            return page("Not found", "<h1>Page not found</h1>", 404)
        body = (
            f"<h1>Utility account {number}</h1><p>Current balance: $58.04</p>"
            "<table><tr><th>Bill date</th><th>Amount</th></tr>"
            "<tr><td>Nov 3, 2026</td><td>$58.04</td></tr></table>"
        )
        return page(f"Account {number}", body)

    @app.route("/bills/<number>/remove", methods=["GET", "POST"])
    def remove(number: str) -> ResponseReturnValue:
        mine = memory.links.get(resident(), [])
        if request.method == "GET":
            ask = "<h1>Remove the link?</h1><form method='post'><button>Yes, remove it</button></form>"
            return page("Remove", ask)
        if number in mine:
            mine.remove(number)
        return redirect("/settings")
