"""Deterministic demo data: fictional residents, Tulsa service addresses, accounts and bills."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from reference_app.clock import current_clock
from reference_app.db import get_db
from reference_app.security import hash_password

DEMO_PASSWORD = "Tulsa-Water-2026"
"""Every demo resident signs in with this password (shown in the README)."""


@dataclass(frozen=True)
class DemoAccount:
    """A utility account of the demo data, as printed on its bill."""

    number: str
    customer_id: str
    customer_name: str
    service_address: str
    monthly_base_cents: int


RESIDENTS = (
    "jordan.rivera@example.org",
    "sam.okafor@example.org",
    "priya.nair@example.org",
)

ACCOUNTS = (
    DemoAccount("481207", "7305186", "Jordan Rivera", "1842 E Redbud Ln, Tulsa, OK 74104", 6120),
    DemoAccount("204815", "3051842", "Sam Okafor", "617 N Cimarron Way, Tulsa, OK 74106", 5480),
    DemoAccount("318290", "4172630", "Priya Nair", "2290 S Prairie Rose Ct, Tulsa, OK 74114", 7315),
    DemoAccount("407731", "5520917", "Jordan Rivera", "95 W Osage Bend Rd, Tulsa, OK 74127", 4290),
    DemoAccount("512064", "6608315", "Casey Morgan", "3318 E Bluestem Pl, Tulsa, OK 74135", 8840),
)

LINKS = (("sam.okafor@example.org", "204815"),)
"""Links that exist from the start; Jordan Rivera starts with none, as in the handout."""

FIRST_BILL = date(2026, 5, 8)
BILLS_PER_ACCOUNT = 6
DAYS_TO_PAY = 20


def bill_amount(account: DemoAccount, month: int) -> int:
    """A bill's amount in cents: the base charge plus a seasonal water-use swing."""
    seasonal = (0, 940, 1785, 1310, 405, -260)[month % 6]
    return account.monthly_base_cents + seasonal + 37 * month


def load() -> None:
    """Insert the demo residents, accounts, bills and links into the database."""
    db = get_db()
    created = current_clock().now().isoformat()
    password_hash = hash_password(DEMO_PASSWORD)
    for email in RESIDENTS:  # each has signed in once, when they registered
        db.execute(
            "INSERT INTO resident (email, password_hash, created_at, last_login_at)"
            " VALUES (?, ?, ?, ?)",
            (email, password_hash, created, created),
        )
    for account in ACCOUNTS:
        cursor = db.execute(
            "INSERT INTO utility_account (number, customer_id, customer_name, service_address)"
            " VALUES (?, ?, ?, ?)",
            (account.number, account.customer_id, account.customer_name, account.service_address),
        )
        _insert_bills(cursor.lastrowid or 0, account)
    for email, number in LINKS:
        db.execute(
            "INSERT INTO account_link (resident_id, account_id, linked_at)"
            " SELECT r.id, a.id, ? FROM resident r, utility_account a"
            " WHERE r.email = ? AND a.number = ?",
            (created, email, number),
        )
    db.commit()


def _insert_bills(account_id: int, account: DemoAccount) -> None:
    for month in range(BILLS_PER_ACCOUNT):
        bill_date = _add_months(FIRST_BILL, month)
        status = "Due" if month == BILLS_PER_ACCOUNT - 1 else "Paid"
        get_db().execute(
            "INSERT INTO bill (account_id, bill_date, due_date, amount_cents, status)"
            " VALUES (?, ?, ?, ?, ?)",
            (
                account_id,
                bill_date.isoformat(),
                (bill_date + timedelta(days=DAYS_TO_PAY)).isoformat(),
                bill_amount(account, month),
                status,
            ),
        )


def _add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    return start.replace(year=start.year + month_index // 12, month=month_index % 12 + 1)
