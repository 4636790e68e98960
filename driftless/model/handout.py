"""The handout's instructions, and which of them each feature-file step cites.

A feature cites an instruction with a comment line `# handout: <id>`; it applies to the steps
below it until the next such comment or the next scenario. Feature files are read with the
Gherkin parser pytest-bdd itself uses (gherkin-official), which gives the comments with their
lines, and each file once per change.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gherkin.parser import Parser
from gherkin.token_scanner import TokenScanner

REF = re.compile(r"^\s*#\s*handout:\s*(?P<ref>\S+)\s*$")


@dataclass(frozen=True)
class Instruction:
    """One instruction of the handout."""

    id: str
    number: str  # as the handout prints it; "" for the unnumbered ones
    text: str


@dataclass(frozen=True)
class Handout:
    """The printed handout the features are written from."""

    title: str
    publisher: str
    website: str
    helpline_online: str
    helpline_phone: str
    instructions: tuple[Instruction, ...]
    # How the steps name the website: the guide says its address there ("Go to www…").
    website_called: str = ""

    @classmethod
    def load(cls, path: Path) -> Handout:
        """Read the handout from its TOML file."""
        data = tomllib.loads(path.read_text("utf-8"))
        return cls(
            title=data["title"],
            publisher=data["publisher"],
            website=data["website"],
            helpline_online=data["helpline_online"],
            helpline_phone=data["helpline_phone"],
            instructions=tuple(Instruction(**item) for item in data["instruction"]),
            website_called=data.get("website_called", ""),
        )

    @property
    def ids(self) -> list[str]:
        """The instruction ids, in the handout's order."""
        return [instruction.id for instruction in self.instructions]


@dataclass(frozen=True)
class StepRef:
    """A step of a feature file and the instruction it cites (None when it cites none)."""

    path: Path
    line: int
    text: str
    ref: str | None


def step_refs(path: Path) -> list[StepRef]:
    """Every step of a feature file with the instruction cited above it."""
    return list(_step_refs(path.resolve(), path.stat().st_mtime_ns))


@functools.cache
def _step_refs(path: Path, mtime_ns: int) -> tuple[StepRef, ...]:
    document = Parser().parse(TokenScanner(path.read_text("utf-8")))
    events: list[tuple[int, str, str]] = [  # (line, kind, text), in the order of the file
        (comment["location"]["line"], "comment", comment["text"])
        for comment in document["comments"]
    ]
    if document.get("feature"):
        events += _blocks_and_steps(document["feature"])
    refs: list[StepRef] = []
    current: str | None = None
    for line, kind, text in sorted(events):
        if kind == "block":
            current = None
        elif kind == "comment" and (match := REF.match(text)):
            current = match["ref"]
        elif kind == "step":
            refs.append(StepRef(path, line, text, current))
    return tuple(refs)


def _blocks_and_steps(node: Mapping[str, Any]) -> Iterator[tuple[int, str, str]]:
    """The lines where a block (feature, rule, background, scenario, examples) or a step starts."""
    yield node["location"]["line"], "block", ""
    for step in node.get("steps", []):
        yield step["location"]["line"], "step", f"{step['keyword'].strip()} {step['text']}"
    for examples in node.get("examples", []):
        yield examples["location"]["line"], "block", ""
    for child in node.get("children", []):
        for value in child.values():  # {"background": …}, {"scenario": …} or {"rule": …}
            yield from _blocks_and_steps(value)


def refs_by_line(path: Path) -> dict[int, str | None]:
    """Instruction cited by each step line of a feature file."""
    return {step.line: step.ref for step in step_refs(path)}
