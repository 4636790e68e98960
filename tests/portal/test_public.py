"""Pages anyone can open: the City's utilities page and the Citizen Self Service home."""

from __future__ import annotations

from flask.testing import FlaskClient

from tests.support import ResidentClient, text


def test_utilities_page_is_where_step_one_begins(client: FlaskClient) -> None:
    page = text(client.get("/"))
    assert "City of Tulsa" in page
    assert "Customer Care Helpline" in page
    assert 'href="https://www.tulsa311.com"' in page
    assert 'href="tel:311"' in page
    assert '<a class="button" href="/identity/signin">Sign in</a>' in page


def test_home_welcomes_and_navigates(client: FlaskClient) -> None:
    page = text(client.get("/citizens/"))
    assert "<h1>Welcome to Citizen Self Service</h1>" in page
    for label in ("Home", "Citizen Self Service", "General Billing", "Utility Billing"):
        assert f">{label}</a>" in page
    assert "Announcements" in page
    assert "There are currently no announcements." in page
    assert "Profile Information" in page
    assert "Profile information not found." not in page


def test_home_shows_profile_once_signed_in(resident: ResidentClient) -> None:
    resident.sign_in()
    page = text(resident.client.get("/citizens/"))
    assert "Profile information not found." in page
    assert 'aria-label="User menu"' in page


def test_self_service_page_lists_what_residents_can_do(client: FlaskClient) -> None:
    page = text(client.get("/citizens/self-service"))
    assert "Pay your utility bill" in page
    assert "Auto Pay" in page


def test_current_page_is_marked_in_navigation(client: FlaskClient) -> None:
    page = text(client.get("/citizens/"))
    assert 'href="/citizens/" aria-current="page">Home</a>' in page


def test_signed_out_header_offers_sign_in(client: FlaskClient) -> None:
    page = text(client.get("/citizens/"))
    assert 'class="topbar-link" href="/identity/signin">Sign in</a>' in page
    assert "User menu" not in page


def test_font_is_served_by_the_portal(client: FlaskClient) -> None:
    css = text(client.get("/static/css/portal.css"))
    assert "fonts.googleapis" not in css
    assert 'url("../fonts/open-sans-latin-400-normal.woff2")' in css
    font = client.get("/static/fonts/open-sans-latin-400-normal.woff2")
    assert font.status_code == 200
    assert font.data[:4] == b"wOF2"
