"""Test infrastructure: the live reference portal and the Chromium that drives it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from driftless.browser import BrowserNotFound, Chromium, launch_options, resolve
from reference_app import create_app


def pytest_addoption(parser: pytest.Parser) -> None:
    """Options of the suite's own, beside pytest-playwright's."""
    group = parser.getgroup("driftless", "portal and browser")
    group.addoption(
        "--chromium",
        metavar="PATH",
        help="Chromium or Chrome executable to drive (default: $DRIFTLESS_CHROMIUM, "
        "Playwright's own Chromium, then the system's).",
    )


class QuietHandler(WSGIRequestHandler):
    """Serves requests without logging each one: test output stays readable."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Skip the access log line."""


@dataclass
class LivePortal:
    """The reference portal served over real HTTP on a loopback port."""

    app: Flask
    server: BaseWSGIServer
    thread: threading.Thread

    @property
    def url(self) -> str:
        """Base URL of the running portal."""
        return f"http://127.0.0.1:{self.server.port}"

    def stop(self) -> None:
        """Shut the server down and wait for its thread."""
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


def start_portal(folder: Path, **config: Any) -> LivePortal:
    """Start a reference portal with its own database and sessions under `folder`."""
    settings = {
        "DATABASE": str(folder / "portal.sqlite3"),
        "SESSION_DIR": str(folder / "sessions"),
        "SECRET_KEY": "live-portal-for-tests",
        **config,
    }
    app = create_app(settings)
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="reference-portal", daemon=True)
    thread.start()
    return LivePortal(app, server, thread)


@pytest.fixture(scope="session")
def live_portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LivePortal]:
    """A reference portal with demo data, shared by the tests of one session."""
    portal = start_portal(tmp_path_factory.mktemp("live-portal"))
    yield portal
    portal.stop()


@pytest.fixture(scope="session")
def chromium(pytestconfig: pytest.Config) -> Chromium:
    """The Chromium this run drives."""
    try:
        return resolve(pytestconfig.getoption("chromium"))
    except BrowserNotFound as missing:
        pytest.exit(str(missing), returncode=4)


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], pytestconfig: pytest.Config, chromium: Chromium
) -> dict[str, Any]:
    """pytest-playwright's launch arguments, plus the Chromium found and its quiet flags."""
    if pytestconfig.getoption("browser_channel") or set(
        pytestconfig.getoption("browser") or ["chromium"]
    ) != {"chromium"}:
        return browser_type_launch_args
    extra = launch_options(chromium)
    args = [*browser_type_launch_args.get("args", []), *extra.pop("args")]  # type: ignore[misc]
    return {**browser_type_launch_args, **extra, "args": args}
