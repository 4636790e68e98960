"""The step sentences the suite knows: every one in features/ must be one, said before a run.

A docs writer may reword a scenario's name, its description, the notes (`#` lines) and tips
(`\"\"\"` blocks) and an Examples table's "what to do" freely; each step sentence (Given, When,
Then, And) is fixed, because the suite carries it out. A sentence the suite does not know is
told before any browser starts, with the known sentences nearest to it.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from driftless.plugin.compat import Step, rendered_scenarios, step_definitions

SUGGESTED = 3  # nearest known sentences offered for an unknown one
CLOSE_ENOUGH = 0.5  # difflib's ratio below which a sentence is not offered


@dataclass(frozen=True)
class Unknown:
    """A step sentence of features/ that no step definition matches."""

    where: str  # file:line
    sentence: str  # as written, with its keyword
    nearest: tuple[str, ...]


def knows(step: Step) -> bool:
    """Whether a step definition of the suite matches the sentence, as pytest-bdd matches it."""
    return any(
        context.type in (None, step.type) and context.parser.is_matching(step.name)
        for context in step_definitions()
    )


def unknown_sentences(features: Path) -> list[Unknown]:
    """Every step sentence of the features that the suite does not know, in file order."""
    known: dict[str, set[str]] = {}
    unknown: dict[tuple[str, int], tuple[Step, str]] = {}
    for scenario, _ in rendered_scenarios(features):
        for step in scenario.steps:
            where = f"{Path(scenario.feature.filename).relative_to(features.parent)}"
            if knows(step):
                known.setdefault(step.type, set()).add(step.name)
            else:
                unknown[(where, step.line_number)] = (step, f"{step.keyword} {step.name}")
    found = []
    for (where, line), (step, sentence) in sorted(unknown.items()):
        same_type = sorted(known.get(step.type, set()))
        nearest = difflib.get_close_matches(step.name, same_type, SUGGESTED, CLOSE_ENOUGH)
        keyword = step.type.capitalize()
        found.append(Unknown(f"{where}:{line}", sentence, tuple(f"{keyword} {n}" for n in nearest)))
    return found


def told(unknown: list[Unknown]) -> str:
    """The unknown sentences as a docs writer is told them, with what to do."""
    lines = ["Some step sentences in features/ are not ones the suite knows, so nothing was run:"]
    for sentence in unknown:
        lines.append(f"  {sentence.where}: {sentence.sentence}")
        if len(sentence.nearest) == 1:
            lines.append(f"    Did you mean: {sentence.nearest[0]}?")
        elif sentence.nearest:
            lines += ["    Did you mean one of these?", *(f"      {n}" for n in sentence.nearest)]
    lines += [
        "Each Given, When, Then and And sentence is one the suite carries out, so it must be",
        "worded as the suite knows it: put back the sentence it had, or ask for a new step.",
        "Reworded freely: a scenario's name and description, the # notes, the tips between",
        '""" lines, and the "what to do" column of an Examples table.',
    ]
    return "\n".join(lines)
