"""Property-based tests: whatever a resident types, the answer is calm and nothing changes."""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reference_app import create_app
from tests.support import JORDAN, PASSWORD, ResidentClient, csrf_token, settings_for, snapshot, text

LOOKALIKES = "０１２３４５６７８９٠١٢٣٤٥٦٧٨٩०१२३४५६¹²³₀₁𝟎𝟏𝟐"
SPACES = " \t\n\r\u00a0\u2007\u3000\u200b\ufeff"

typed = st.one_of(
    st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=80),
    st.text(alphabet="0123456789" + LOOKALIKES + SPACES + "\x00-", max_size=12),
    st.builds(lambda n, c: c * n, st.integers(1_000, 20_000), st.sampled_from("9a\x00é😀 ")),
    st.sampled_from(
        ["481207", "7305186", "004812073", " 481207 ", "48120\x00", "jordan.rivera@example.org"]
    ),
)

fuzz = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
addresses = (f"2001:db8::{n:x}" for n in itertools.count(1))


@pytest.fixture
def portal(tmp_path: Path, demo_database: Path) -> Flask:
    shutil.copy(demo_database, tmp_path / "portal.sqlite3")
    return create_app(settings_for(tmp_path, RATELIMIT_APPLICATION="100000 per minute"))


def fresh_client(app: Flask) -> FlaskClient:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = next(addresses)
    return client


def signed_in_client(app: Flask) -> FlaskClient:
    client = fresh_client(app)
    assert ResidentClient(client).sign_in(JORDAN, PASSWORD).status_code == 302
    return client


def check_calm(app: Flask, client: FlaskClient, form_page: str, data: dict[str, str]) -> None:
    """Post `data` to a form: a 4xx with an alert and nothing changed, or a plain success."""
    before = snapshot(app)
    token = csrf_token(client.get(form_page))
    response = client.post(form_page, data={**data, "csrf_token": token})
    assert response.status_code < 500, response.status_code
    if response.status_code >= 400:
        page = text(response)
        assert 'role="alert"' in page
        assert "Traceback" not in page
        assert snapshot(app) == before
    else:
        assert response.status_code == 302


@fuzz
@given(email=typed, password=typed)
def test_sign_in_form(portal: Flask, email: str, password: str) -> None:
    check_calm(
        portal, fresh_client(portal), "/identity/signin", {"email": email, "password": password}
    )


@fuzz
@given(email=typed, password=typed, confirm=typed)
def test_register_form(portal: Flask, email: str, password: str, confirm: str) -> None:
    data = {"email": email, "password": password, "confirm": confirm}
    check_calm(portal, fresh_client(portal), "/identity/register", data)


@pytest.fixture
def jordan(portal: Flask) -> FlaskClient:
    return signed_in_client(portal)


@fuzz
@given(account_number=typed, customer_id=typed)
def test_link_form(
    portal: Flask, jordan: FlaskClient, account_number: str, customer_id: str
) -> None:
    data = {"account_number": account_number, "customer_id": customer_id}
    check_calm(portal, jordan, "/citizens/utility-billing/link", data)


@fuzz
@given(customer_number=typed)
def test_customer_link_form(portal: Flask, jordan: FlaskClient, customer_number: str) -> None:
    check_calm(
        portal, jordan, "/citizens/general-billing/link", {"customer_number": customer_number}
    )


@fuzz
@given(number=typed)
def test_account_pages_answer_404_for_anything_not_linked(
    portal: Flask, jordan: FlaskClient, number: str
) -> None:
    before = snapshot(portal)
    for suffix in ("", "/remove"):
        response = jordan.get(
            f"/citizens/utility-billing/accounts/{number.replace('/', '')}{suffix}"
        )
        assert response.status_code in (404, 308), response.status_code
    assert snapshot(portal) == before


@fuzz
@given(token=typed)
def test_forged_tokens_on_log_out(portal: Flask, jordan: FlaskClient, token: str) -> None:
    response = jordan.post("/identity/logout", data={"csrf_token": token})
    assert response.status_code in (400, 413)
    assert jordan.get("/citizens/account/settings").status_code == 200


RAW_BODIES: list[bytes] = [
    b"account_number=%FF%FE%00&customer_id=%C0%AF",
    b"account_number[]=1&customer_id=%00",
    b"%%%%&&&===",
]


@pytest.mark.parametrize("body", RAW_BODIES)
def test_malformed_bodies(portal: Flask, jordan: FlaskClient, body: bytes) -> None:
    before = snapshot(portal)
    token = csrf_token(jordan.get("/citizens/utility-billing/link")).encode()
    response = jordan.post(
        "/citizens/utility-billing/link",
        data=body + b"&csrf_token=" + token,
        content_type="application/x-www-form-urlencoded",
    )
    assert 400 <= response.status_code < 500
    assert 'role="alert"' in text(response)
    assert snapshot(portal) == before
