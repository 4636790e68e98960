"""Reference implementation of the City of Tulsa's Citizen Self Service portal."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

from cachelib import FileSystemCache
from flask import Flask
from flask_session import Session

from reference_app import (
    account,
    auth,
    commands,
    db,
    errors,
    filters,
    public,
    security,
    utility,
)
from reference_app.clock import Clock

IDLE_TIMEOUT = timedelta(minutes=20)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the portal: configuration, database, sessions, security and blueprints."""
    app = Flask(__name__, instance_relative_config=True)
    instance = Path(app.instance_path)
    instance.mkdir(parents=True, exist_ok=True)
    app.config.from_mapping(_defaults(instance))
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("PORTAL")
    else:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(instance)
    app.config["PERMANENT_SESSION_LIFETIME"] = app.config["IDLE_TIMEOUT"]
    app.config["SESSION_CACHELIB"] = FileSystemCache(
        app.config["SESSION_DIR"], threshold=20_000, mode=0o600
    )

    app.extensions["clock"] = Clock.from_setting(app.config.get("FROZEN_TIME"))
    Session(app)
    db.init_app(app)
    commands.init_app(app)
    auth.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    filters.init_app(app)
    for blueprint in (public.bp, auth.bp, account.bp, utility.bp):
        app.register_blueprint(blueprint)
    with app.app_context():
        commands.ensure_ready()
    return app


def _defaults(instance: Path) -> dict[str, Any]:
    """Settings a fresh install runs with; any of them can be overridden."""
    return {
        "DATABASE": str(instance / "portal.sqlite3"),
        "SESSION_DIR": str(instance / "sessions"),
        "OUTBOX": str(instance / "outbox"),  # where the portal's emails go (reference_app/mail.py)
        "SESSION_TYPE": "cachelib",
        "SESSION_PERMANENT": True,
        "SESSION_COOKIE_NAME": "css_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": False,
        "IDLE_TIMEOUT": IDLE_TIMEOUT,
        "MAX_CONTENT_LENGTH": 64 * 1024,
        # Werkzeug's scrypt (N=2**15, r=8, p=1); any method Werkzeug's hashing accepts.
        "PASSWORD_HASH_METHOD": "scrypt",
        # Static files: an hour; those linked with their content's digest (?v=), a year.
        "SEND_FILE_MAX_AGE_DEFAULT": 3600,
        "LOAD_DEMO_DATA": True,
        "FROZEN_TIME": None,
        "DISPLAY_TIMEZONE": "America/Chicago",
        # Flask-Limiter: a flood guard over all pages together, per client address.
        "RATELIMIT_STORAGE_URI": "memory://",
        "RATELIMIT_APPLICATION": "300 per minute",
        # Reverse proxies in front of the portal whose X-Forwarded-For to trust (0: none).
        "PROXY_HOPS": 0,
    }


def _instance_secret(instance: Path) -> str:
    """Read the instance's secret key, creating a random one on first start."""
    key_file = instance / "secret_key"
    if not key_file.exists():
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_hex(32))
    return key_file.read_text().strip()
