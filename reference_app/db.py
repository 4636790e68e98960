"""The SQLite database: one connection per request, and its schema."""

from __future__ import annotations

import sqlite3
from importlib import resources

from flask import Flask, current_app, g


def get_db() -> sqlite3.Connection:
    """The request's connection to the portal database, opened on first use."""
    if "db" not in g:
        connection = sqlite3.connect(current_app.config["DATABASE"], timeout=10)
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA foreign_keys = ON")
        g.db = connection
    db: sqlite3.Connection = g.db
    return db


def close_db(_error: BaseException | None = None) -> None:
    """Close the request's connection, if one was opened."""
    connection = g.pop("db", None)
    if connection is not None:
        connection.close()


def create_schema() -> None:
    """Drop and recreate every table."""
    script = resources.files("reference_app").joinpath("schema.sql").read_text("utf-8")
    get_db().executescript(script)


def has_schema() -> bool:
    """Whether the database already holds the portal's tables."""
    row = (
        get_db()
        .execute("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'resident'")
        .fetchone()
    )
    return bool(row[0])


def is_empty() -> bool:
    """Whether the database has neither residents nor utility accounts."""
    db = get_db()
    residents: int = db.execute("SELECT count(*) FROM resident").fetchone()[0]
    accounts: int = db.execute("SELECT count(*) FROM utility_account").fetchone()[0]
    return residents == 0 and accounts == 0


def init_app(app: Flask) -> None:
    """Close the connection at the end of each request."""
    app.teardown_appcontext(close_db)
