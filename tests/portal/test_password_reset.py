"""A forgotten password: an emailed link to choose a new one, that works once and not for long."""

from __future__ import annotations

import email
import re
import time
from email.message import Message
from pathlib import Path

import pytest
from flask import Flask
from itsdangerous import TimestampSigner

from reference_app import messages
from tests.support import JORDAN, PASSWORD, ResidentClient, snapshot, text

FORGOT = "/identity/forgot"
NEW_PASSWORD = "Prairie#Rose-2027"
LINK = re.compile(r"^http://localhost/identity/reset/\S+$", re.MULTILINE)


def outbox(app: Flask) -> list[Message]:
    folder = Path(app.config["OUTBOX"])
    return [email.message_from_bytes(p.read_bytes()) for p in sorted(folder.glob("*.eml"))]


def reset_link(app: Flask) -> str:
    body = outbox(app)[-1].get_payload(decode=True)
    assert isinstance(body, bytes)
    found = LINK.search(body.decode())
    assert found, body
    return found[0].removeprefix("http://localhost")


def ask(resident: ResidentClient, address: str) -> str:
    response = resident.submit(FORGOT, {"email": address})
    assert response.status_code == 200
    return text(response)


def test_sign_in_offers_a_way_back_in(resident: ResidentClient) -> None:
    assert f'href="{FORGOT}"' in text(resident.client.get("/identity/signin"))


def test_a_registered_email_gets_a_link_and_any_other_the_same_answer(
    resident: ResidentClient, app: Flask
) -> None:
    page = ask(resident, f"  {JORDAN.upper()} ")
    assert messages.RESET_SENT.format(email=JORDAN, minutes=30) in page
    [sent] = outbox(app)
    assert sent["To"] == JORDAN
    assert sent["Subject"] == messages.RESET_SUBJECT
    assert reset_link(app).startswith("/identity/reset/")
    stranger = ask(resident, "nobody@example.org")  # no hint whether the address has an account
    assert messages.RESET_SENT.format(email="nobody@example.org", minutes=30) in stranger
    assert len(outbox(app)) == 1


def test_the_link_changes_the_password_once(resident: ResidentClient, app: Flask) -> None:
    ask(resident, JORDAN)
    link = reset_link(app)
    weak = resident.submit(link, {"password": "short", "confirm": "short"})
    assert weak.status_code == 400
    assert "at least 8 characters" in text(weak)
    changed = resident.submit(link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert changed.status_code == 302
    assert changed.headers["Location"] == "/identity/signin"
    assert messages.PASSWORD_CHANGED in text(resident.client.get("/identity/signin"))
    assert resident.sign_in(JORDAN, PASSWORD).status_code == 400  # the old one is gone
    assert resident.sign_in(JORDAN, NEW_PASSWORD).status_code == 302
    again = resident.client.get(link)  # used: it stops working
    assert again.status_code == 400
    assert messages.RESET_LINK_BAD in text(again)


@pytest.mark.parametrize("token", ["nonsense", "eyJpZCI6MX0.forged.signature"])
def test_a_made_up_or_expired_link_changes_nothing(
    resident: ResidentClient, app: Flask, token: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(app)
    page = resident.client.get(f"/identity/reset/{token}")
    assert page.status_code == 400
    assert messages.RESET_LINK_BAD in text(page)
    ask(resident, JORDAN)
    link = reset_link(app)
    later = int(time.time()) + 31 * 60  # the link works for 30 minutes
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda _: later)
    expired = resident.submit(link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert expired.status_code == 400
    assert messages.RESET_LINK_BAD in text(expired)
    assert snapshot(app) == before


def test_requests_are_limited_so_no_one_floods_a_mailbox(
    resident: ResidentClient, app: Flask
) -> None:
    for _ in range(3):
        ask(resident, JORDAN)
    refused = resident.submit(FORGOT, {"email": JORDAN})
    assert refused.status_code == 429
    assert "Too many requests to reset a password" in text(refused)
    assert len(outbox(app)) == 3
