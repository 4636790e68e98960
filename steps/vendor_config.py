"""A vendor's portal config file (TOML): who signs in, which bill to link, what to override.

The file's shape is a pydantic model (unknown keys forbidden, TOML types taken as they are).
Every mistake in the file is reported at once, in one message that says what to fix, before any
browser starts: pydantic's errors are turned into sentences in the file's own terms, each
field's `description` saying what it must be.
"""

from __future__ import annotations

import os
import re
import tomllib
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from playwright.sync_api import Page
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

NonEmpty = Annotated[str, Field(min_length=1, pattern=r"\S")]
ROLES = frozenset(typing.get_args(typing.get_type_hints(Page.get_by_role)["role"]))
# Playwright's selector engines; "label=..." and the like are not among them.
ENGINES = frozenset(
    {"css", "xpath", "text", "id", "data-testid", "data-test-id", "data-test", "role", "nth",
     "visible", "internal", "_react", "_vue"}
)  # fmt: skip
KINDS = ("role", "label", "text", "placeholder", "test_id", "selector")


class ConfigError(Exception):
    """The config file cannot be used; the message lists every problem and how to fix it."""


class _Table(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class _SignIn(_Table):
    email: NonEmpty = Field(description="an address in quotes")
    password: str | None = Field(None, description="the password in quotes")
    password_env: NonEmpty | None = Field(
        None,
        validate_default=True,  # so that the rule below also sees a table with neither
        description="the name of an environment variable holding the password",
    )

    @field_validator("password_env")
    @classmethod
    def _one_password(cls, variable: str | None, info: ValidationInfo) -> str | None:
        """Exactly one of the two, and a variable that is set (checked with the other keys)."""
        if "password" not in info.data:  # the password itself is wrong, and said so
            return variable
        if (info.data["password"] is None) == (variable is None):
            raise ValueError("needs exactly one of 'password' or 'password_env'")
        environ: Mapping[str, str] = (info.context or {}).get("environ", os.environ)
        if variable is not None and not environ.get(variable):
            raise ValueError(
                f"password_env names {variable}, which is not set: export {variable}=..."
            )
        return variable

    def account(self, environ: Mapping[str, str]) -> Account:
        if self.password is not None:
            return Account(self.email, self.password)
        return Account(self.email, environ[str(self.password_env)])


class _UtilityAccount(_Table):
    number: str = Field(
        pattern=r"^[0-9]{6}$", description='6 digits in quotes, e.g. number = "481207"'
    )
    customer_id: str = Field(
        pattern=r"^[0-9]{7}$", description='7 digits in quotes, e.g. customer_id = "7305186"'
    )


def _selector_problem(selector: str) -> str | None:
    """Why a Playwright selector string cannot work, if it plainly cannot."""
    engine = re.match(r"^\s*([A-Za-z_][\w-]*)\s*=", selector)
    if engine and engine.group(1).split(":")[0] not in ENGINES:
        name = engine.group(1)
        if name in ("label", "placeholder", "test_id", "role"):
            value = selector.split("=", 1)[1].strip().strip("'\"")
            return f'"{name}=" is not a selector; write {{ {name} = "{value}" }}'
        return f'"{name}=" names no Playwright selector engine; give a CSS or XPath selector'
    return None


class _Locator(_Table):
    """An element as a vendor names it, in the contract's own terms."""

    role: str | None = Field(None, description='an ARIA role, e.g. "button"')
    name: NonEmpty | None = Field(None, description="the accessible name, in quotes")
    exact: bool | None = Field(None, description="true or false")
    label: NonEmpty | None = Field(None, description="the box's label, in quotes")
    text: NonEmpty | None = Field(None, description="the words on it, in quotes")
    placeholder: NonEmpty | None = Field(None, description="the placeholder, in quotes")
    test_id: NonEmpty | None = Field(None, description="the test id, in quotes")
    selector: NonEmpty | None = Field(None, description="a Playwright selector, in quotes")

    @model_validator(mode="after")
    def _one_way(self) -> _Locator:
        given = [kind for kind in KINDS if getattr(self, kind) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of {', '.join(KINDS)} (given: {len(given)})")
        if self.role is not None and self.role not in ROLES:
            raise ValueError(f'"{self.role}" is not an ARIA role (e.g. "button", "link")')
        if self.name is not None and self.role is None:
            raise ValueError('"name" goes with "role"')
        if self.selector and (problem := _selector_problem(self.selector)):
            raise ValueError(problem)
        return self

    def as_override(self) -> dict[str, object]:
        return self.model_dump(exclude_none=True)


def _checked_selector(selector: str) -> str:
    if problem := _selector_problem(selector):
        raise ValueError(problem)
    return selector


def _way(value: object) -> str:
    """Which form a [locators] entry takes: a selector string or a table."""
    return "table" if isinstance(value, dict) else "selector"


LocatorEntry = Annotated[
    Annotated[NonEmpty, AfterValidator(_checked_selector), Tag("selector")]
    | Annotated[_Locator, Tag("table")],
    Discriminator(_way),
]


class _Redact(_Table):
    selectors: list[NonEmpty] = Field([], description="a list of selector strings")


class _File(_Table):
    user: _SignIn
    utility_account: _UtilityAccount
    second_user: _SignIn | None = None
    locators: dict[str, LocatorEntry] = Field(
        {}, description='a selector string or a table such as { label = "..." }'
    )
    redact: _Redact = _Redact()
    wording: dict[str, NonEmpty] = Field(
        {}, description="your portal's words for that message, in quotes"
    )


@dataclass(frozen=True)
class Account:
    """A sign-in of the portal under test."""

    email: str
    password: str


@dataclass(frozen=True)
class PortalConfig:
    """What the suite needs to know about a portal it does not own."""

    user: Account
    account_number: str
    customer_id: str
    second_user: Account | None = None
    locators: Mapping[str, str | Mapping[str, object]] = field(default_factory=dict)
    redact: tuple[str, ...] = ()
    wording: Mapping[str, str] = field(default_factory=dict)  # the City's message: the portal's


def load(path: Path, environ: Mapping[str, str] = os.environ) -> PortalConfig:
    """Read and check a portal config file; raise ConfigError listing every problem."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file. Give the path of your portal config.") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot be read ({error}).") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"{path}: not valid TOML ({error}). Fix the file and try again."
        ) from None
    try:
        checked = _File.model_validate(data, context={"environ": environ})
    except ValidationError as invalid:
        problems = dict.fromkeys(_sentence(error) for error in invalid.errors())
        listed = "\n".join(f"  - {problem}" for problem in problems)
        raise ConfigError(f"{path} cannot be used:\n{listed}") from None
    second = checked.second_user
    return PortalConfig(
        user=checked.user.account(environ),
        account_number=checked.utility_account.number,
        customer_id=checked.utility_account.customer_id,
        second_user=second.account(environ) if second else None,
        locators={
            key: value if isinstance(value, str) else value.as_override()
            for key, value in checked.locators.items()
        },
        redact=tuple(checked.redact.selectors),
        wording=dict(checked.wording),
    )


def _sentence(error: ErrorDetails) -> str:
    """One of pydantic's errors as the file's author would say it."""
    where = [str(part) for part in error["loc"]]
    kind = error["type"]
    section = where[0]
    if len(where) == 1:
        if kind == "missing":
            return f"missing section [{section}]"
        if kind == "extra_forbidden":
            known = ", ".join(f"[{name}]" for name in _File.model_fields)
            return f"unknown section [{section}]; the sections are {known}"
        return f"[{section}] must be a table of keys"
    table = _table_of(section)
    key = where[1]
    if section == "locators":
        return _locator_sentence(key, where[2:], error)
    if kind == "value_error":  # a rule of the table's own, in its own words
        return f"[{section}] {error['ctx']['error']}"
    if kind == "missing":
        return f"[{section}] is missing {key!r}"
    if kind == "extra_forbidden":
        allowed = ", ".join(sorted(table.model_fields)) if table else ""
        return f"[{section}] has unknown key {key!r}; allowed: {allowed}"
    fields = table.model_fields if table else {key: _File.model_fields[section]}
    return f"[{section}] {key} must be {fields[key].description}"


def _locator_sentence(key: str, where: list[str], error: ErrorDetails) -> str:
    """A problem of one [locators] entry."""
    kind = error["type"]
    if kind == "value_error":
        return f"[locators] {key}: {error['ctx']['error']}"
    if kind == "extra_forbidden":
        allowed = ", ".join([*KINDS, "name", "exact"])
        return f"[locators] {key} has unknown key {where[-1]!r}; allowed: {allowed}"
    if len(where) >= 2 and where[0] == "table":
        field = _Locator.model_fields[where[1]]
        return f"[locators] {key}: {where[1]} must be {field.description}"
    return f"[locators] {key} must be {_File.model_fields['locators'].description}"


def _table_of(section: str) -> type[BaseModel] | None:
    """The model of a section with fixed keys; None for a table of free keys."""
    annotation = _File.model_fields[section].annotation
    for candidate in (_SignIn, _UtilityAccount, _Redact):
        if annotation is candidate or annotation == candidate | None:
            return candidate
    return None
