"""The reference portal as the suite serves it: from a thread on a loopback port, over real HTTP.

The acceptance suite and the benchmark's plain Playwright script both use it: one address
for a whole run, with a fresh portal app (its own database and throttles) switched in behind
it for each scenario. What the suite needs of the portal (a frozen clock, cheaper hashing of
its public demo passwords, a fixed secret) is configuration passed to `create_app`: the portal
itself knows nothing of the suite. The fresh apps share their compiled templates (Jinja's
bytecode cache), so each template is compiled once a run, not once a scenario.
"""

from __future__ import annotations

import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cachelib import SimpleCache
from flask import Flask
from jinja2 import MemcachedBytecodeCache
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from reference_app import create_app

# Dates on screen in guide runs: "Last successful login" must not change the pictures every day.
GUIDE_TIME = "2026-10-19T14:05:00+00:00"
# The suite's portal hashes its public demo passwords at a lower scrypt cost (N=2**11 rather
# than 2**15): a sign-in costs about 7 ms of hashing instead of 110 ms.
SUITE_HASHING = "scrypt:2048:8:1"


# The portal's templates compiled once for a whole run, not again for each fresh app: Jinja's
# bytecode cache, kept in memory by cachelib; a template whose source changes is compiled again.
# (cachelib is a client Jinja's docs name; its typed `set` says whether it stored, hence the
# ignore.)
COMPILED = MemcachedBytecodeCache(SimpleCache(default_timeout=0))  # type: ignore[arg-type]


class QuietHandler(WSGIRequestHandler):
    """Serves requests without logging each one: test output stays readable."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Skip the access log line."""


class Switchboard:
    """A WSGI app that forwards to whichever portal app is current."""

    def __init__(self, app: Flask) -> None:
        self.app = app

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        """Hand the request to the current app."""
        return self.app(environ, start_response)


@dataclass
class LivePortal:
    """A portal (the reference one, unless a test serves another) over real HTTP on loopback."""

    switchboard: Switchboard
    server: BaseWSGIServer
    thread: threading.Thread

    @property
    def app(self) -> Flask:
        """The portal app serving requests now."""
        return self.switchboard.app

    def switch(self, app: Flask) -> None:
        """Serve another portal app (a fresh database) from the same address."""
        self.switchboard.app = app

    def fresh_copy(self, folder: Path, database: Path, **config: Any) -> None:
        """Serve a new app on a copy of `database` in `folder`, with fresh throttles.

        Sessions outlive the switch, so a sign-in kept from an earlier scenario still holds;
        the copied residents are the same in every copy.
        """
        shutil.copy(database, folder / "portal.sqlite3")
        sessions = self.app.config["SESSION_DIR"]
        self.switch(portal_app(folder, FROZEN_TIME=GUIDE_TIME, SESSION_DIR=sessions, **config))

    @property
    def url(self) -> str:
        """Base URL of the running portal."""
        return f"http://127.0.0.1:{self.server.port}"

    def stop(self) -> None:
        """Shut the server down and wait for its thread."""
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


def portal_app(folder: Path, **config: Any) -> Flask:
    """A reference portal app with its database and sessions under `folder`."""
    settings = {
        "DATABASE": str(folder / "portal.sqlite3"),
        "SESSION_DIR": str(folder / "sessions"),
        "OUTBOX": str(folder / "outbox"),
        "SECRET_KEY": "live-portal-for-tests",
        "PASSWORD_HASH_METHOD": SUITE_HASHING,
        **config,
    }
    app = create_app(settings)
    app.jinja_env.bytecode_cache = COMPILED
    return app


def start_portal(folder: Path, **config: Any) -> LivePortal:
    """Start a reference portal with its own database and sessions under `folder`."""
    return start_serving(portal_app(folder, **config))


def start_serving(app: Flask) -> LivePortal:
    """Serve a portal app from a thread on a free loopback port, quietly."""
    switchboard = Switchboard(app)
    server = make_server("127.0.0.1", 0, switchboard, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="portal", daemon=True)
    thread.start()
    return LivePortal(switchboard, server, thread)
