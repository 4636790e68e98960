"""How the portal prints dates, times and money."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import Flask, current_app, url_for


def display_date(value: date | datetime | None) -> str:
    """Dates as the real portal prints them: 1/26/2021."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(ZoneInfo(current_app.config["DISPLAY_TIMEZONE"]))
    return f"{value.month}/{value.day}/{value.year}"


def display_time(value: datetime | None) -> str:
    """A moment as date and local time: 1/26/2021 9:41 AM."""
    if value is None:
        return ""
    local = value.astimezone(ZoneInfo(current_app.config["DISPLAY_TIMEZONE"]))
    hour = local.hour % 12 or 12
    return f"{display_date(local)} {hour}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}"


def money(cents: int) -> str:
    """Cents as dollars: $1,234.56."""
    return f"${cents / 100:,.2f}"


def asset(filename: str) -> str:
    """A static file's address with its content's digest: browsers may keep it for a year."""
    folder = current_app.static_folder
    assert folder is not None
    path = Path(folder) / filename
    return url_for("static", filename=filename, v=_digest(path, path.stat().st_mtime_ns))


@cache
def _digest(path: Path, version: int) -> str:
    # Keyed by the file's modification time too: an edited file gets a new address at once.
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def init_app(app: Flask) -> None:
    """Make the formats available to templates as filters, and `asset` as a function."""
    app.add_template_global(asset, "asset")
    app.add_template_filter(display_date, "display_date")
    app.add_template_filter(display_time, "display_time")
    app.add_template_filter(money, "money")
