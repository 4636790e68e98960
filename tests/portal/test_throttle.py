"""Throttling of repeated failed sign-ins and of guessing account/customer pairs."""

from __future__ import annotations

import time

import pytest
from flask import Flask

from reference_app import messages
from tests.support import BILL, JORDAN, PASSWORD, SAM, ResidentClient, snapshot, text

WRONG = "Wrong#Password1"
ELSEWHERE = "192.0.2.10"  # another client address (documentation range)


class TimeMachine:
    """Moves the wall clock that rate-limit windows are measured on."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.offset = 0.0
        real = time.time
        monkeypatch.setattr(time, "time", lambda: real() + self.offset)

    def advance(self, minutes: float) -> None:
        self.offset += minutes * 60


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> TimeMachine:
    return TimeMachine(monkeypatch)


def from_address(app: Flask, address: str) -> ResidentClient:
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return ResidentClient(client)


def fail_sign_ins(resident: ResidentClient, email: str, times: int) -> None:
    for _ in range(times):
        assert resident.sign_in(email, WRONG).status_code == 400


def test_sign_in_is_throttled_after_five_failures(resident: ResidentClient, app: Flask) -> None:
    fail_sign_ins(resident, JORDAN, 5)
    before = snapshot(app)
    response = resident.sign_in(JORDAN, PASSWORD)
    assert response.status_code == 429
    assert messages.TOO_MANY_SIGN_INS.format(minutes="15 minutes") in text(response)
    assert snapshot(app) == before


def test_unknown_emails_are_throttled_alike(resident: ResidentClient) -> None:
    fail_sign_ins(resident, "nobody@example.org", 5)
    response = resident.sign_in("nobody@example.org", WRONG)
    assert response.status_code == 429
    assert "Too many unsuccessful sign-in attempts" in text(response)


def test_throttle_lifts_when_the_window_passes(
    resident: ResidentClient, clock: TimeMachine
) -> None:
    fail_sign_ins(resident, JORDAN, 5)
    clock.advance(10)
    response = resident.sign_in(JORDAN, PASSWORD)
    assert response.status_code == 429
    assert messages.TOO_MANY_SIGN_INS.format(minutes="5 minutes") in text(response)
    clock.advance(5.1)
    assert resident.sign_in(JORDAN, PASSWORD).status_code == 302


def test_an_attacker_elsewhere_cannot_lock_the_resident_out(
    resident: ResidentClient, app: Flask
) -> None:
    attacker = from_address(app, ELSEWHERE)
    fail_sign_ins(attacker, JORDAN, 5)
    assert attacker.sign_in(JORDAN, PASSWORD).status_code == 429
    assert resident.sign_in(JORDAN, PASSWORD).status_code == 302


def test_guessing_from_many_addresses_is_slowed_per_account(app: Flask) -> None:
    for index in range(4):
        fail_sign_ins(from_address(app, f"192.0.2.{20 + index}"), JORDAN, 5)
    assert from_address(app, "192.0.2.99").sign_in(JORDAN, PASSWORD).status_code == 429


def test_one_client_trying_many_accounts_is_slowed(resident: ResidentClient) -> None:
    for index in range(6):
        fail_sign_ins(resident, f"guess{index}@example.org", 5)
    assert resident.sign_in(SAM, PASSWORD).status_code == 429


def test_success_clears_the_residents_count(resident: ResidentClient) -> None:
    fail_sign_ins(resident, JORDAN, 4)
    assert resident.sign_in(JORDAN, PASSWORD).status_code == 302
    resident.log_out()
    fail_sign_ins(resident, JORDAN, 4)
    assert resident.sign_in(JORDAN, PASSWORD).status_code == 302


def test_link_guessing_is_throttled(
    resident: ResidentClient, app: Flask, clock: TimeMachine
) -> None:
    resident.sign_in()
    for guess in range(5):
        response = resident.link(BILL["account_number"], f"765432{guess}")
        assert response.status_code == 400
        assert messages.LINK_NO_MATCH in text(response)
    before = snapshot(app)
    response = resident.link(**BILL)
    assert response.status_code == 429
    assert messages.TOO_MANY_LINKS.format(minutes="15 minutes") in text(response)
    assert snapshot(app) == before
    clock.advance(15.1)
    assert resident.link(**BILL).status_code == 302


def test_format_mistakes_do_not_count_as_guesses(resident: ResidentClient) -> None:
    resident.sign_in()
    for _ in range(8):
        assert resident.link("48120", "7305186").status_code == 400
    assert resident.link(**BILL).status_code == 302


def test_flood_guard_counts_all_pages_together(app: Flask) -> None:
    from reference_app import create_app

    limited = create_app({**app.config, "RATELIMIT_APPLICATION": "3 per minute"})
    client = limited.test_client()
    pages = ["/", "/citizens/", "/citizens/self-service", "/identity/signin"]
    assert [client.get(page).status_code for page in pages] == [200, 200, 200, 429]
    assert messages.TOO_MANY_REQUESTS in text(client.get("/citizens/"))
    assert client.get("/static/css/portal.css").status_code == 200


def test_parallel_guesses_are_counted_one_by_one(app: Flask) -> None:
    from concurrent.futures import ThreadPoolExecutor

    clients = [from_address(app, "192.0.2.77") for _ in range(12)]
    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = list(pool.map(lambda c: c.sign_in(JORDAN, WRONG).status_code, clients))
    assert sorted(statuses) == [400] * 5 + [429] * 7


def test_guessing_one_account_number_from_many_residents_is_slowed(app: Flask) -> None:
    for index in range(10):
        resident = from_address(app, f"192.0.2.{100 + index}")
        resident.register(f"guesser{index}@example.org", "Guess#2026a")
        assert resident.link(BILL["account_number"], f"765432{index}").status_code == 400
    late = from_address(app, "192.0.2.200")
    late.sign_in()
    assert late.link(**BILL).status_code == 429


def test_registrations_are_limited_per_client(resident: ResidentClient) -> None:
    for index in range(10):
        assert resident.register(f"new{index}@example.org", "Redbud#2026").status_code == 302
        resident.log_out()
    response = resident.register("one.more@example.org", "Redbud#2026")
    assert response.status_code == 429
    assert "Too many accounts were created from your connection" in text(response)
