"""Registration, sign-in, the user menu, log out and the idle timeout."""

from __future__ import annotations

import sqlite3

import pytest
from flask import Flask
from flask.testing import FlaskClient

from reference_app import messages
from reference_app.clock import Clock
from tests.support import JORDAN, PASSWORD, ResidentClient, csrf_token, snapshot, text

SETTINGS = "/citizens/account/settings"
NEW_EMAIL = "alex.kim@example.org"
GOOD_PASSWORD = "Redbud#2026"


def session_cookie(client: FlaskClient) -> str | None:
    cookie = client.get_cookie("css_session")
    return cookie.value if cookie else None


# Registration


def test_register_signs_the_new_resident_in(resident: ResidentClient, app: Flask) -> None:
    response = resident.register(f"  {NEW_EMAIL.upper()} ", GOOD_PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == SETTINGS
    page = text(resident.client.get(SETTINGS))
    assert messages.REGISTERED in page
    assert NEW_EMAIL.upper() in page
    stored = snapshot(app)["resident"]
    assert any(NEW_EMAIL in row for row in stored)


@pytest.mark.parametrize(
    ("password", "missing"),
    [
        ("Short#1", "at least 8 characters"),
        ("lowercase#2026", "an upper-case letter"),
        ("NoDigits#here", "a number"),
        ("NoSpecial2026", "a special character"),
        ("alllowercase", "a special character"),
    ],
)
def test_register_enforces_password_rules(
    resident: ResidentClient, app: Flask, password: str, missing: str
) -> None:
    before = snapshot(app)
    response = resident.register(NEW_EMAIL, password)
    assert response.status_code == 400
    assert missing in text(response)
    assert 'role="alert"' in text(response)
    assert snapshot(app) == before


def test_register_lists_every_missing_rule(resident: ResidentClient) -> None:
    page = text(resident.register(NEW_EMAIL, "abc"))
    expected = messages.PASSWORD_NEEDS.format(
        missing="at least 8 characters, an upper-case letter, a number and a special "
        "character such as ! # or -"
    )
    assert expected in page


def test_register_rejects_a_password_over_30(resident: ResidentClient) -> None:
    response = resident.register(NEW_EMAIL, "Aa1#" + "x" * 27)
    assert response.status_code == 400
    assert messages.PASSWORD_TOO_LONG.format(maximum=30) in text(response)
    assert resident.register(NEW_EMAIL, "Aa1#" + "x" * 26).status_code == 302


def test_register_needs_matching_confirmation(resident: ResidentClient, app: Flask) -> None:
    before = snapshot(app)
    response = resident.register(NEW_EMAIL, GOOD_PASSWORD, confirm="Redbud#2027")
    assert response.status_code == 400
    assert messages.PASSWORD_MISMATCH in text(response)
    assert snapshot(app) == before


@pytest.mark.parametrize("email", ["", "not-an-email", "two@@example.org", "a@b"])
def test_register_rejects_bad_email(resident: ResidentClient, email: str) -> None:
    response = resident.register(email, GOOD_PASSWORD)
    assert response.status_code == 400
    assert messages.EMAIL_INVALID in text(response) or messages.EMAIL_MISSING in text(response)


def test_register_with_a_registered_email_says_so(resident: ResidentClient, app: Flask) -> None:
    before = snapshot(app)
    response = resident.register(f" {JORDAN.upper()}", GOOD_PASSWORD)
    assert response.status_code == 409
    assert messages.EMAIL_TAKEN in text(response)
    assert snapshot(app) == before


def test_passwords_are_stored_with_scrypt(resident: ResidentClient, app: Flask) -> None:
    resident.register(NEW_EMAIL, GOOD_PASSWORD)
    connection = sqlite3.connect(app.config["DATABASE"])
    (stored,) = connection.execute(
        "SELECT password_hash FROM resident WHERE email = ?", (NEW_EMAIL,)
    ).fetchone()
    connection.close()
    assert stored.startswith("scrypt:")
    assert GOOD_PASSWORD not in stored


def test_password_never_reaches_the_log(
    resident: ResidentClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    resident.register(NEW_EMAIL, GOOD_PASSWORD)
    resident.sign_in(NEW_EMAIL, "Wrong#Password1")
    assert GOOD_PASSWORD not in caplog.text
    assert "Wrong#Password1" not in caplog.text


def test_password_is_never_echoed_back(resident: ResidentClient) -> None:
    page = text(resident.sign_in(JORDAN, "Wrong#Password1"))
    assert "Wrong#Password1" not in page
    page = text(resident.register(NEW_EMAIL, "Aa1#", confirm="Aa1#"))
    assert 'value="Aa1#"' not in page


# Sign-in


def test_sign_in_lands_on_account_settings(resident: ResidentClient) -> None:
    response = resident.sign_in(f"  {JORDAN.upper()}  ", PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == SETTINGS
    page = text(resident.client.get(SETTINGS))
    assert "<h1>Account Settings</h1>" in page
    assert f"<dd>{JORDAN.upper()}</dd>" in page
    assert f"<dd>{JORDAN}</dd>" in page


def test_failed_sign_in_says_the_same_whether_or_not_the_email_exists(
    resident: ResidentClient,
) -> None:
    wrong_password = resident.sign_in(JORDAN, "Wrong#Password1")
    unknown_email = resident.sign_in("nobody@example.org", "Wrong#Password1")
    for response in (wrong_password, unknown_email):
        assert response.status_code == 400
        assert messages.SIGN_IN_FAILED in text(response)
    assert (
        text(wrong_password).replace(JORDAN, "X").split('name="csrf_token"')[0]
        == text(unknown_email).replace("nobody@example.org", "X").split('name="csrf_token"')[0]
    )


def test_sign_in_page_labels_its_fields(client: FlaskClient) -> None:
    page = text(client.get("/identity/signin"))
    assert '<label for="email">Email' in page
    assert '<label for="password">Password' in page
    assert '<button type="submit" class="button">Sign in</button>' in page
    assert "Tyler Online Solutions" in page


def test_session_identifier_changes_at_sign_in(resident: ResidentClient) -> None:
    resident.client.get("/identity/signin")
    before = session_cookie(resident.client)
    assert before
    resident.sign_in()
    after = session_cookie(resident.client)
    assert after
    assert after != before


def test_session_cookie_flags(resident: ResidentClient) -> None:
    response = resident.sign_in()
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie


def test_session_cookie_is_secure_under_https(app: Flask) -> None:
    app.config["SESSION_COOKIE_SECURE"] = True
    resident = ResidentClient(app.test_client())
    response = resident.sign_in()
    assert "Secure" in response.headers["Set-Cookie"]


@pytest.mark.parametrize(
    ("target", "landing"),
    [
        ("/citizens/utility-billing/", "/citizens/utility-billing/"),
        ("https://evil.example.org/", SETTINGS),
        ("//evil.example.org/", SETTINGS),
        ("/\\evil.example.org", SETTINGS),
        ("javascript:alert(1)", SETTINGS),
    ],
)
def test_next_stays_on_the_portal(client: FlaskClient, target: str, landing: str) -> None:
    form = client.get("/identity/signin", query_string={"next": target})
    response = client.post(
        "/identity/signin",
        query_string={"next": target},
        data={"email": JORDAN, "password": PASSWORD, "csrf_token": csrf_token(form)},
    )
    assert response.headers["Location"] == landing


def test_pages_with_personal_data_ask_for_sign_in(client: FlaskClient) -> None:
    for path in (
        SETTINGS,
        "/citizens/utility-billing/",
        "/citizens/utility-billing/link",
        "/citizens/utility-billing/accounts/481207",
        "/citizens/general-billing/",
        "/citizens/general-billing/link",
    ):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.headers["Location"].startswith("/identity/signin?next="), path


# User menu and log out


def test_user_menu_offers_my_account_and_log_out(resident: ResidentClient) -> None:
    resident.sign_in()
    page = text(resident.client.get(SETTINGS))
    assert 'aria-label="User menu"' in page
    assert 'aria-haspopup="menu"' in page
    assert '<a role="menuitem" href="/citizens/account/settings">My Account</a>' in page
    assert '<button role="menuitem" type="submit" form="logout-form">Log Out</button>' in page


def test_log_out_ends_the_session_on_the_server(resident: ResidentClient) -> None:
    resident.sign_in()
    stolen = session_cookie(resident.client)
    response = resident.log_out()
    assert response.status_code == 302
    assert messages.SIGNED_OUT in text(resident.client.get(response.headers["Location"]))
    assert resident.client.get(SETTINGS).status_code == 302
    thief = resident.client.application.test_client()
    assert stolen
    thief.set_cookie("css_session", stolen)
    response = thief.get(SETTINGS)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/identity/signin")


def test_log_out_needs_post_and_a_token(resident: ResidentClient) -> None:
    resident.sign_in()
    assert resident.client.get("/identity/logout").status_code == 405
    assert resident.client.post("/identity/logout").status_code == 400
    assert resident.client.get(SETTINGS).status_code == 200


def test_idle_session_expires(resident: ResidentClient, app: Flask) -> None:
    class Later(Clock):
        def monotonic(self) -> float:
            return super().monotonic() + 21 * 60

    resident.sign_in()
    assert resident.client.get(SETTINGS).status_code == 200
    app.extensions["clock"] = Later()
    response = resident.client.get(SETTINGS)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/identity/signin?next={SETTINGS}"
    page = text(resident.client.get(response.headers["Location"]))
    assert messages.IDLE_SIGNED_OUT.format(minutes=20) in page
    app.extensions["clock"] = Clock()
    assert resident.client.get(SETTINGS).status_code == 302


def test_activity_keeps_the_session_alive(resident: ResidentClient, app: Flask) -> None:
    class Shifted(Clock):
        offset = 0.0

        def monotonic(self) -> float:
            return super().monotonic() + self.offset

    clock = Shifted()
    app.extensions["clock"] = clock
    resident.sign_in()
    for minutes in (15, 30, 45):
        clock.offset = minutes * 60
        assert resident.client.get(SETTINGS).status_code == 200


def test_last_successful_login_shows_the_previous_sign_in(app: Flask) -> None:
    app.extensions["clock"] = Clock.from_setting("2026-10-20T15:00:00+00:00")
    first = ResidentClient(app.test_client())
    first.sign_in()
    assert "10/20/2026 10:00 AM" not in text(first.client.get(SETTINGS))  # this one is not shown
    app.extensions["clock"] = Clock.from_setting("2026-10-21T20:30:00+00:00")
    second = ResidentClient(app.test_client())
    second.sign_in()
    assert "10/20/2026 10:00 AM" in text(second.client.get(SETTINGS))
