"""Tyler Online Solutions sign-in: register, sign in, log out, and the idle timeout."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar, cast

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
from itsdangerous import BadData, URLSafeTimedSerializer
from werkzeug.security import check_password_hash, generate_password_hash

from reference_app import mail, messages, records
from reference_app.clock import current_clock
from reference_app.forms import ForgotForm, NewPasswordForm, RegisterForm, SignInForm
from reference_app.security import (
    hash_password,
    is_safe_next,
    register_rules,
    reset_rules,
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


RESET_MINUTES = 30  # how long a link to choose a new password works


def _reset_tokens() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def _fingerprint(resident: records.Resident) -> str:
    # Part of the link: once the password changes, the link stops working.
    return hashlib.sha256(resident.password_hash.encode()).hexdigest()[:16]


def reset_link(resident: records.Resident) -> str:
    """The address a resident opens to choose a new password."""
    token = _reset_tokens().dumps({"id": resident.id, "was": _fingerprint(resident)})
    return url_for("auth.choose_password", token=token, _external=True)


def _resident_of(token: str) -> records.Resident | None:
    try:
        data: Any = _reset_tokens().loads(token, max_age=RESET_MINUTES * 60)
    except BadData:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        return None
    resident = records.resident_by_id(data["id"])
    if resident is None or data.get("was") != _fingerprint(resident):
        return None
    return resident


@bp.route("/forgot", methods=("GET", "POST"))
def forgot_password() -> ResponseReturnValue:
    """Email a link to choose a new password; the answer is the same for any address."""
    form = ForgotForm()
    if not form.is_submitted():
        return render_template("auth/forgot.html", form=form)
    if not form.validate():
        return render_template("auth/forgot.html", form=form), 400
    rules = reset_rules(form.email.data)
    wait = throttle().wait_seconds(rules)
    if wait > 0:
        error = messages.TOO_MANY_RESETS.format(minutes=messages.minutes_phrase(wait))
        return render_template("auth/forgot.html", form=form, error=error), 429
    throttle().record_failure(rules)  # every request counts
    resident = records.resident_by_email(form.email.data)
    if resident is not None:
        body = messages.RESET_BODY.format(
            email=resident.email, minutes=RESET_MINUTES, link=reset_link(resident)
        )
        mail.send(resident.email, messages.RESET_SUBJECT, body)
    sent = messages.RESET_SENT.format(email=form.email.data, minutes=RESET_MINUTES)
    return render_template("auth/forgot.html", form=None, sent=sent)


@bp.route("/reset/<token>", methods=("GET", "POST"))
def choose_password(token: str) -> ResponseReturnValue:
    """Choose a new password from the emailed link, by the registration's rules."""
    resident = _resident_of(token)
    if resident is None:
        form = ForgotForm(formdata=None)
        error = messages.RESET_LINK_BAD
        return render_template("auth/forgot.html", form=form, error=error), 400
    form = NewPasswordForm()
    if not form.is_submitted():
        return render_template("auth/new_password.html", form=form, email=resident.email)
    if not form.validate():
        return render_template("auth/new_password.html", form=form, email=resident.email), 400
    records.change_password(resident.id, hash_password(form.password.data))
    throttle().forget(sign_in_rules(resident.email)[0])  # a locked-out resident may sign in
    flash(messages.PASSWORD_CHANGED, "success")
    return redirect(url_for("auth.sign_in"))


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
