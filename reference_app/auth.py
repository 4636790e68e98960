"""Tyler Online Solutions sign-in: register, sign in, log out, and the idle timeout."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TypeVar, cast

from flask import (
    Blueprint,
    Flask,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import LoginManager, current_user, login_required, login_user, logout_user
from flask_wtf.csrf import CSRFProtect
from werkzeug.security import check_password_hash, generate_password_hash

from reference_app import messages, records
from reference_app.clock import current_clock
from reference_app.forms import RegisterForm, SignInForm
from reference_app.security import (
    hash_password,
    is_safe_next,
    register_rules,
    sign_in_rules,
    throttle,
)

bp = Blueprint("auth", __name__, url_prefix="/identity")
login_manager = LoginManager()
csrf = CSRFProtect()

LAST_SEEN = "last_seen"
View = TypeVar("View", bound=Callable[..., ResponseReturnValue])


def sign_in_required(view: View) -> View:
    """Send a visitor who is not signed in to the sign-in page first (Flask-Login)."""
    return cast(View, login_required(view))


def load_resident(resident_id: str) -> records.Resident | None:
    """Flask-Login's way back from the session to the signed-in resident."""
    return records.resident_by_id(int(resident_id)) if resident_id.isdecimal() else None


@cache
def _decoy_hash(method: str) -> str:
    # Checked when no resident has the email, so a failed sign-in takes as long either way.
    return generate_password_hash("not a real password", method=method)


def start_session(resident: records.Resident) -> None:
    """Sign a resident in under a fresh session identifier."""
    session.clear()
    session["signing_in"] = True  # regenerate() only renews a non-empty session
    current_app.session_interface.regenerate(session)  # type: ignore[attr-defined]
    session.pop("signing_in")
    session.permanent = True
    login_user(resident)
    session[LAST_SEEN] = current_clock().monotonic()
    records.record_sign_in(resident.id, current_clock().now())


def end_session(message: str) -> None:
    """Sign out on the server: the old session and its cookie stop working."""
    logout_user()
    session.clear()
    flash(message, "info")
    current_app.session_interface.regenerate(session)  # type: ignore[attr-defined]


def _landing() -> str:
    target = request.args.get("next")
    return target if target and is_safe_next(target) else url_for("account.settings")


@bp.route("/signin", methods=("GET", "POST"))
def sign_in() -> ResponseReturnValue:
    """Sign in with the email and password used to register."""
    form = SignInForm()
    if not form.is_submitted():
        return render_template("auth/signin.html", form=form)
    if not form.validate():
        return render_template("auth/signin.html", form=form), 400
    rules, cleared_on_success = sign_in_rules(form.email.data)
    with throttle().exclusive(rules):
        wait = throttle().wait_seconds(rules)
        if wait > 0:
            error = messages.TOO_MANY_SIGN_INS.format(minutes=messages.minutes_phrase(wait))
            return render_template("auth/signin.html", form=form, error=error), 429
        resident = records.resident_by_email(form.email.data)
        password_hash = (
            resident.password_hash
            if resident
            else _decoy_hash(current_app.config["PASSWORD_HASH_METHOD"])
        )
        if not check_password_hash(password_hash, form.password.data) or resident is None:
            throttle().record_failure(rules)
            error = messages.SIGN_IN_FAILED
            return render_template("auth/signin.html", form=form, error=error), 400
        throttle().forget(cleared_on_success)
    start_session(resident)
    return redirect(_landing())


@bp.route("/register", methods=("GET", "POST"))
def register() -> ResponseReturnValue:
    """Create an account; the new resident is signed in straight away."""
    form = RegisterForm()
    if not form.is_submitted():
        return render_template("auth/register.html", form=form)
    wait = throttle().wait_seconds(register_rules())
    if wait > 0:
        error = messages.TOO_MANY_REGISTRATIONS.format(minutes=messages.minutes_phrase(wait))
        return render_template("auth/register.html", form=form, error=error), 429
    throttle().record_failure(register_rules())  # every registration counts, kept or not
    if not form.validate():
        return render_template("auth/register.html", form=form), 400
    try:
        resident_id = records.create_resident(
            form.email.data, hash_password(form.password.data), current_clock().now()
        )
    except records.EmailTaken:
        form.email.errors = [messages.EMAIL_TAKEN]
        return render_template("auth/register.html", form=form), 409
    resident = records.resident_by_id(resident_id)
    assert resident is not None
    start_session(resident)
    flash(messages.REGISTERED, "success")
    return redirect(url_for("account.settings"))


@bp.route("/logout", methods=("POST",))
def log_out() -> ResponseReturnValue:
    """Log out: end the session on the server and show the sign-in page."""
    end_session(messages.SIGNED_OUT)
    return redirect(url_for("auth.sign_in"))


def _enforce_idle_timeout() -> ResponseReturnValue | None:
    if not current_user.is_authenticated:
        return None
    now = current_clock().monotonic()
    limit = current_app.config["IDLE_TIMEOUT"].total_seconds()
    last_seen = session.get(LAST_SEEN)
    if isinstance(last_seen, int | float) and now - last_seen <= limit:
        session[LAST_SEEN] = now
        return None
    end_session(messages.IDLE_SIGNED_OUT.format(minutes=int(limit // 60)))
    target = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(url_for("auth.sign_in", next=target))


def init_app(app: Flask) -> None:
    """Attach Flask-Login, CSRF protection and the idle timeout to the app."""
    login_manager.init_app(app)
    login_manager.user_loader(load_resident)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = messages.SIGN_IN_REQUIRED
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    csrf.init_app(app)
    app.before_request(_enforce_idle_timeout)
