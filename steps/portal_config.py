"""A vendor's portal config file (TOML): who signs in, which bill to link, what to override.

Every mistake in the file is reported at once, in one message that says what to fix, before
any browser starts.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SECTIONS: dict[str, tuple[set[str], set[str]]] = {
    # section: (required keys, optional keys)
    "user": ({"email"}, {"password", "password_env"}),
    "utility_account": ({"number", "customer_id"}, set()),
    "second_user": ({"email"}, {"password", "password_env"}),
    "locators": (set(), set()),  # any element key of the portal contract
    "redact": (set(), {"selectors"}),
}
REQUIRED_SECTIONS = ("user", "utility_account")


class ConfigError(Exception):
    """The config file cannot be used; the message lists every problem and how to fix it."""


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
    locators: Mapping[str, str] = field(default_factory=dict)
    redact: tuple[str, ...] = ()


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
    problems = _problems(data, environ)
    if problems:
        listed = "\n".join(f"  - {problem}" for problem in problems)
        raise ConfigError(f"{path} cannot be used:\n{listed}")
    user = data["user"]
    account = data["utility_account"]
    second = data.get("second_user")
    return PortalConfig(
        user=Account(user["email"], _password(user, environ)),
        account_number=str(account["number"]),
        customer_id=str(account["customer_id"]),
        second_user=Account(second["email"], _password(second, environ)) if second else None,
        locators=dict(data.get("locators", {})),
        redact=tuple(data.get("redact", {}).get("selectors", ())),
    )


def _problems(data: dict[str, Any], environ: Mapping[str, str]) -> list[str]:
    problems = [
        f"unknown section [{name}]; the sections are {', '.join(f'[{s}]' for s in SECTIONS)}"
        for name in data
        if name not in SECTIONS
    ]
    for name in REQUIRED_SECTIONS:
        if name not in data:
            problems.append(f"missing section [{name}]")
    for name, (required, optional) in SECTIONS.items():
        section = data.get(name)
        if section is None:
            continue
        if not isinstance(section, dict):
            problems.append(f"[{name}] must be a table of keys")
            continue
        problems += _section_problems(name, section, required, optional, environ)
    return problems


def _section_problems(
    name: str,
    section: dict[str, Any],
    required: set[str],
    optional: set[str],
    environ: Mapping[str, str],
) -> list[str]:
    problems = [f"[{name}] is missing {key!r}" for key in sorted(required - section.keys())]
    if name == "locators":
        problems += [
            f"[locators] {key} must be a selector string"
            for key, value in section.items()
            if not isinstance(value, str) or not value.strip()
        ]
        return problems
    problems += [
        f"[{name}] has unknown key {key!r}; allowed: {', '.join(sorted(required | optional))}"
        for key in sorted(section.keys() - required - optional)
    ]
    if name in ("user", "second_user"):
        problems += _password_problems(name, section, environ)
    if name == "utility_account":
        problems += _number_problems(section)
    if name == "redact":
        selectors = section.get("selectors", [])
        if not isinstance(selectors, list) or not all(isinstance(s, str) for s in selectors):
            problems.append("[redact] selectors must be a list of selector strings")
    return problems


def _password_problems(name: str, section: dict[str, Any], environ: Mapping[str, str]) -> list[str]:
    if ("password" in section) == ("password_env" in section):
        return [f"[{name}] needs exactly one of 'password' or 'password_env'"]
    variable = section.get("password_env")
    if variable is not None and not environ.get(str(variable)):
        return [f"[{name}] password_env names {variable}, which is not set: export {variable}=..."]
    return []


def _number_problems(section: dict[str, Any]) -> list[str]:
    problems = []
    for key, length in (("number", 6), ("customer_id", 7)):
        value = section.get(key)
        if value is not None and not (
            isinstance(value, str) and value.isascii() and value.isdigit() and len(value) == length
        ):
            problems.append(
                f"[utility_account] {key} must be {length} digits in quotes, "
                f'e.g. {key} = "{"1234567"[:length]}"'
            )
    return problems


def _password(section: dict[str, Any], environ: Mapping[str, str]) -> str:
    if "password" in section:
        return str(section["password"])
    return environ[str(section["password_env"])]
