"""Residents, utility accounts, bills and links, as read from and written to the database."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime

from flask_login import UserMixin

from reference_app.db import get_db


@dataclass(frozen=True)
class Resident(UserMixin):  # type: ignore[misc]
    """A person with a Citizen Self Service sign-in."""

    id: int
    email: str
    password_hash: str
    last_login_at: datetime | None
    previous_login_at: datetime | None

    def get_id(self) -> str:
        """The identifier Flask-Login keeps in the session."""
        return str(self.id)


@dataclass(frozen=True)
class UtilityAccount:
    """A utility account as printed near the top of a bill."""

    id: int
    number: str
    customer_id: str
    customer_name: str
    service_address: str


@dataclass(frozen=True)
class Bill:
    """One bill of a utility account."""

    bill_date: date
    due_date: date
    amount_cents: int
    status: str


class EmailTaken(Exception):
    """Raised when a resident registers with an email that already has an account."""


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _resident(row: sqlite3.Row | None) -> Resident | None:
    if row is None:
        return None
    return Resident(
        id=row["id"],
        email=row["email"],
        password_hash=row["password_hash"],
        last_login_at=_moment(row["last_login_at"]),
        previous_login_at=_moment(row["previous_login_at"]),
    )


def resident_by_id(resident_id: int) -> Resident | None:
    """The resident with this id, if any."""
    row = get_db().execute("SELECT * FROM resident WHERE id = ?", (resident_id,)).fetchone()
    return _resident(row)


def resident_by_email(email: str) -> Resident | None:
    """The resident whose (normalized) email this is, if any."""
    row = get_db().execute("SELECT * FROM resident WHERE email = ?", (email,)).fetchone()
    return _resident(row)


def create_resident(email: str, password_hash: str, now: datetime) -> int:
    """Add a resident and return the new id; raise EmailTaken if the email is registered."""
    db = get_db()
    try:
        cursor = db.execute(
            "INSERT INTO resident (email, password_hash, created_at) VALUES (?, ?, ?)",
            (email, password_hash, now.isoformat()),
        )
    except sqlite3.IntegrityError as error:
        raise EmailTaken(email) from error
    db.commit()
    return int(cursor.lastrowid or 0)


def change_password(resident_id: int, password_hash: str) -> None:
    """Give a resident a new password (already hashed)."""
    db = get_db()
    db.execute("UPDATE resident SET password_hash = ? WHERE id = ?", (password_hash, resident_id))
    db.commit()


def record_sign_in(resident_id: int, now: datetime) -> None:
    """Remember this sign-in, keeping the one before it for "Last successful login"."""
    db = get_db()
    db.execute(
        "UPDATE resident SET previous_login_at = last_login_at, last_login_at = ? WHERE id = ?",
        (now.isoformat(), resident_id),
    )
    db.commit()


def _account(row: sqlite3.Row | None) -> UtilityAccount | None:
    if row is None:
        return None
    return UtilityAccount(
        id=row["id"],
        number=row["number"],
        customer_id=row["customer_id"],
        customer_name=row["customer_name"],
        service_address=row["service_address"],
    )


_ACCOUNT_COLUMNS = "a.id, a.number, a.customer_id, a.customer_name, a.service_address"


def account_by_pair(number: str, customer_id: str) -> UtilityAccount | None:
    """The utility account with exactly this account number and customer ID, if any."""
    row = (
        get_db()
        .execute(
            f"SELECT {_ACCOUNT_COLUMNS} FROM utility_account a"
            " WHERE a.number = ? AND a.customer_id = ?",
            (number, customer_id),
        )
        .fetchone()
    )
    return _account(row)


def linked_accounts(resident_id: int) -> list[UtilityAccount]:
    """The utility accounts linked to a resident, in account-number order."""
    rows = (
        get_db()
        .execute(
            f"SELECT {_ACCOUNT_COLUMNS} FROM utility_account a"
            " JOIN account_link l ON l.account_id = a.id WHERE l.resident_id = ? ORDER BY a.number",
            (resident_id,),
        )
        .fetchall()
    )
    return [account for row in rows if (account := _account(row)) is not None]


def linked_account(resident_id: int, number: str) -> UtilityAccount | None:
    """The account with this number if it is linked to the resident; otherwise None."""
    row = (
        get_db()
        .execute(
            f"SELECT {_ACCOUNT_COLUMNS} FROM utility_account a"
            " JOIN account_link l ON l.account_id = a.id WHERE l.resident_id = ? AND a.number = ?",
            (resident_id, number),
        )
        .fetchone()
    )
    return _account(row)


def link_account(resident_id: int, account_id: int, now: datetime) -> bool:
    """Link an account to a resident; False if it was already linked to them."""
    db = get_db()
    cursor = db.execute(
        "INSERT OR IGNORE INTO account_link (resident_id, account_id, linked_at) VALUES (?, ?, ?)",
        (resident_id, account_id, now.isoformat()),
    )
    db.commit()
    return cursor.rowcount == 1


def unlink_account(resident_id: int, account_id: int) -> None:
    """Remove a resident's link to an account; other residents' links stay."""
    db = get_db()
    db.execute(
        "DELETE FROM account_link WHERE resident_id = ? AND account_id = ?",
        (resident_id, account_id),
    )
    db.commit()


def bill(account_id: int, bill_date: date) -> Bill | None:
    """One bill of an account, by the date it was issued."""
    found = [one for one in bills(account_id) if one.bill_date == bill_date]
    return found[0] if found else None


def bills(account_id: int) -> list[Bill]:
    """An account's bills, newest first."""
    rows = (
        get_db()
        .execute(
            "SELECT bill_date, due_date, amount_cents, status FROM bill"
            " WHERE account_id = ? ORDER BY bill_date DESC",
            (account_id,),
        )
        .fetchall()
    )
    return [
        Bill(
            bill_date=date.fromisoformat(row["bill_date"]),
            due_date=date.fromisoformat(row["due_date"]),
            amount_cents=row["amount_cents"],
            status=row["status"],
        )
        for row in rows
    ]
