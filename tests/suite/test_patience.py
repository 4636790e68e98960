"""Waits end as a resident's do: when the thing shows, or once the page has settled without it.

Pages of a small portal of the test's own, over real HTTP: one that has settled, one drawn
after a spinner, one drawn after a slow request with nothing shown meanwhile, and one whose
content keeps changing for a while.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from flask import Flask
from playwright.sync_api import Page

from driftless.capture.actions import Hands, NotOnScreen, expect
from driftless.capture.patience import NotShown, Settled, settled, wait_for
from tests.support import served

pytestmark = pytest.mark.browser

DRAW_AFTER_MS = 1_200  # well past a look (0.5 s) and the quiet a page must keep (0.5 s)
SHELL = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<main><h1>{title}</h1>{body}</main><script>{script}</script></body></html>"""
PAY = "document.querySelector('main').insertAdjacentHTML('beforeend', '<button>Pay</button>')"


def portal() -> Flask:
    """The test's portal: each page draws (or never draws) a "Pay" button its own way."""
    app = Flask(__name__)

    @app.get("/settled")
    def still() -> str:
        return SHELL.format(title="Settled", body="<p>Nothing more comes.</p>", script="")

    @app.get("/spinner")
    def spinner() -> str:
        script = f"""setTimeout(() => {{ document.getElementById('wait').remove(); {PAY}; }},
                     {DRAW_AFTER_MS});"""
        body = '<div id="wait" role="status" aria-busy="true">Loading your account…</div>'
        return SHELL.format(title="Spinner", body=body, script=script)

    @app.get("/fetching")
    def fetching() -> str:
        script = f"fetch('/slow').then(() => {{ {PAY}; }});"
        return SHELL.format(title="Fetching", body="", script=script)

    @app.get("/slow")
    def slow() -> str:
        time.sleep(DRAW_AFTER_MS / 1000)
        return "{}"

    @app.get("/changing")
    def changing() -> str:
        script = f"""let n = 0; const tick = setInterval(() => {{
            document.querySelector('p').textContent = 'Step ' + (++n);
            if (n === 6) {{ clearInterval(tick); {PAY}; }} }}, 250);"""
        return SHELL.format(title="Changing", body="<p>Step 0</p>", script=script)

    @app.get("/account")
    def account() -> str:
        script = (
            "fetch('/slow').then(() => { document.querySelector('p').textContent = '481207'; });"
        )
        return SHELL.format(title="Account", body="<p></p>", script=script)

    return app


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    with served(portal()) as address:
        yield address


def test_a_missing_button_on_a_settled_page_is_given_up_on_long_before_the_timeout(
    page: Page, url: str
) -> None:
    page.goto(url + "settled")
    pay = page.get_by_role("button", name="Pay").describe('the "Pay" button')
    with pytest.raises(NotShown, match='The "Pay" button was not on the screen once the page had'):
        wait_for(pay, timeout_ms=30_000)  # given up once the page had settled, not timed out
    assert settled(page)


@pytest.mark.parametrize("where", ["spinner", "fetching", "changing"])
def test_a_page_still_coming_is_waited_for(page: Page, url: str, where: str) -> None:
    page.goto(url + where)
    assert not settled(page)
    Hands().click(page.get_by_role("button", name="Pay"))  # drawn after 1.2 s or more


def test_an_action_on_a_missing_button_says_so_in_words(page: Page, url: str) -> None:
    page.goto(url + "settled")
    pay = page.get_by_role("button", name="Pay").describe('the "Pay" button')
    with pytest.raises(NotOnScreen, match='Could not select the "Pay" button: it was not on the '
                       "screen once the page had settled"):  # fmt: skip
        Hands().click(pay)


def test_a_check_that_something_is_absent_waits_until_the_page_has_drawn(
    page: Page, url: str
) -> None:
    page.goto(url + "account")
    with pytest.raises(AssertionError):  # the number comes with the slow answer
        expect(page.get_by_text("481207")).to_have_count(0)


def test_a_check_gives_up_once_the_page_has_settled(page: Page, url: str) -> None:
    page.goto(url + "settled")
    with pytest.raises(Settled):
        expect(page.get_by_role("heading", name="Account Overview")).to_be_visible(timeout=30_000)
