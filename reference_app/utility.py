"""Utility Billing: link an account by its numbers, view it, and remove the link."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from reference_app import messages, records
from reference_app.auth import sign_in_required
from reference_app.clock import current_clock
from reference_app.forms import ConfirmForm, LinkForm
from reference_app.security import link_rules, throttle

bp = Blueprint("utility", __name__, url_prefix="/citizens/utility-billing")


@bp.route("/")
@sign_in_required
def index() -> ResponseReturnValue:
    """Utility Billing: the resident's linked accounts, the way in for future visits."""
    accounts = records.linked_accounts(current_user.id)
    return render_template("utility/index.html", accounts=accounts)


@bp.route("/link", methods=("GET", "POST"))
@sign_in_required
def link() -> ResponseReturnValue:
    """Utility Billing Account Link Setup: link an account with the numbers on a bill."""
    form = LinkForm()
    if not form.is_submitted():
        return render_template("utility/link.html", form=form)
    typed_number = form.account_number.data if isinstance(form.account_number.data, str) else ""
    rules = link_rules(current_user.id, typed_number.strip())
    with throttle().exclusive(rules):
        wait = throttle().wait_seconds(rules)
        if wait > 0:
            error = messages.TOO_MANY_LINKS.format(minutes=messages.minutes_phrase(wait))
            return render_template("utility/link.html", form=form, error=error), 429
        if not form.validate():
            return render_template("utility/link.html", form=form), 400
        account = records.account_by_pair(form.account_number.data, form.customer_id.data)
        if account is None:
            throttle().record_failure(rules)
            error = messages.LINK_NO_MATCH
            return render_template("utility/link.html", form=form, error=error), 400
    if not records.link_account(current_user.id, account.id, current_clock().now()):
        error = messages.LINK_ALREADY_YOURS.format(number=account.number)
        return render_template("utility/link.html", form=form, error=error), 409
    flash(messages.LINKED.format(number=account.number), "success")
    return redirect(url_for("account.settings"))


def _linked_or_404(number: str) -> records.UtilityAccount:
    account = records.linked_account(current_user.id, number)
    if account is None:
        # The same answer whether the account does not exist or is someone else's.
        abort(404)
    return account


@bp.route("/accounts/<number>")
@sign_in_required
def account(number: str) -> ResponseReturnValue:
    """A linked account: its numbers, service address, balance, due date and bills."""
    linked = _linked_or_404(number)
    bills = records.bills(linked.id)
    due = [bill for bill in bills if bill.status == "Due"]
    return render_template(
        "utility/account.html",
        account=linked,
        bills=bills,
        balance_cents=sum(bill.amount_cents for bill in due),
        due_date=min((bill.due_date for bill in due), default=None),
    )


@bp.route("/accounts/<number>/bills/<issued>")
@sign_in_required
def bill(number: str, issued: str) -> ResponseReturnValue:
    """A bill as it was printed and mailed: the numbers to link with are near its top."""
    linked = _linked_or_404(number)
    try:
        found = records.bill(linked.id, date.fromisoformat(issued))
    except ValueError:
        found = None
    if found is None:
        abort(404)
    return render_template("utility/bill.html", account=linked, bill=found)


@bp.route("/accounts/<number>/remove", methods=("GET", "POST"))
@sign_in_required
def remove(number: str) -> ResponseReturnValue:
    """Ask before removing the link to an account, then remove it on confirmation."""
    linked = _linked_or_404(number)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("utility/remove.html", account=linked, form=form)
    records.unlink_account(current_user.id, linked.id)
    flash(messages.UNLINKED.format(number=linked.number), "success")
    return redirect(url_for("account.settings"))
