"""The guide's sentences that name an element that changed or vanished on the portal.

Pure: the run's records in, the sentences a writer should check out. A sentence names an
element when it quotes its words ("Select \u201cSubmit\u201d.") or when its step acts on or
checks it (the step's picture marks it); a message is named by any part of what it says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from driftless.model.record import GUIDE, TROUBLESHOOTING, ScenarioRecord, StepRecord
from driftless.render.changes import Change, Element, called, noun, section_words, short
from driftless.render.guide_sentences import as_instruction, curly, tip_of
from driftless.render.numbered import conditions, fold

QUOTED = re.compile(r"[\u201c\"]([^\u201d\"]+)[\u201d\"]")


@dataclass(frozen=True)
class Sentence:
    """A sentence of the guide, where it is shown and where its words are written."""

    where: str  # 'step 5 of \u201cLink your utility account\u201d'
    text: str
    source: str  # the feature file and line to edit: features/linking_accounts.feature:37
    marks: tuple[tuple[str, str], ...] = ()  # (role, name) of what its step's pictures mark

    def names(self, element: Element) -> bool:
        """Whether it quotes the element's words, or its step marks the element."""
        if (element.role, element.name) in self.marks:
            return True
        name = _loosely(element.name)
        quoted = [_loosely(words) for words in QUOTED.findall(self.text)]
        if element.kind == "message":  # a message is quoted in part ("You entered 5.")
            return any(len(words) > 3 and words in name for words in quoted)
        return name in quoted


@dataclass(frozen=True)
class Check:
    """A sentence to check, and the change on the portal that may have made it wrong."""

    sentence: Sentence
    change: Change

    def words(self) -> str:
        """What to check, as a writer reads it."""
        said = self.sentence
        quoted = said.text.removesuffix(".")  # the quote ends where the sentence goes on
        return f"{said.where} says \u2018{quoted}\u2019, but {consequence(self.change)}"


def consequence(change: Change) -> str:
    """What a change means for a sentence that names the element as it was."""
    old, new = change.before, change.after
    assert old is not None
    if new is None:
        return f"the page has no \u201c{short(old.name)}\u201d {_noun(old)} any more"
    if change.what == "renamed" and old.kind == "message":
        return f"the message now says \u201c{short(new.name)}\u201d"
    if change.what == "renamed":
        return (
            f"the page has no \u201c{short(old.name)}\u201d {_noun(old)} any more; "
            f"it has \u201c{short(new.name)}\u201d"
        )
    if change.what == "recast":
        return f"{called(old)} is now {called(new, 'a')}"
    if old.section != new.section:
        return f"\u201c{short(old.name)}\u201d is now in {section_words(new.section)}"
    return f"\u201c{short(old.name)}\u201d is now {change.near}"


def _noun(element: Element) -> str:
    return "message" if element.kind == "message" else noun(element)


def _loosely(words: str) -> str:
    """Words as a resident reads them: any case and spacing, a star or colon around."""
    return " ".join(words.lower().split()).strip(" *:?.")


def checks(sentences: list[Sentence], changes: tuple[Change, ...]) -> list[Check]:
    """Each sentence that names an element that changed, with the change (told once each)."""
    found: dict[tuple[Sentence, str], Check] = {}
    for change in changes:
        if change.before is None:  # a new element: no sentence names it yet
            continue
        for sentence in sentences:
            if sentence.names(change.before):
                found.setdefault((sentence, change.words()), Check(sentence, change))
    return list(found.values())


def sentences(records: list[ScenarioRecord]) -> list[Sentence]:
    """Every sentence the guide says, from the records of its scenarios (once each)."""
    by_scenario: dict[tuple[str, str, tuple[tuple[str, str], ...]], list[ScenarioRecord]] = {}
    for record in sorted(records, key=lambda r: (r.feature, r.line, r.row, r.screen)):
        by_scenario.setdefault((record.feature, record.name, tuple(record.example.items())), [])
        by_scenario[(record.feature, record.name, tuple(record.example.items()))].append(record)
    found: dict[tuple[str, str], Sentence] = {}
    for group in by_scenario.values():
        for sentence in _of_scenario(group):
            found.setdefault((sentence.where, sentence.text), sentence)
    return list(found.values())


def _of_scenario(records: list[ScenarioRecord]) -> list[Sentence]:
    """A scenario's sentences: a page's steps and tips, or an entry's title and advice."""
    first = next((r for r in records if r.screen == "desktop"), records[0])
    source = f"features/{first.feature}"
    intro = " ".join(first.description.split())
    if GUIDE not in first.tags:
        kind = "Troubleshooting entry" if TROUBLESHOOTING in first.tags else "note"
        title = first.example.get("message") or first.name
        where = f"the {kind} \u201c{short(title)}\u201d"
        message = first.example.get("message", "")
        said = [f"The portal says \u201c{message}\u201d" if message else "", intro]
        said.append(first.example.get("what to do", ""))
        return [Sentence(where, curly(text), f"{source}:{first.line}") for text in said if text]
    page = f"\u201c{first.name}\u201d"
    made = [Sentence(f"the introduction of {page}", curly(intro), f"{source}:{first.line}")]
    made += [  # where the resident already is: "Before you start"
        Sentence(f"\u201cBefore you start\u201d of {page}", as_instruction("Then", step.text),
                 f"{source}:{step.line}")
        for step in conditions(first.steps)
    ]  # fmt: skip
    for number, group in enumerate(fold(first.steps), start=1):
        for index in group:
            step = first.steps[index]
            marks = _marks([record.steps[index] for record in records])
            where, line = f"step {number} of {page}", f"{source}:{step.line}"
            made.append(Sentence(where, as_instruction(step.keyword, step.text), line, marks))
            tip = tip_of(step.tip)
            made += [Sentence(where, curly(text), line) for text in (tip or {}).get("lines", [])]
    return [sentence for sentence in made if sentence.text]


def _marks(steps: list[StepRecord]) -> tuple[tuple[str, str], ...]:
    """What a step's pictures mark, on every screen."""
    marked = {(m.role, m.name) for step in steps for c in step.captures for m in c.marks}
    return tuple(sorted(marked))
