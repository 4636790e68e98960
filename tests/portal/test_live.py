"""The portal over real HTTP on a loopback port, driven by a real Chromium."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request

import pytest
from playwright.sync_api import Page, expect

from reference_app import messages
from reference_app.security import CONTENT_SECURITY_POLICY
from steps.reference_portal import LivePortal
from tests.support import BILL, PASSWORD

pytestmark = pytest.mark.browser
NEW_PASSWORD = "Prairie#2026"


@pytest.fixture
def email(request: pytest.FixtureRequest) -> str:
    """A new resident's email, unique to the test."""
    name = re.sub(r"[^a-z0-9]+", ".", request.node.name.lower()).strip(".")
    return f"{name}@example.org"


def register(page: Page, portal: LivePortal, email: str) -> None:
    page.goto(portal.url + "/")
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirm password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Account Settings", level=1)).to_be_visible()


def test_headers_and_cookie_over_http(live_portal: LivePortal) -> None:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(live_portal.url + "/identity/signin", timeout=10) as response:
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["Cache-Control"] == "no-store"
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', response.read().decode())
    assert token
    body = urllib.parse.urlencode(
        {"email": "priya.nair@example.org", "password": PASSWORD, "csrf_token": token.group(1)}
    ).encode()
    no_redirect = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect())
    with pytest.raises(urllib.error.HTTPError) as redirected:
        no_redirect.open(live_portal.url + "/identity/signin", data=body, timeout=10)
    assert redirected.value.code == 302
    cookie = redirected.value.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Let a 302 surface as an error, so its headers can be read."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def test_user_menu_works_with_mouse_and_keyboard(
    page: Page, live_portal: LivePortal, email: str
) -> None:
    register(page, live_portal, email)
    page.get_by_role("link", name="Home").click()
    menu_button = page.get_by_role("button", name="User menu")
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    menu_button.click()
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("menuitem", name="My Account")).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("menuitem", name="Log Out")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.get_by_role("menu")).to_be_hidden()
    expect(menu_button).to_be_focused()
    page.keyboard.press("ArrowDown")
    page.get_by_role("menuitem", name="My Account").click()
    expect(page.get_by_role("heading", name="Account Settings", level=1)).to_be_visible()


def test_link_then_log_out_and_back_shows_nothing(
    page: Page, live_portal: LivePortal, email: str
) -> None:
    register(page, live_portal, email)
    utility = page.get_by_role("region", name="Utility Billing Accounts")
    utility.get_by_role("link", name="link to account").click()
    page.get_by_label("What is the Account number?").fill(BILL["account_number"])
    page.get_by_label("What is the Customer ID?").fill(BILL["customer_id"])
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("status")).to_contain_text("Account 481207 is now linked")
    utility.get_by_role("link", name="481207", exact=True).click()
    expect(page.get_by_text("1842 E Redbud Ln, Tulsa, OK 74104")).to_be_visible()
    page.get_by_role("button", name="User menu").click()
    page.get_by_role("menuitem", name="Log Out").click()
    expect(page.get_by_role("status")).to_contain_text(messages.SIGNED_OUT)
    page.go_back()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert "Redbud" not in page.content()
    assert email.upper() not in page.content()


def test_pages_obey_the_content_security_policy(
    page: Page, live_portal: LivePortal, email: str
) -> None:
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if "Refused" in message.text else None,
    )
    register(page, live_portal, email)
    for path in ("/", "/citizens/", "/citizens/utility-billing/link", "/citizens/account/settings"):
        page.goto(live_portal.url + path)
        assert page.evaluate("document.fonts.check('16px \"Open Sans\"')")
    assert problems == []


@pytest.mark.parametrize(
    "path", ["/", "/citizens/account/settings", "/citizens/utility-billing/link"]
)
def test_usable_at_phone_width(page: Page, live_portal: LivePortal, email: str, path: str) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    register(page, live_portal, email)
    page.goto(live_portal.url + path)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow == 0
    if path != "/":
        box = page.get_by_role("button", name="User menu").bounding_box()
        assert box is not None
        assert box["x"] + box["width"] <= 360
        assert box["y"] < 80
        expect(page.get_by_role("link", name="Utility Billing")).to_be_in_viewport()
