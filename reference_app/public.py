"""Pages anyone can open: the City's utilities page and the Citizen Self Service home."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

bp = Blueprint("public", __name__)


@bp.route("/")
def utilities() -> ResponseReturnValue:
    """City of Tulsa utilities page, where the handout's first step begins."""
    return render_template("public/utilities.html")


@bp.route("/citizens/")
def home() -> ResponseReturnValue:
    """Citizen Self Service home: welcome, announcements and profile information."""
    return render_template("public/home.html")


@bp.route("/citizens/self-service")
def self_service() -> ResponseReturnValue:
    """What a resident can do in Citizen Self Service."""
    return render_template("public/self_service.html")
