"""The guide's Troubleshooting page, and what other pages take from problem scenarios.

`@troubleshooting` scenarios become its entries, in the order a resident meets their problems;
`@aside` scenarios say what to do when a step's result does not show, and `@illustration`
scenarios picture what the resident has at hand: both go on the guide page of the instruction
they belong to. Pure: records in; entries, asides, illustrations and the page's text out.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from driftless.model.handout import Handout
from driftless.model.record import (
    TROUBLESHOOTING,
    ScenarioRecord,
    StepRecord,
    remedy_step,
    result_step,
    slug,
)
from driftless.render.catalogues import Words
from driftless.render.guide_pictures import Guide, first_record, on_each_screen, place_of, shots_of
from driftless.render.guide_sentences import curly, heading


@dataclass(frozen=True)
class Aside:
    """What to do when a guide step's result does not show, from an `@aside` scenario."""

    ref: str  # the handout instruction whose result may not show
    text: str  # the scenario's description
    steps: dict[str, StepRecord]  # its remedy step, per screen


def link_label(entry: Entry, words: Words) -> str:
    """How a step's "Something not right?" names an entry: its message quoted, or its title."""
    if entry.message:
        quoted = f"\u201c{words.shown(entry.message)}\u201d"
        meaning = words(entry.message)  # in another language, what the English message means
        return quoted if meaning == entry.message else f"{quoted} ({meaning.rstrip('.')})"
    return words(entry.title).rstrip(".")


@dataclass(frozen=True)
class Illustration:
    """A picture of what the resident has at hand, from an `@illustration` scenario."""

    ref: str  # the handout instruction it illustrates: its pictured step's
    caption: str  # the scenario's name
    steps: dict[str, StepRecord]  # its pictured step, per screen

    @property
    def stem(self) -> str:
        """Its pictures' names: the caption's words, to a length a file name keeps."""
        return slug(self.caption)[:40].rstrip("-")


@dataclass(frozen=True)
class Entry:
    """A Troubleshooting entry as guide steps link to it."""

    title: str
    anchor: str
    ref: str | None  # the handout instruction of the step that went wrong
    advice: str = ""  # what to do
    message: str = ""  # the portal's message, as it shows it (never translated)
    common: bool = False  # its scenario's first entry: the printed guide ends with these


def in_order_met(
    groups: list[list[ScenarioRecord]], handout: Handout
) -> list[list[ScenarioRecord]]:
    """Troubleshooting scenarios in the order a resident meets their problems.

    By the handout instruction of the step that went wrong (signing in, choosing the link,
    typing the numbers), then as the feature files list them: a problem with what was typed
    (an outline's rows) before what the portal answers to it once submitted, each outline's
    most common row first.
    """
    order = {ref: index for index, ref in enumerate(handout.ids)}

    def key(group: list[ScenarioRecord]) -> tuple[int, str, int, int, str]:
        first = first_record(group)
        ref = problem_ref(first)
        place = order.get(ref, len(order)) if ref else len(order)
        return (place, first.feature, first.line, first.row, _entry_title(first))

    return sorted(groups, key=key)


def _entry_title(record: ScenarioRecord) -> str:
    return record.example.get("message") or record.name


def troubleshooting_page(
    groups: list[list[ScenarioRecord]], env: Environment, guide: Guide, handout: Handout
) -> None:
    """Add the Troubleshooting page: each problem's message, its picture and what to do."""
    entries = []
    for records in groups:
        first = first_record(records)
        index = _result_step(first)
        title = _entry_title(first)
        say, where = guide.words, place_of(first, first.line)
        boxes = [
            say("{box} \u201c{value}\u201d", box=say(name), value=value)
            if value
            else say("{box} left empty", box=say(name))
            for name, value in first.example.items()
            if name not in ("message", "what to do")
        ]
        typed = say("You typed: {boxes}.", boxes=say(", ").join(boxes)) if boxes else ""
        advice = say(_advice(first), where)
        per_screen = on_each_screen(records, index)
        stem = slug(title)
        entries.append(
            {
                "title": heading(first.name, first.example.get("message", ""), say),
                "anchor": stem,
                "typed": typed,
                "advice": advice,
                "shots": shots_of(
                    per_screen,
                    TROUBLESHOOTING,
                    0,
                    scenario=first.name,
                    guide=guide,
                    stem=stem,
                ),
            }
        )
    guide.pages["troubleshooting.md"] = env.get_template("troubleshooting.md.j2").render(
        entries=entries, handout=handout
    )


def _result_step(record: ScenarioRecord) -> int:
    """The first "Then" after the last "When": the step that shows the problem."""
    shown = result_step([step.keyword for step in record.steps])
    if shown is None:
        raise ValueError(
            f'troubleshooting scenario "{record.name}" needs a "Then" step after its last '
            '"When": the step whose picture shows the problem'
        )
    return shown


def problem_ref(record: ScenarioRecord) -> str | None:
    """The handout instruction of a scenario's last "When", or of the nearest step before it."""
    last = remedy_step([step.keyword for step in record.steps])
    cited = [s.handout for s in record.steps[: (last or 0) + 1] if s.handout and not s.background]
    return cited[-1] if cited else None


def entries_of(groups: list[list[ScenarioRecord]]) -> list[Entry]:
    """The Troubleshooting entries as guide steps link to them, in the page's order."""
    found = []
    seen: set[tuple[str, str]] = set()
    for group in groups:
        first = first_record(group)
        title = _entry_title(first)
        scenario = (first.feature, first.name)
        common = scenario not in seen and first.row == 0  # an outline's first row stands for it
        seen.add(scenario)
        message = first.example.get("message", "")
        found.append(Entry(title, slug(title), problem_ref(first), _advice(first), message, common))
    return found


def _advice(record: ScenarioRecord) -> str:
    """What a Troubleshooting entry says to do: its example's, or its scenario's description."""
    return record.example.get("what to do") or " ".join(record.description.split())


def asides_of(groups: list[list[ScenarioRecord]]) -> list[Aside]:
    """The asides of `@aside` scenarios: what to do when a step's result does not show."""
    found = []
    for group in groups:
        first = first_record(group)
        remedy = remedy_step([step.keyword for step in first.steps])
        ref = problem_ref(first)
        if remedy is None or ref is None:
            raise ValueError(
                f'aside scenario "{first.name}" needs a "When" step that puts things right, '
                "after a step citing the handout instruction it belongs to"
            )
        steps = on_each_screen(group, remedy)
        text = curly(" ".join(first.description.split()))
        found.append(Aside(ref, text, steps))
    return found


def illustrations_of(groups: list[list[ScenarioRecord]]) -> list[Illustration]:
    """The pictures of `@illustration` scenarios, each with the instruction it illustrates."""
    found = []
    for group in groups:
        first = first_record(group)
        shown = result_step([step.keyword for step in first.steps])
        ref = first.steps[shown].handout if shown is not None else None
        if shown is None or ref is None:
            raise ValueError(
                f'illustration scenario "{first.name}" needs a "Then" after its last "When", '
                'citing the handout instruction it illustrates ("# handout: <id>")'
            )
        steps = on_each_screen(group, shown)
        found.append(Illustration(ref, first.name, steps))
    return found
