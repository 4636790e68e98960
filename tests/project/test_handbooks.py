"""The commands the README and the handbooks show are ones the project runs.

Each command a reader may copy (a line of a code block, or a `code` span) is checked against
the program it names: a make target against the Makefile, an option of pytest against the
options pytest and its plugins know, `python -m driftless` against its sub-commands and their
options, a script against its own --help, a `flask --app reference_app` command against the
portal's commands, and a variable set for a run against the code that reads it. A command of
another tool (git, uv, npx, msgfmt) is that tool's, and left to it.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import click
import pytest

from driftless.__main__ import cli
from reference_app.commands import init_db_command, load_demo_command

ROOT = Path(__file__).resolve().parents[2]
READ = [ROOT / "README.md", ROOT / "ARCHITECTURE.md", *sorted((ROOT / "handbooks").glob("*.md"))]
FENCE = re.compile(r"^```[a-z]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
SPAN = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
OPTION = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")
SETTING = re.compile(r"^([A-Z][A-Z0-9_]{2,})=")
# Variables read by Python, uv or the shell, not by this project's code.
THEIRS = {"PYTHONDONTWRITEBYTECODE", "UV_SYSTEM_CERTS"}
# pytest's own spelling of --junit-xml, which its --help does not show.
ALIASES = {"--junitxml"}
# The portal reads PORTAL_<setting> for each of its settings (Flask's from_prefixed_env).
PORTAL_PREFIX = "PORTAL_"
PORTAL_COMMANDS = (init_db_command, load_demo_command)  # flask --app reference_app …
SCRIPTS = ("scripts/benchmark.py", "scripts/flake_check.py", "scripts/floor.py")


def doc_text(where: str) -> str:
    return (ROOT / where).read_text("utf-8") if (ROOT / where).is_file() else ""


def commands() -> Iterator[tuple[str, str]]:
    """Each command a reader may copy, with where it is: code block lines and code spans."""
    for doc in READ:
        text = doc.read_text("utf-8")
        name = str(doc.relative_to(ROOT))
        for block in FENCE.findall(text):
            for line in block.splitlines():
                line = line.split(" # ")[0].strip().rstrip("\\").strip()
                if line and not line.startswith(("#", "[", "{", "-", "|", '"')):
                    yield name, line
        for span in SPAN.findall(FENCE.sub("", text)):
            yield name, span.strip()


def words(command: str) -> list[str]:
    """The command's words, without the brackets that mark a part as optional."""
    try:
        said = shlex.split(command)
    except ValueError:
        said = command.split()
    return [word.strip("[]") for word in said if word.strip("[]")]


@cache
def pytest_options() -> frozenset[str]:
    """Every option pytest knows with the suite's plugins and those it installs."""
    shown = subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "--help", "-p", "no:cacheprovider"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return frozenset(OPTION.findall(shown))


@cache
def script_options(script: str) -> frozenset[str]:
    """The options a script's --help names."""
    shown = subprocess.run(
        [sys.executable, script, "--help"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return frozenset(OPTION.findall(shown))


def click_options(command: click.Command) -> frozenset[str]:
    """The options of a click command and of everything under it."""
    found = {name for param in command.params for name in param.opts if name.startswith("--")}
    for sub in getattr(command, "commands", {}).values():
        found |= click_options(sub)
    return frozenset(found | {"--help"})


def make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text()
    return set(re.findall(r"^([a-z][a-z-]*):", makefile, re.MULTILINE))


def named_by_the_project(name: str) -> bool:
    """Whether the Makefile, a script or the code names it (a variable, a Chromium switch)."""
    places = [ROOT / "Makefile", *(ROOT / "scripts").iterdir()]
    for folder in ("driftless", "steps", "reference_app"):
        places.extend((ROOT / folder).rglob("*.py"))
    return any(name in place.read_text("utf-8") for place in places if place.is_file())


def read_by_the_project(variable: str, doc: str = "") -> bool:
    """Whether the project reads the variable: by name, as a portal setting, or as the
    variable the document's own vendor config names (`password_env = "…"`)."""
    if named_by_the_project(variable) or f'password_env = "{variable}"' in doc:
        return True
    setting = variable.removeprefix(PORTAL_PREFIX)
    return (
        setting != variable
        and f'"{setting}"' in (ROOT / "reference_app" / "__init__.py").read_text()
    )


def every_option() -> frozenset[str]:
    known = pytest_options() | ALIASES | click_options(cli)
    for script in SCRIPTS:
        known |= script_options(script)
    return known


def problems(where: str, command: str) -> Iterator[str]:
    """What is wrong with one command, in a line each."""
    said = words(command)
    while said and SETTING.match(said[0]):
        variable = SETTING.match(said[0])[1]  # type: ignore[index]
        if variable not in THEIRS and not read_by_the_project(variable, doc_text(where)):
            yield f"{where}: `{command}` sets {variable}, which nothing in the project reads"
        said = said[1:]
    if not said:
        return
    options = set(OPTION.findall(" ".join(said)))
    if said[0] == "make":
        target = next((word for word in said[1:] if "=" not in word), "")
        if target and target not in make_targets():
            yield f"{where}: `{command}`: the Makefile has no target {target!r}"
        for word in said[1:]:
            if "=" in word and not read_by_the_project(word.split("=")[0]):
                yield f"{where}: `{command}` sets {word.split('=')[0]}, which make does not read"
        return
    program = said[1:3] if said[0] in ("python", ".venv/bin/python") else said[:2]
    if program[:2] == ["-m", "pytest"] or said[0] == "pytest":
        known = pytest_options() | ALIASES
    elif program[:2] == ["-m", "driftless"]:
        known = click_options(cli)
        subs = [word for word in said[3:] if not word.startswith("-")][:1]
        if subs and subs[0] not in cli.commands:
            yield f"{where}: `{command}`: python -m driftless has no command {subs[0]!r}"
    elif program[:1] and program[0] in SCRIPTS:
        known = script_options(program[0])
    elif said[:3] == ["flask", "--app", "reference_app"]:
        portal = {"run": click.Command("run"), **{c.name: c for c in PORTAL_COMMANDS if c.name}}
        if len(said) > 3 and said[3] not in portal:
            yield f"{where}: `{command}`: the portal has no command {said[3]!r}"
            return
        known = click_options(portal[said[3]]) | {"--app"} if len(said) > 3 else frozenset()
    elif said[0].startswith("--"):  # an option named alone: the project's, or a Chromium switch
        known = every_option() | {option for option in options if named_by_the_project(option)}
    else:
        return  # another tool's command
    for option in sorted(options - known):
        yield f"{where}: `{command}`: {option} is no option of it"


@pytest.mark.subprocess
def test_every_command_the_handbooks_show_is_one_the_project_runs() -> None:
    shown = list(commands())
    assert len(shown) > 100, "the handbooks show commands"
    wrong = [problem for where, command in shown for problem in problems(where, command)]
    assert wrong == []


def test_a_wrong_command_is_found() -> None:
    """The check itself: a target, a sub-command and a variable that do not exist are named."""
    assert list(problems("x.md", "make publish"))
    assert list(problems("x.md", "python -m driftless render"))
    assert list(problems("x.md", "NO_SUCH_SETTING=1 make run"))
    assert not list(problems("x.md", "STRICT_TRANSLATIONS=1 make run"))
    assert not list(problems("x.md", "git clone <this repository>"))
