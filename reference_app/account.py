"""Account Settings, and the General Billing side of account linking."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user

from reference_app import messages, records
from reference_app.auth import sign_in_required
from reference_app.forms import CustomerLinkForm

bp = Blueprint("account", __name__, url_prefix="/citizens")


@bp.route("/account/settings")
@sign_in_required
def settings() -> ResponseReturnValue:
    """Account Settings: who is signed in and which accounts are linked."""
    accounts = records.linked_accounts(current_user.id)
    return render_template("account/settings.html", utility_accounts=accounts)


@bp.route("/general-billing/")
@sign_in_required
def general_billing() -> ResponseReturnValue:
    """General Billing: customer accounts for general invoices (none are linked here)."""
    return render_template("account/general_billing.html")


@bp.route("/general-billing/link", methods=("GET", "POST"))
@sign_in_required
def customer_link() -> ResponseReturnValue:
    """Customer Account Link Setup, for general billing invoices rather than utility bills."""
    form = CustomerLinkForm()
    if not form.is_submitted():
        return render_template("account/customer_link.html", form=form)
    if not form.validate():
        return render_template("account/customer_link.html", form=form), 400
    # The reference portal holds no general billing accounts, so no number can match.
    error = messages.CUSTOMER_LINK_NO_MATCH
    return render_template("account/customer_link.html", form=form, error=error), 400
