"""Fixtures for testing the portal with Flask's test client, flaskr-style."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from reference_app import create_app
from tests.support import ResidentClient, settings_for


@pytest.fixture
def app(tmp_path: Path, demo_database: Path) -> Flask:
    """A portal with a fresh copy of the demo database."""
    shutil.copy(demo_database, tmp_path / "portal.sqlite3")
    return create_app(settings_for(tmp_path))


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client for the app."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """A runner for the app's CLI commands."""
    return app.test_cli_runner()


@pytest.fixture
def resident(client: FlaskClient) -> ResidentClient:
    """The demo resident Jordan Rivera, not yet signed in."""
    return ResidentClient(client)
