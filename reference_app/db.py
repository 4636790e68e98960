"""The SQLite database: one connection per request, schema and demo-data commands."""

from __future__ import annotations

import sqlite3
from importlib import resources

import click
from flask import Flask, current_app, g
from flask.cli import with_appcontext


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


def ensure_ready() -> None:
    """Create the schema on first start and load the demo data into an empty database."""
    from reference_app import demo

    if not has_schema():
        create_schema()
    if current_app.config["LOAD_DEMO_DATA"] and is_empty():
        demo.load()
    close_db()


@click.command("init-db")
@with_appcontext
@click.option("--no-demo", is_flag=True, help="Leave the new database empty.")
def init_db_command(no_demo: bool) -> None:
    """Erase the database and create the tables again (with demo data unless --no-demo)."""
    from reference_app import demo

    create_schema()
    if not no_demo:
        demo.load()
    click.echo("Initialized the database" + ("." if no_demo else " with demo data."))


@click.command("load-demo")
@with_appcontext
def load_demo_command() -> None:
    """Add the demo residents and utility accounts to an empty database."""
    from reference_app import demo

    if not has_schema():
        create_schema()
    if not is_empty():
        raise click.ClickException(
            "The database already has data. Run 'flask --app reference_app init-db' to start over."
        )
    demo.load()
    click.echo("Loaded the demo data.")


def init_app(app: Flask) -> None:
    """Register the teardown and the CLI commands with the app."""
    app.teardown_appcontext(close_db)
    app.cli.add_command(init_db_command)
    app.cli.add_command(load_demo_command)
