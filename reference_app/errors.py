"""Error pages that tell a resident what to do next."""

from __future__ import annotations

from flask import Flask, render_template
from flask.typing import ResponseReturnValue
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from reference_app import messages


def _render(status: int, title: str, advice: str) -> ResponseReturnValue:
    return render_template("errors/error.html", status=status, title=title, advice=advice), status


def http_error(error: HTTPException) -> ResponseReturnValue:
    """Any HTTP error, as a page in the portal's own words."""
    status = error.code or 500
    title, advice = messages.ERROR_PAGES.get(status, messages.ERROR_PAGES[400])
    return _render(status, title, advice)


def csrf_error(_error: CSRFError) -> ResponseReturnValue:
    """A form without a valid token: nothing changes, and the resident is told why."""
    return _render(400, messages.ERROR_PAGES[400][0], messages.CSRF_FAILED)


def server_error(_error: InternalServerError) -> ResponseReturnValue:
    """An unexpected failure: a calm page, never a traceback."""
    title, advice = messages.ERROR_PAGES[500]
    return _render(500, title, advice)


def init_app(app: Flask) -> None:
    """Register the error handlers."""
    app.register_error_handler(CSRFError, csrf_error)
    app.register_error_handler(InternalServerError, server_error)
    app.register_error_handler(HTTPException, http_error)
