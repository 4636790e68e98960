"""The database's first start and its `flask` commands: init-db and load-demo."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from reference_app import demo
from reference_app.db import close_db, create_schema, has_schema, is_empty


def ensure_ready() -> None:
    """Create the schema on first start and load the demo data into an empty database."""
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
    create_schema()
    if not no_demo:
        demo.load()
    click.echo("Initialized the database" + ("." if no_demo else " with demo data."))


@click.command("load-demo")
@with_appcontext
def load_demo_command() -> None:
    """Add the demo residents and utility accounts to an empty database."""
    if not has_schema():
        create_schema()
    if not is_empty():
        raise click.ClickException(
            "The database already has data. Run 'flask --app reference_app init-db' to start over."
        )
    demo.load()
    click.echo("Loaded the demo data.")


def init_app(app: Flask) -> None:
    """Register the commands with the app."""
    app.cli.add_command(init_db_command)
    app.cli.add_command(load_demo_command)
