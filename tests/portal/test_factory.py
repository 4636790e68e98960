"""The app factory, the database file and its CLI commands."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from jinja2 import DictLoader, Environment

from reference_app import create_app
from reference_app.clock import Clock
from reference_app.demo import ACCOUNTS, RESIDENTS
from steps.reference_portal import COMPILED, portal_app
from tests.support import settings_for


def count(app: Flask, table: str) -> int:
    connection = sqlite3.connect(app.config["DATABASE"])
    try:
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        connection.close()


def test_testing_config(app: Flask) -> None:
    assert app.testing
    assert not create_app(settings_for(Path(app.config["DATABASE"]).parent, TESTING=False)).testing


def test_first_start_creates_schema_and_loads_demo(tmp_path: Path) -> None:
    app = create_app(settings_for(tmp_path))
    assert Path(app.config["DATABASE"]).is_file()
    assert count(app, "resident") == len(RESIDENTS)
    assert count(app, "utility_account") == len(ACCOUNTS)
    assert count(app, "bill") == 6 * len(ACCOUNTS)


def test_empty_database_when_demo_is_off(tmp_path: Path) -> None:
    app = create_app(settings_for(tmp_path, LOAD_DEMO_DATA=False))
    assert count(app, "resident") == 0


def test_restart_keeps_existing_data(app: Flask, tmp_path: Path) -> None:
    connection = sqlite3.connect(app.config["DATABASE"])
    connection.execute("DELETE FROM account_link")
    connection.commit()
    connection.close()
    again = create_app(settings_for(tmp_path))
    assert count(again, "account_link") == 0
    assert count(again, "resident") == len(RESIDENTS)


def test_demo_data_is_deterministic(tmp_path: Path) -> None:
    def content(folder: Path) -> list[tuple[object, ...]]:
        app = create_app(settings_for(folder))
        connection = sqlite3.connect(app.config["DATABASE"])
        rows = connection.execute(
            "SELECT a.number, a.customer_id, a.service_address, b.bill_date, b.amount_cents"
            " FROM utility_account a JOIN bill b ON b.account_id = a.id ORDER BY 1, 4"
        ).fetchall()
        connection.close()
        return rows

    assert content(tmp_path / "one") == content(tmp_path / "two")


def test_demo_residents_use_example_org() -> None:
    assert all(email.endswith("@example.org") for email in RESIDENTS)


def test_init_db_command_starts_over(app: Flask, runner: FlaskCliRunner) -> None:
    connection = sqlite3.connect(app.config["DATABASE"])
    connection.execute("DELETE FROM bill")
    connection.commit()
    connection.close()
    result = runner.invoke(args=["init-db"])
    assert "Initialized the database with demo data." in result.output
    assert count(app, "bill") == 6 * len(ACCOUNTS)


def test_init_db_without_demo(app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["init-db", "--no-demo"])
    assert result.exit_code == 0
    assert count(app, "resident") == 0


def test_load_demo_refuses_a_database_with_data(app: Flask, runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["load-demo"])
    assert result.exit_code != 0
    assert "already has data" in result.output
    assert "init-db" in result.output
    assert count(app, "resident") == len(RESIDENTS)


def test_load_demo_fills_an_empty_database(tmp_path: Path) -> None:
    app = create_app(settings_for(tmp_path, LOAD_DEMO_DATA=False))
    result = app.test_cli_runner().invoke(args=["load-demo"])
    assert result.exit_code == 0, result.output
    assert count(app, "resident") == len(RESIDENTS)


def test_secret_key_is_created_once_and_private(tmp_path: Path) -> None:
    settings = settings_for(tmp_path, SECRET_KEY=None)
    first = create_app(settings)
    key_files = list(Path(first.instance_path).glob("secret_key"))
    assert key_files
    assert stat.S_IMODE(key_files[0].stat().st_mode) == 0o600
    assert len(first.config["SECRET_KEY"]) == 64
    assert create_app(settings).config["SECRET_KEY"] == first.config["SECRET_KEY"]


def test_frozen_clock_needs_an_offset() -> None:
    assert Clock.from_setting("2026-10-19T09:05:00-05:00").now().isoformat() == (
        "2026-10-19T14:05:00+00:00"
    )
    assert Clock.from_setting(None).frozen is None
    with pytest.raises(ValueError, match="UTC offset"):
        Clock.from_setting("2026-10-19T09:05:00")


def test_the_suites_fresh_portals_compile_each_template_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    assert portal_app(first).test_client().get("/identity/signin").status_code == 200
    again = portal_app(second)

    def compile_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("a template was compiled again")

    monkeypatch.setattr(again.jinja_env, "compile", compile_again)
    assert again.test_client().get("/identity/signin").status_code == 200


def test_a_shared_template_whose_source_changed_is_compiled_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compiled: list[str] = []

    def counted(templates: Environment) -> Environment:
        compile_source = templates.compile

        def compiling(source: str, *args: Any, **kwargs: Any) -> Any:
            compiled.append(source)
            return compile_source(source, *args, **kwargs)

        monkeypatch.setattr(templates, "compile", compiling)
        return templates

    for source in ("before", "before", "after"):
        loader = DictLoader({"changing.html": source})
        templates = counted(Environment(loader=loader, bytecode_cache=COMPILED))
        assert templates.get_template("changing.html").render() == source
    assert compiled == ["before", "after"]  # the second app used what the first compiled
