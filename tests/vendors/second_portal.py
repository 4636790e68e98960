"""A second compatible portal, built differently from reference_app, for the conformance tests.

Other markup, other addresses, a two-step "Log in", a user menu called "Account menu", linked
accounts in a table with "remove" buttons, data in memory. `create_app(defects=...)` switches on
one deliberate defect at a time, so the tests can show the suite names the requirement broken.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from flask import Flask, abort, redirect, render_template_string, request, session, url_for
from flask.typing import ResponseReturnValue
from werkzeug.wrappers import Response

from reference_app import messages
from reference_app.forms import BillNumber

DEFECTS = frozenset(
    {
        "five_digit_accepted",
        "wrong_pair_linked",
        "wrong_section_link",
        "linked_not_listed",
        "logout_keeps_session",
        "back_shows_data",
        "others_account_visible",
        "image_without_alt",
        "remove_ignored",
        "message_not_announced",
        "no_message",
        "text_over_image",
    }
)
PASSWORD = "Prairie#2026"
ACCOUNTS = {"481207": "7305186", "318290": "4172630"}

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ title }} - Acme Utility Connect</title>
<style>body{font-family:sans-serif;margin:0}header{background:#234;color:#fff;padding:8px 16px;display:flex;justify-content:space-between}
main{padding:16px}#acct-menu[hidden]{display:none}.err{color:#900}</style></head><body>
<header><span>Acme Utility Connect for the City of Tulsa</span>
{% if signed_in %}<div><button type="button" id="acct" aria-haspopup="menu" aria-expanded="false"
 onclick="var m=document.getElementById('acct-menu');m.hidden=!m.hidden;this.setAttribute('aria-expanded',String(!m.hidden));">Account menu</button>
<div role="menu" id="acct-menu" hidden><a role="menuitem" href="/profile">My Account</a>
<form method="post" action="/bye" style="display:inline"><button role="menuitem">Log Out</button></form></div></div>
{% else %}<a href="/auth/email" style="color:#fff">Log in</a>{% endif %}</header>
<nav aria-label="Sections"><a href="/">Home</a> | <a href="/ub">Utility Billing</a></nav>
<main>{{ body|safe }}</main></body></html>"""


@dataclass
class Store:
    """Everything the second portal remembers, in memory."""

    users: dict[str, str] = field(
        default_factory=lambda: {
            "jordan.rivera@example.org": PASSWORD,
            "priya.nair@example.org": PASSWORD,
        }
    )
    links: dict[str, list[str]] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)


