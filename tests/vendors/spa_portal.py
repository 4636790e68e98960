"""A compatible portal built the way many are built today: a single-page app.

Written from the handout alone, like `tests/vendors/variant_portal.py`, but drawn in the browser: every
address answers the same HTML shell with HTTP 200, a script draws each screen after a short
spinner (`aria-busy`, a progress bar) from a JSON API that answers after a pause, and moves
between screens through the History API. Sign-in takes two steps (e-mail, "Next", password); a
cookie banner waits at the foot of the screen; a "Profile" icon button opens a menu of two
buttons, "My Account" and "Sign Out"; the two account sections are cards; messages are
`role=status` toasts in its own words, the box they are about marked `aria-invalid`.

"remove" asks for confirmation in one of four ways (`Spa.confirm`): a modal `<dialog>`, a
`role=alertdialog` box, the browser's own `confirm()`, or a page of its own. One defect can be
switched on (`Spa.defect`), each one a resident would suffer and the suite must name:

- short_number: an account number one digit short links the account it begins;
- wrong_pair: a known account number links whatever the customer ID, with the success toast;
- cut_old_number: a 9-digit number from before 2021 is cut to its middle 6 digits and linked;
- shows_others: another resident's account page shows their account (with HTTP 200, as every
  page has).
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any, Literal

from flask import Flask, jsonify, request, session
from flask.typing import ResponseReturnValue

PASSWORD = "Arkansas#River2026"
# Its own bills: numbers unlike the reference portal's, so the numbers the scenarios type must be
# made from the config's bill, not the examples' (an account number one digit short of 559321).
BILLS = {"559321": "8842617", "662930": "5127748"}
BILL = ("559321", "8842617")
RESIDENTS = ("jordan.rivera@example.org", "priya.nair@example.org")
PAUSE = 0.15  # seconds each API answer takes: the spinner shows meanwhile
Confirm = Literal["dialog", "alertdialog", "browser", "page"]
Defect = Literal["", "short_number", "wrong_pair", "cut_old_number", "shows_others"]


@dataclass(frozen=True)
class Spa:
    """How "remove" asks for confirmation, and the defect switched on (none by default)."""

    confirm: Confirm = "dialog"
    defect: Defect = ""


@dataclass
class Memory:
    """Who has signed in and which bills each resident linked."""

    links: dict[str, list[str]] = field(default_factory=dict)
    sessions: dict[str, str] = field(default_factory=dict)


STYLE = """body{font:16px sans-serif;margin:0 0 4rem}header{display:flex;gap:1rem;padding:.5rem}
.card{border:1px solid #999;border-radius:8px;padding:1rem;margin:1rem;max-width:30rem}
.spinner{width:2rem;height:2rem;border:4px solid #ccc;border-top-color:#333;border-radius:50%;
animation:turn 1s linear infinite}@keyframes turn{to{transform:rotate(360deg)}}
#cookies{position:fixed;bottom:0;left:0;right:0;background:#eee;padding:.5rem}
[role=status]{background:#ffd;padding:.5rem;margin:.5rem}"""

SCRIPT = r"""
const CONFIRM = %(confirm)s;
const app = document.getElementById("app"), bar = document.getElementById("top");
let who = null, draft = {};
const esc = (t) => String(t).replace(/[&<>"]/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})[c]);
async function api(path, method = "GET", body) {
  const answer = await fetch(path, {method, headers: {"Content-Type": "application/json"},
                                    body: body && JSON.stringify(body)});
  return [answer.status, await answer.json()];
}
function busy() {
  app.setAttribute("aria-busy", "true");
  app.innerHTML = '<div class="spinner" role="progressbar" aria-label="Loading"></div>';
}
function draw(html) { app.innerHTML = html; app.removeAttribute("aria-busy"); }
function toast(text) {
  document.querySelectorAll(".toast").forEach((t) => t.remove());
  if (text) document.body.insertAdjacentHTML("afterbegin", `<div class="toast" role="status">${esc(text)}</div>`);
}
function go(path, said) { history.pushState({}, "", path); route(said); }
function header() {
  bar.innerHTML = who
    ? '<strong>Tulsa Water Online</strong><a href="/" data-go>Home</a><a href="/bills" data-go>Utility Billing</a>' +
      '<button id="profile" aria-label="Profile" aria-expanded="false">&#128100;</button>' +
      '<div id="menu" hidden><button data-go-to="/account">My Account</button><button id="signout">Sign Out</button></div>'
    : '<strong>Tulsa Water Online</strong><a href="/" data-go>Home</a><a href="/signin" data-go>Sign in</a>';
}
async function route(said) {
  busy();
  toast(said || "");
  const [, me] = await api("/api/session");
  who = me.user;
  header();
  const path = location.pathname;
  const account = path.match(/^\/accounts\/(\d+)$/), removing = path.match(/^\/accounts\/(\d+)\/remove$/);
  if (path === "/") return draw("<h1>Pay your water bill online</h1><p>Welcome to Tulsa Water Online.</p>");
  if (path === "/signin") return drawSignIn("email");
  if (!who) return drawSignIn("email", "Sign in to see that page.");
  if (path === "/dashboard") return draw("<h1>Welcome back</h1><p>What would you like to do today?</p>");
  if (path === "/account") return drawSettings();
  if (path === "/link") return drawLink();
  if (path === "/customer-link") return draw("<h1>Customer Account Link Setup</h1><p>For general billing invoices.</p>");
  if (path === "/bills") return drawSettings("Utility Billing");
  if (removing) return draw(`<h1>Remove account ${esc(removing[1])}?</h1><button id="yes" data-n="${esc(removing[1])}">Remove link</button> <a href="/account" data-go>Cancel</a>`);
  if (account) return drawAccount(account[1]);
  draw("<h1>Not found</h1><p>There is no such page.</p>");
}
function drawSignIn(step, said) {
  toast(said || "");
  const box = step === "email"
    ? '<label for="email">E-mail address</label> <input id="email" type="email"> <button id="next">Next</button>'
    : '<label for="pw">Password</label> <input id="pw" type="password"> <button id="enter">Sign in</button>';
  draw(`<h1>Sign in</h1><form onsubmit="return false">${box}</form>`);
}
async function drawSettings(title) {
  const [, data] = await api("/api/accounts");
  const rows = data.accounts.map((n) => `<li>Account <a href="/accounts/${n}" data-go>${n}</a> <button class="remove" data-n="${n}">remove</button></li>`).join("");
  draw(`<h1>${title || "Account Settings"}</h1>` +
    '<div class="card"><h2>Customer Accounts</h2><a href="/customer-link" data-go>link to account</a></div>' +
    '<div class="card"><h2>Utility Billing Accounts</h2><a href="/link" data-go>link to account</a>' +
    (rows ? `<ul>${rows}</ul>` : "<p>No accounts linked yet.</p>") + "</div>");
}
function drawLink() {
  draw('<h1>Utility Billing Account Link Setup</h1><form onsubmit="return false">' +
    '<p><label for="n">What is the Account number?</label> <input id="n"></p>' +
    '<p><label for="c">What is the Customer ID?</label> <input id="c"></p>' +
    '<button id="submit">Submit</button></form>');
}
async function drawAccount(n) {
  const [status, data] = await api(`/api/accounts/${n}`);
  if (status !== 200) return draw(`<h1>Not found</h1><p>${esc(data.error)}</p>`);
  draw(`<h1>Utility account ${esc(data.number)}</h1><p>Customer ID ${esc(data.customer)}</p>` +
    "<p>Balance due: $58.04</p><table><tr><th>Bill date</th><th>Amount</th></tr>" +
    "<tr><td>11/3/2026</td><td>$58.04</td></tr></table>");
}
async function removeLink(n) {
  const [, data] = await api(`/api/accounts/${n}`, "DELETE");
  go("/account", data.said);
}
function ask(n) {
  const question = `Remove account ${n}?`;
  if (CONFIRM === "browser") { if (confirm(question)) removeLink(n); return; }
  if (CONFIRM === "page") return go(`/accounts/${n}/remove`);
  const buttons = `<p id="q">${question}</p><button id="sure" data-n="${n}">Remove link</button> <button id="keep">Cancel</button>`;
  if (CONFIRM === "dialog") {
    document.body.insertAdjacentHTML("beforeend", `<dialog id="ask" aria-labelledby="q">${buttons}</dialog>`);
    document.getElementById("ask").showModal();
  } else {
    document.body.insertAdjacentHTML("beforeend", `<div id="ask" role="alertdialog" aria-modal="true" aria-labelledby="q">${buttons}</div>`);
  }
}
document.addEventListener("click", async (event) => {
  const target = event.target.closest("a, button");
  if (!target) return;
  if (target.matches("[data-go]")) { event.preventDefault(); return go(target.getAttribute("href")); }
  if (target.dataset.goTo) return go(target.dataset.goTo);
  if (target.id === "cookies-ok") return document.getElementById("cookies").remove();
  if (target.id === "profile") {
    const menu = document.getElementById("menu");
    menu.hidden = !menu.hidden;
    return target.setAttribute("aria-expanded", String(!menu.hidden));
  }
  if (target.id === "signout") { await api("/api/signout", "POST"); return go("/", "You are signed out."); }
  if (target.id === "next") {
    draft.email = document.getElementById("email").value;
    return drawSignIn("password");
  }
  if (target.id === "enter") {
    const [status, data] = await api("/api/signin", "POST", {email: draft.email, password: document.getElementById("pw").value});
    if (status === 200) return go("/dashboard");
    drawSignIn("password", data.error);
    return document.getElementById("pw").setAttribute("aria-invalid", "true");
  }
  if (target.id === "submit") {
    const n = document.getElementById("n").value, c = document.getElementById("c").value;
    target.disabled = true;
    const [status, data] = await api("/api/link", "POST", {number: n, customer: c});
    if (status === 200) return go("/account", data.said);
    target.disabled = false;
    toast(data.error);
    document.querySelectorAll("input").forEach((box) => box.removeAttribute("aria-invalid"));
    (data.boxes || []).forEach((id) => document.getElementById(id).setAttribute("aria-invalid", "true"));
    return;
  }
  if (target.classList.contains("remove")) return ask(target.dataset.n);
  if (target.id === "sure" || target.id === "yes") { document.getElementById("ask")?.remove(); return removeLink(target.dataset.n); }
  if (target.id === "keep") return document.getElementById("ask").remove();
});
window.addEventListener("popstate", () => route());
route();
"""


def shell(spa: Spa) -> str:
    """The one page every address answers with; the script draws the screen."""
    script = SCRIPT % {"confirm": json.dumps(spa.confirm)}
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Tulsa Water Online</title><style>{STYLE}</style></head><body>"
        '<header id="top"></header><main id="app" aria-busy="true"></main>'
        '<div id="cookies">We use cookies to keep you signed in. '
        '<button id="cookies-ok">Accept</button></div>'
        f"<script>{script}</script></body></html>"
    )


def number_problem(spa: Spa, number: str, customer: str) -> tuple[str, list[str]] | None:
    """This portal's words for what is wrong with the numbers, and the boxes it is about."""
    if not number:
        return "Please type your account number.", ["n"]
    if not number.isdigit():
        return "Use digits only in the account number.", ["n"]
    if len(number) == 9:
        return "That is an account number from before 2021. Use the one on a recent bill.", ["n"]
    if len(number) != 6 and not (spa.defect == "short_number" and len(number) == 5):
        return "Account numbers have 6 digits.", ["n"]
    if not customer:
        return "Please type your customer ID.", ["c"]
    if not customer.isdigit() or len(customer) != 7:
        return "Customer IDs have 7 digits.", ["c"]
    return None


def matching(spa: Spa, number: str, customer: str) -> str | None:
    """The account these numbers open, if any (with the defect, more than they should)."""
    if spa.defect == "short_number" and len(number) == 5:
        number = next((known for known in BILLS if known.startswith(number)), number)
    if number in BILLS and (BILLS[number] == customer or spa.defect == "wrong_pair"):
        return number
    return None


def create_app(spa: Spa = Spa()) -> Flask:
    """The single-page portal, with its JSON API."""
    app = Flask(__name__)
    app.secret_key = secrets.token_hex(16)
    memory = Memory()

    def user() -> str | None:
        time.sleep(PAUSE)
        return memory.sessions.get(session.get("token", ""))

    def answer(status: int = 200, **data: Any) -> ResponseReturnValue:
        response = jsonify(data)
        response.status_code = status
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.get("/api/session")
    def who() -> ResponseReturnValue:
        return answer(user=user())

    @app.post("/api/signin")
    def sign_in() -> ResponseReturnValue:
        time.sleep(PAUSE)
        given = request.get_json(force=True)
        email = str(given.get("email", "")).strip().lower()
        if email in RESIDENTS and given.get("password") == PASSWORD:
            token = secrets.token_hex(16)
            memory.sessions[token] = email
            session["token"] = token
            return answer()
        return answer(400, error="We couldn't sign you in with those details.")

    @app.post("/api/signout")
    def sign_out() -> ResponseReturnValue:
        memory.sessions.pop(session.pop("token", ""), None)
        return answer()

    @app.get("/api/accounts")
    def accounts() -> ResponseReturnValue:
        email = user()
        if email is None:
            return answer(401, error="Sign in first.")
        return answer(accounts=memory.links.get(email, []))

    @app.post("/api/link")
    def link() -> ResponseReturnValue:
        email = user()
        if email is None:
            return answer(401, error="Sign in first.")
        given = request.get_json(force=True)
        number, customer = str(given.get("number", "")).strip(), str(given.get("customer", ""))
        if spa.defect == "cut_old_number" and len(number) == 9:
            number = number[2:8]  # the defect: the old form's middle taken as today's number
        if problem := number_problem(spa, number, customer.strip()):
            return answer(400, error=problem[0], boxes=problem[1])
        found = matching(spa, number, customer.strip())
        if found is None:
            return answer(400, error="Those numbers don't open an account.", boxes=["n", "c"])
        mine = memory.links.setdefault(email, [])
        if found in mine:
            return answer(400, error="That account is already on your profile.", boxes=["n"])
        mine.append(found)
        return answer(said=f"Done: account {found} is on your profile.")

    @app.route("/api/accounts/<number>", methods=["GET", "DELETE"])
    def account(number: str) -> ResponseReturnValue:
        email = user()
        if email is None:
            return answer(401, error="Sign in first.")
        mine = memory.links.get(email, [])
        if request.method == "DELETE":
            if number in mine:
                mine.remove(number)
            return answer(said=f"Account {number} was taken off your profile.")
        if number not in mine and not (spa.defect == "shows_others" and number in BILLS):
            return answer(404, error="We could not find that account.")
        return answer(number=number, customer=BILLS[number])

    @app.get("/")
    @app.get("/<path:path>")
    def page(path: str = "") -> ResponseReturnValue:
        return shell(spa), 200, {"Cache-Control": "no-store"}

    return app
