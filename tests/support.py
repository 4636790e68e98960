"""Helpers for the portal's tests: demo data, CSRF-aware form posts, database snapshots."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from driftless.model.record import GUIDE_TAGS
from driftless.plugin.compat import rendered_scenarios
from reference_app.demo import DEMO_PASSWORD
from steps.reference_portal import start_serving

ROOT = Path(__file__).resolve().parents[1]

JORDAN = "jordan.rivera@example.org"  # demo resident with no linked accounts
SAM = "sam.okafor@example.org"  # demo resident with account 204815 linked
PASSWORD = DEMO_PASSWORD
BILL = {"account_number": "481207", "customer_id": "7305186"}
SAMS_BILL = {"account_number": "204815", "customer_id": "3051842"}

TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def settings_for(folder: Path, **extra: Any) -> dict[str, Any]:
    """Test configuration with everything the portal writes kept under `folder`."""
    return {
        "TESTING": True,
        "SECRET_KEY": "test",
        "DATABASE": str(folder / "portal.sqlite3"),
        "SESSION_DIR": str(folder / "sessions"),
        "OUTBOX": str(folder / "outbox"),
        **extra,
    }


def csrf_token(page: TestResponse) -> str:
    """The CSRF token of the first form on a page."""
    match = TOKEN.search(page.get_data(as_text=True))
    assert match, "page has no CSRF token"
    return match.group(1)


class ResidentClient:
    """Acts as a resident would in the browser: open a page, fill its form, submit."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def submit(
        self, form_page: str, data: dict[str, str], action: str | None = None
    ) -> TestResponse:
        """Open a form page, then post `data` with that page's CSRF token."""
        token = csrf_token(self.client.get(form_page))
        return self.client.post(action or form_page, data={**data, "csrf_token": token})

    def sign_in(self, email: str = JORDAN, password: str = PASSWORD) -> TestResponse:
        """Sign in through the sign-in form."""
        return self.submit("/identity/signin", {"email": email, "password": password})

    def register(self, email: str, password: str, confirm: str | None = None) -> TestResponse:
        """Register through the registration form."""
        data = {"email": email, "password": password, "confirm": confirm or password}
        return self.submit("/identity/register", data)

    def link(self, account_number: str, customer_id: str) -> TestResponse:
        """Submit Utility Billing Account Link Setup."""
        data = {"account_number": account_number, "customer_id": customer_id}
        return self.submit("/citizens/utility-billing/link", data)

    def log_out(self) -> TestResponse:
        """Log out with the user menu's form."""
        return self.submit("/citizens/", {}, action="/identity/logout")


def text(response: TestResponse) -> str:
    """A response body as text."""
    return response.get_data(as_text=True)


def snapshot(app: Flask) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to prove a request changed nothing."""
    connection = sqlite3.connect(app.config["DATABASE"])
    try:
        tables = [
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        return {
            table: sorted(connection.execute(f"SELECT * FROM {table}").fetchall())
            for table in tables
        }
    finally:
        connection.close()


@contextlib.contextmanager
def started(command: list[str], **popen: Any) -> Iterator[subprocess.Popen[str]]:
    """A process of a test's own, in a process group of its own that ends with the block.

    The whole group is ended, so a program behind a wrapper script (Debian's chromium is a shell
    script that does not exec) goes too, also when the test fails or is interrupted.
    """
    process = subprocess.Popen(command, start_new_session=True, text=True, **popen)
    try:
        yield process
    finally:
        for signum in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signum)
            try:
                process.wait(timeout=10)
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)  # what the leader left behind
                break
            except subprocess.TimeoutExpired:
                continue


# A pytest of a test's own needs neither a cache nor Hypothesis's plugin (its import alone is
# about 0.7 s of CPU at every start).
INNER = ("-p", "no:cacheprovider", "-p", "no:hypothesispytest")


# A run expected to fail: a step that never finds what it looks for says so after 2 s, rather
# than the 5 s a vendor's portal gets or the reference portal's 30 (the test portals answer on
# loopback in milliseconds; page loads still get 30 s).
EXPECTED_TO_FAIL = "--step-timeout=2"


def run_suite(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    """Run the project's scenarios in a pytest of their own, with the project's settings."""
    return pytester.runpytest_subprocess(
        str(ROOT / "steps" / "test_scenarios.py"),
        f"--rootdir={ROOT}",
        "-c", str(ROOT / "pyproject.toml"),
        *INNER,
        *args,
    )  # fmt: skip


def run_feature(
    pytester: pytest.Pytester,
    monkeypatch: pytest.MonkeyPatch,
    feature: str,
    *args: str,
    extra_steps: str = "",
) -> pytest.RunResult:
    """Run one feature text of a test's own with the project's steps and infrastructure."""
    pytester.makefile(".feature", broken=feature)
    module = f'from pytest_bdd import scenarios\n{extra_steps}\nscenarios("broken.feature")\n'
    pytester.makepyfile(test_broken=module)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    return pytester.runpytest_subprocess("-p", "steps.plugin", *INNER, *args)


@contextlib.contextmanager
def served(app: Flask) -> Iterator[str]:
    """A test's own portal app over real HTTP on loopback, stopped with the block."""
    portal = start_serving(app)
    try:
        yield portal.url + "/"
    finally:
        portal.stop()


def core_runs(features: Path = ROOT / "features") -> tuple[int, int]:
    """A vendor's core run, as the features say: its scenarios (an Outline's rows each), and
    how many of them --guide-run runs again on a phone (those of the guide)."""
    core = [
        tags
        for scenario, _ in rendered_scenarios(features)
        if "core" in (tags := set(scenario.tags) | set(scenario.feature.tags))
    ]
    return len(core), sum(1 for tags in core if tags & GUIDE_TAGS)


def vendor_config(
    password: str, user_menu: str, bill: tuple[str, str] = ("481207", "7305186")
) -> str:
    """A vendor's config file for a test portal with the demo residents and a bill."""
    return f"""
[user]
email = "jordan.rivera@example.org"
password = "{password}"

[utility_account]
number = "{bill[0]}"
customer_id = "{bill[1]}"

[second_user]
email = "priya.nair@example.org"
password = "{password}"

[locators]
user_menu = {user_menu}
"""


def conformance_run(
    pytester: pytest.Pytester, url: str, config: str, *args: str
) -> tuple[pytest.RunResult, dict[str, Any]]:
    """The core scenarios against a portal with this config; the run and its report."""
    path = pytester.path / "portal.toml"
    path.write_text(config)
    result = run_suite(
        pytester,
        "-m", "core",
        f"--base-url={url}",
        f"--portal-config={path}",
        f"--conformance-report={pytester.path / 'report'}",
        *args,
    )  # fmt: skip
    report: dict[str, Any] = json.loads((pytester.path / "report" / "report.json").read_text())
    return result, report