def create_app(defects: frozenset[str] = frozenset()) -> Flask:
    """The second portal, with any of DEFECTS switched on."""
    app = Flask(__name__)
    app.secret_key = secrets.token_hex(16)
    store = Store()

    def who() -> str | None:
        token = session.get("token")
        return store.sessions.get(token) if token else None

    def page(title: str, body: str, status: int = 200) -> ResponseReturnValue:
        html = render_template_string(PAGE, title=title, body=body, signed_in=who() is not None)
        response = Response(html, status=status, mimetype="text/html")
        # The defect is a common misconfiguration: personal pages cacheable for ten minutes.
        cached = "back_shows_data" in defects
        response.headers["Cache-Control"] = "private, max-age=600" if cached else "no-store"
        return response

    def signed_in() -> str:
        user = who()
        if user is None:
            abort(redirect("/auth/email"))
        return user

    @app.get("/")
    def home() -> ResponseReturnValue:
        logo = (
            '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
            if "image_without_alt" in defects
            else ""
        )
        banner = (  # not a defect: a contrast axe-core cannot measure, for a person to review
            '<p style="background:url(data:image/gif;base64,R0lGODlhAQABAAAAACw=) #fff;'
            'color:#777">Bills are due on the 15th.</p>'
            if "text_over_image" in defects
            else ""
        )
        return page(
            "Home", f"<h1>Acme Utility Connect</h1>{logo}{banner}<p>Pay your utility bill.</p>"
        )

    @app.route("/auth/email", methods=["GET", "POST"])
    def email_step() -> ResponseReturnValue:
        if request.method == "POST":
            session["email"] = request.form.get("email", "").strip().lower()
            return redirect("/auth/password")
        return page(
            "Log in",
            '<h1>Log in</h1><form method="post"><label for="e">Email address</label>'
            '<input id="e" name="email"><button>Next</button></form>',
        )

    @app.route("/auth/password", methods=["GET", "POST"])
    def password_step() -> ResponseReturnValue:
        email = session.get("email", "")
        if request.method == "POST":
            if store.users.get(email) == request.form.get("password"):
                token = secrets.token_hex(16)
                store.sessions[token] = email
                session.clear()
                session["token"] = token
                return redirect("/profile")
            return page(
                "Log in", f'<h1>Log in</h1><p role="alert">{messages.SIGN_IN_FAILED}</p>', 400
            )
        return page(
            "Log in",
            '<h1>Log in</h1><form method="post"><label for="p">Password</label>'
            '<input id="p" name="password" type="password"><button>Log in</button></form>',
        )

    @app.post("/bye")
    def log_out() -> ResponseReturnValue:
        if "logout_keeps_session" not in defects:
            store.sessions.pop(session.get("token", ""), None)
            session.clear()
        return redirect("/")

    @app.get("/profile")
    def settings() -> ResponseReturnValue:
        user = signed_in()
        numbers = [] if "linked_not_listed" in defects else store.links.get(user, [])
        rows = "".join(
            f'<tr><td>Account <a href="/ub/{n}">{n}</a></td><td>Customer {ACCOUNTS[n]}</td>'
            f'<td><form method="post" action="/ub/{n}/unlink"><button>remove</button></form></td></tr>'
            for n in numbers
        )
        customer_target = "/link-utility" if "wrong_section_link" in defects else "/link-general"
        body = (
            "<h1>Account Settings</h1>"
            '<section aria-label="Customer Accounts"><h2>Customer Accounts</h2>'
            f'<a href="{customer_target}">link to account</a></section>'
            '<section aria-label="Utility Billing Accounts"><h2>Utility Billing Accounts</h2>'
            f'<a href="/link-utility">link to account</a><table>{rows}</table></section>'
        )
        return page("Account Settings", body)

    @app.get("/link-general")
    def general() -> ResponseReturnValue:
        signed_in()
        return page("Customer Account Link Setup", "<h1>Customer Account Link Setup</h1>")

    @app.route("/link-utility", methods=["GET", "POST"])
    def link() -> ResponseReturnValue:
        user = signed_in()
        number = request.form.get("n", "").strip()
        customer = request.form.get("c", "").strip()
        error = ""
        if request.method == "POST":
            error = _number_error(number, customer, defects)
            if not error:
                mine = store.links.setdefault(user, [])
                if ACCOUNTS.get(number) != customer and "wrong_pair_linked" not in defects:
                    error = messages.LINK_NO_MATCH
                elif number in mine:
                    error = messages.LINK_ALREADY_YOURS.format(number=number)
                else:
                    mine.append(number)
                    return redirect("/profile")
        if "no_message" in defects:  # the form comes back as it was, saying nothing
            error = ""
        announced = "" if "message_not_announced" in defects else ' role="alert"'
        alert = f'<div class="err"{announced}>{error}</div>' if error else ""
        body = (
            f"<h1>Utility Billing Account Link Setup</h1>{alert}<form method='post'>"
            '<p><label for="n">What is the Account number?</label><input id="n" name="n"></p>'
            '<p><label for="c">What is the Customer ID?</label><input id="c" name="c"></p>'
            "<button>Submit</button></form>"
        )
        return page("Link", body, 400 if error else 200)

    @app.get("/ub")
    def utility_billing() -> ResponseReturnValue:
        user = signed_in()
        items = "".join(f'<li><a href="/ub/{n}">{n}</a></li>' for n in store.links.get(user, []))
        return page("Utility Billing", f"<h1>Utility Billing</h1><ul>{items}</ul>")

    @app.get("/ub/<number>")
    def account(number: str) -> ResponseReturnValue:
        user = signed_in()
        visible = number in store.links.get(user, []) or (
            "others_account_visible" in defects and number in ACCOUNTS
        )
        if not visible:
            return page("Not found", "<h1>Not found</h1>", 404)
        body = (
            f"<h1>Account {number}</h1><p>Customer {ACCOUNTS[number]}</p><p>Balance due $42.17</p>"
            "<table><tr><th>Bill</th><th>Amount</th></tr><tr><td>10/8/2026</td><td>$42.17</td>"
            "</tr></table>"
        )
        return page(f"Account {number}", body)

    @app.post("/ub/<number>/unlink")
    def unlink(number: str) -> ResponseReturnValue:
        user = signed_in()
        if number in store.links.get(user, []) and "remove_ignored" not in defects:
            store.links[user].remove(number)
        return redirect(url_for("settings"))

    if "back_shows_data" in defects:
        app.wsgi_app = _without_vary(app.wsgi_app)  # type: ignore[method-assign]
    return app


def _without_vary(wsgi_app: Any) -> Any:
    """Drop Vary: Cookie, so the browser's cache serves a page whatever the session."""

    def middleware(environ: dict[str, Any], start_response: Any) -> Any:
        def start(status: str, headers: list[tuple[str, str]], *rest: Any) -> Any:
            kept = [(name, value) for name, value in headers if name.lower() != "vary"]
            return start_response(status, kept, *rest)

        return wsgi_app(environ, start)

    return middleware


def _number_error(number: str, customer: str, defects: frozenset[str]) -> str:
    """The same checks as the reference portal, so its wording can be compared."""
    account_length = 5 if "five_digit_accepted" in defects and len(number) == 5 else 6
    rules = (
        (number, BillNumber("account number", account_length, messages.ACCOUNT_NUMBER_MISSING)),
        (customer, BillNumber("customer ID", 7, messages.CUSTOMER_ID_MISSING)),
    )
    for value, rule in rules:
        field_like = type("Field", (), {"data": value})()
        try:
            rule(None, field_like)
        except Exception as error:
            return str(error)
    return ""
