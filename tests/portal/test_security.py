"""Response headers, CSRF on every state change, and calm answers to bad requests."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from reference_app import messages
from reference_app.security import CONTENT_SECURITY_POLICY, is_safe_next
from tests.support import BILL, ResidentClient, snapshot, text

PUBLIC_PAGES = [
    "/",
    "/citizens/",
    "/citizens/self-service",
    "/identity/signin",
    "/identity/register",
]
PRIVATE_PAGES = [
    "/citizens/account/settings",
    "/citizens/utility-billing/",
    "/citizens/utility-billing/link",
    "/citizens/utility-billing/accounts/481207",
    "/citizens/utility-billing/accounts/481207/remove",
    "/citizens/general-billing/",
    "/citizens/general-billing/link",
]
POSTS = {
    "/identity/signin": {"email": "jordan.rivera@example.org", "password": "Tulsa-Water-2026"},
    "/identity/register": {
        "email": "new@example.org",
        "password": "Redbud#2026",
        "confirm": "Redbud#2026",
    },
    "/identity/logout": {},
    "/citizens/utility-billing/link": BILL,
    "/citizens/utility-billing/accounts/481207/remove": {},
    "/citizens/general-billing/link": {"customer_number": "123"},
}


@pytest.fixture
def linked(resident: ResidentClient) -> ResidentClient:
    resident.sign_in()
    resident.link(**BILL)
    return resident


def test_every_page_sends_security_headers(linked: ResidentClient) -> None:
    for path in [*PUBLIC_PAGES, *PRIVATE_PAGES, "/nowhere", "/static/css/portal.css"]:
        response = linked.client.get(path)
        assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, path
        assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY
        assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
        assert response.headers["X-Content-Type-Options"] == "nosniff", path
        assert response.headers["Referrer-Policy"] == "same-origin", path
        assert response.headers["X-Frame-Options"] == "DENY", path


def test_pages_are_never_stored(linked: ResidentClient) -> None:
    for path in [*PUBLIC_PAGES, *PRIVATE_PAGES]:
        assert linked.client.get(path).headers["Cache-Control"] == "no-store", path


def test_static_files_may_be_cached(client: FlaskClient) -> None:
    assert client.get("/static/css/portal.css").headers["Cache-Control"] == "public, max-age=3600"


def test_static_files_linked_with_their_digest_are_kept_a_year(client: FlaskClient) -> None:
    linked = re.findall(r'href="(/static/css/portal\.css\?v=[0-9a-f]{12})"', text(client.get("/")))
    assert len(linked) == 1
    cache_control = client.get(linked[0]).headers["Cache-Control"]
    assert cache_control == "public, max-age=31536000, immutable"
    stylesheet = Path(client.application.static_folder or "", "css/portal.css").read_bytes()
    assert linked[0].endswith(hashlib.sha256(stylesheet).hexdigest()[:12])


def test_templates_have_no_inline_script_or_style(linked: ResidentClient) -> None:
    for path in [*PUBLIC_PAGES, *PRIVATE_PAGES]:
        page = text(linked.client.get(path))
        scripts = re.findall(r"<script[^>]*>", page)
        assert len(scripts) == 1, path
        assert re.fullmatch(r'<script src="/static/js/menu\.js\?v=[0-9a-f]{12}" defer>', scripts[0])
        assert " style=" not in page, path
        assert "<style" not in page, path


@pytest.mark.parametrize("path", sorted(POSTS))
def test_every_state_change_needs_a_csrf_token(
    linked: ResidentClient, app: Flask, path: str
) -> None:
    before = snapshot(app)
    response = linked.client.post(path, data=POSTS[path])
    assert response.status_code == 400
    assert messages.CSRF_FAILED in text(response)
    forged = linked.client.post(path, data={**POSTS[path], "csrf_token": "forged"})
    assert forged.status_code == 400
    assert snapshot(app) == before
    assert linked.client.get("/citizens/account/settings").status_code == 200


@pytest.mark.parametrize("path", PRIVATE_PAGES)
def test_no_state_changes_on_get(linked: ResidentClient, app: Flask, path: str) -> None:
    before = snapshot(app)
    linked.client.get(path, query_string={"account_number": "204815", "customer_id": "3051842"})
    assert snapshot(app) == before


def test_huge_request_gets_413_with_advice(resident: ResidentClient, app: Flask) -> None:
    before = snapshot(app)
    response = resident.submit("/identity/signin", {"email": "x" * 100_000, "password": "y"})
    assert response.status_code == 413
    assert messages.ERROR_PAGES[413][1] in text(response)
    assert snapshot(app) == before


def test_not_found_page_is_calm(client: FlaskClient) -> None:
    response = client.get("/citizens/UtilityBilling/Default.aspx")
    assert response.status_code == 404
    assert "Page not found" in text(response)
    assert "Traceback" not in text(response)


def test_unexpected_failure_shows_no_traceback(app: Flask) -> None:
    @app.route("/boom")
    def boom() -> str:
        raise RuntimeError("internal detail")

    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = app.test_client().get("/boom")
    assert response.status_code == 500
    page = text(response)
    assert "Something went wrong on our side" in page
    assert "internal detail" not in page
    assert "Traceback" not in page


@pytest.mark.parametrize(
    ("target", "safe"),
    [
        ("/citizens/", True),
        ("/citizens/utility-billing/?x=1", True),
        ("", False),
        (None, False),
        ("citizens", False),
        ("//evil.example.org", False),
        ("/\\evil.example.org", False),
        ("/\\\\evil.example.org", False),
        ("https://evil.example.org", False),
        ("/\tevil", False),
        ("/ok\\path", False),
    ],
)
def test_is_safe_next(target: str | None, safe: bool) -> None:
    assert is_safe_next(target) is safe
