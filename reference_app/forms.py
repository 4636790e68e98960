"""The portal's forms and the rules for what residents type into them."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import Field, Form, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, StopValidation

from reference_app import messages

ASCII_DIGITS = frozenset("0123456789")
PASSWORD_MIN = 8
PASSWORD_MAX = 30
OLD_NUMBER_LENGTH = 9


def strip_text(value: Any) -> Any:
    """Ignore spaces around what a resident typed."""
    return value.strip() if isinstance(value, str) else value


def normalize_email(value: Any) -> Any:
    """Emails are usernames: surrounding spaces and letter case do not matter."""
    return value.strip().lower() if isinstance(value, str) else value


class BillNumber:
    """A number printed on the bill: required, digits 0-9 only, exactly `length` long."""

    def __init__(self, what: str, length: int, missing: str) -> None:
        self.what = what
        self.length = length
        self.missing = missing

    def __call__(self, form: Form, field: Field) -> None:
        """Stop at the first rule the value breaks, with the message for that rule."""
        value = field.data or ""
        if not value:
            raise StopValidation(self.missing)
        if not set(value) <= ASCII_DIGITS:
            raise StopValidation(messages.NUMBER_NOT_DIGITS.format(what=self.what))
        if len(value) == OLD_NUMBER_LENGTH:
            raise StopValidation(
                messages.NUMBER_OLD_FORMAT.format(what=self.what, expected=self.length)
            )
        if len(value) != self.length:
            raise StopValidation(
                messages.NUMBER_WRONG_LENGTH.format(
                    what=self.what, expected=self.length, actual=len(value)
                )
            )


def password_rules(form: Form, field: Field) -> None:
    """Tyler Identity's rules: 8-30 characters with an upper-case letter, a number, a symbol."""
    value: str = field.data or ""
    if len(value) > PASSWORD_MAX:
        raise StopValidation(messages.PASSWORD_TOO_LONG.format(maximum=PASSWORD_MAX))
    missing = [
        rule
        for rule, met in (
            (
                messages.PASSWORD_RULE_LENGTH.format(minimum=PASSWORD_MIN),
                len(value) >= PASSWORD_MIN,
            ),
            (messages.PASSWORD_RULE_UPPER, any(char.isupper() for char in value)),
            (messages.PASSWORD_RULE_DIGIT, any(char in ASCII_DIGITS for char in value)),
            (messages.PASSWORD_RULE_SPECIAL, any(_is_special(char) for char in value)),
        )
        if not met
    ]
    if missing:
        raise StopValidation(messages.PASSWORD_NEEDS.format(missing=_and_list(missing)))


def _is_special(char: str) -> bool:
    return not char.isalnum() and not char.isspace() and char.isprintable()


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


_email_rules = [
    DataRequired(messages.EMAIL_MISSING),
    Length(max=254, message=messages.EMAIL_INVALID),
    Email(messages.EMAIL_INVALID),
]


class SignInForm(FlaskForm):  # type: ignore[misc]
    """Sign in to the Tyler Online Solutions account."""

    email = StringField("Email", filters=[normalize_email], validators=_email_rules)
    password = PasswordField("Password", validators=[DataRequired(messages.PASSWORD_MISSING)])
    submit = SubmitField("Sign in")


def _new_password(label: str) -> PasswordField:
    """A password to choose, by the registration's rules."""
    return PasswordField(
        label, validators=[DataRequired(messages.PASSWORD_MISSING), password_rules]
    )


def _confirmation(label: str) -> PasswordField:
    """The chosen password typed again."""
    return PasswordField(
        label,
        validators=[
            DataRequired(messages.PASSWORD_MISMATCH),
            EqualTo("password", messages.PASSWORD_MISMATCH),
        ],
    )


class RegisterForm(FlaskForm):  # type: ignore[misc]
    """Create a Tyler Online Solutions account."""

    email = StringField("Email", filters=[normalize_email], validators=_email_rules)
    password = _new_password("Password")
    confirm = _confirmation("Confirm password")
    submit = SubmitField("Create account")


class ForgotForm(FlaskForm):  # type: ignore[misc]
    """Ask for a link to choose a new password."""

    email = StringField("Email", filters=[normalize_email], validators=_email_rules)
    submit = SubmitField("Send me a link")


class NewPasswordForm(FlaskForm):  # type: ignore[misc]
    """Choose a new password, by the registration's rules."""

    password = _new_password("New password")
    confirm = _confirmation("Confirm new password")
    submit = SubmitField("Change password")


class LinkForm(FlaskForm):  # type: ignore[misc]
    """Utility Billing Account Link Setup."""

    account_number = StringField(
        "What is the Account number?",
        filters=[strip_text],
        validators=[BillNumber("account number", 6, messages.ACCOUNT_NUMBER_MISSING)],
    )
    customer_id = StringField(
        "What is the Customer ID?",
        filters=[strip_text],
        validators=[BillNumber("customer ID", 7, messages.CUSTOMER_ID_MISSING)],
    )
    submit = SubmitField("Submit")


class CustomerLinkForm(FlaskForm):  # type: ignore[misc]
    """Customer Account (General Billing) Link Setup."""

    customer_number = StringField(
        "What is the Customer Account number?",
        filters=[strip_text],
        validators=[DataRequired(messages.CUSTOMER_NUMBER_MISSING), Length(max=20)],
    )
    submit = SubmitField("Submit")


class ConfirmForm(FlaskForm):  # type: ignore[misc]
    """A form with nothing but its CSRF token, for confirming an action."""

    submit = SubmitField("Remove link")
