"""The handout's instructions, and which of them each feature-file step cites.

A feature cites an instruction with a comment line `# handout: <id>`; it applies to the steps
below it until the next such comment or the next scenario.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

REF = re.compile(r"^\s*#\s*handout:\s*(?P<ref>\S+)\s*$")
BLOCK = re.compile(
    r"^\s*(Feature|Background|Rule|Scenario|Scenario Outline|Example|Examples|Scenarios):"
)
STEP = re.compile(r"^\s*(Given|When|Then|And|But|\*)\s")
DOCSTRING = re.compile(r'^\s*("""|```)')


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
    """Every step line of a feature file with the instruction cited above it."""
    refs: list[StepRef] = []
    current: str | None = None
    in_docstring = False
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if DOCSTRING.match(line):
            in_docstring = not in_docstring
        elif in_docstring:
            continue
        elif BLOCK.match(line):
            current = None
        elif match := REF.match(line):
            current = match["ref"]
        elif STEP.match(line):
            refs.append(StepRef(path, number, line.strip(), current))
    return refs


def refs_by_line(path: Path) -> dict[int, str | None]:
    """Instruction cited by each step line of a feature file."""
    return {step.line: step.ref for step in step_refs(path)}
