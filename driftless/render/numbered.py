"""A guide page's numbered steps: actions only, each with the words that name what it marks.

Pure: step records and their marks in, groups of steps and sentences out. A page is made of
what the resident does; where they already are ("I have signed in") goes under "Before you
start", and what a step leads to ("I see my Account Settings page") under its heading, as what
they should see.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from driftless.model.record import Mark, StepRecord, is_condition
from driftless.render.catalogues import Words

LETTERS = re.compile(r"[^\W\d_]{2}")  # a name with a word in it, not a number shown
VALUE_SHOWN = "In the pictures, it is {value}."
FILL_AND_SELECT = "Fill in {boxes}, then select {control}."
FILL = "Fill in {boxes}."
SELECT = "Select {control}."
HOW_LINES = (VALUE_SHOWN, FILL_AND_SELECT, FILL, SELECT)  # every way `how` words its line


def fold(steps: list[StepRecord]) -> list[list[int]]:
    """Group the steps a resident does as one: an action, and the "Then" results that follow it.

    Indexes into `steps`; background steps and conditions (the "Before you start" list) are
    left out.
    """
    groups: list[list[int]] = []
    for index, step in enumerate(steps):
        if step.background or is_condition(step.keyword, step.text):
            continue
        if step.keyword == "Then" and groups:
            groups[-1].append(index)
        else:
            groups.append([index])
    return groups


def conditions(steps: list[StepRecord]) -> list[StepRecord]:
    """Where the resident already is before the page's first step: background and conditions."""
    return [step for step in steps if step.background or is_condition(step.keyword, step.text)]


def shown_in(group: list[int], steps: list[StepRecord]) -> list[int]:
    """The steps of a group whose pictures the page shows.

    The action's, and each result's unless the next result pictures the same screen: a later
    check shows it as well ("You are already logged in", then the page it is on).
    """
    action, results = group[0], group[1:]
    kept = [action] if steps[action].keyword != "Then" else []
    for position, index in enumerate(results):
        following = results[position + 1] if position + 1 < len(results) else None
        if following is None or _screen(steps[following]) != _screen(steps[index]):
            kept.append(index)
    return kept or group[-1:]


def _screen(step: StepRecord) -> str | None:
    """What a step's picture shows: its screenshot's digest (its page, in a record without)."""
    if not step.captures:
        return None
    return step.captures[0].digest or step.captures[0].path


def _plain(text: str) -> str:
    """Lower-case words and digits only: how a name is looked for in a sentence."""
    return " ".join(re.findall(r"\w+", text.lower()))


def named_in(sentence: str, name: str) -> bool:
    """Whether a sentence names an element, read loosely (case, quotes, a star or colon aside)."""
    wanted = _plain(name)
    return bool(wanted) and f" {wanted} " in f" {_plain(sentence)} "


def _listed(names: Sequence[str], say: Words) -> str:
    quoted = [f"\u201c{name}\u201d" for name in names]
    if len(quoted) == 1:
        return quoted[0]
    return say("{some} and {last}", some=say(", ").join(quoted[:-1]), last=quoted[-1])


def how(sentence: str, marks: Sequence[Mark], say: Words) -> str:
    """The line under a step's heading naming what it types into and selects, if it does not.

    From the marks of what the step did: the boxes it filled in, the control it selected, in
    the portal's own words. A control named by a number (an account's) is the example's.
    """
    acted = [mark for mark in marks if mark.acted]
    names = [" ".join(mark.name.split()).rstrip(" *") for mark in acted]
    if not acted or all(named_in(sentence, name) for name in names):
        return ""
    boxes = [name for mark, name in zip(acted, names, strict=True) if mark.acted == "fill"]
    clicked = [name for mark, name in zip(acted, names, strict=True) if mark.acted == "click"]
    if clicked and not LETTERS.search(clicked[-1]) and not boxes:
        return say(VALUE_SHOWN, value=_listed(clicked[-1:], say))
    if boxes and clicked:
        return say(
            FILL_AND_SELECT,
            boxes=_listed(boxes, say),
            control=_listed(clicked[-1:], say),
        )
    if boxes:
        return say(FILL, boxes=_listed(boxes, say))
    return say(SELECT, control=_listed(clicked[-1:], say))


def at_address(sentence: str, called: str, address: str) -> str:
    """The sentence with the website's name replaced by its address: "Go to www…"."""
    if not called or not address:
        return sentence
    return re.sub(re.escape(called), address, sentence, count=1, flags=re.IGNORECASE)


def seen(sentence: str) -> str:
    """A result as what the resident should see: "You see your page." becomes "your page."."""
    shown = re.sub(r"^You see ", "", sentence)
    return shown[:1].lower() + shown[1:]


@dataclass
class Slot:
    """A place on the page where a step's pictures go, in page order."""

    kind: str  # "action", "result", "illustration" or "aside"
    digest: str  # of the first screen's picture: the same screen has the same digest
    shots: list[dict[str, object]]


def drop_repeats(slots: list[Slot]) -> None:
    """Empty each result slot that shows the same screen as the slot before or after it.

    The neighbour shows that screen already, and an action's picture also marks what to do
    on it; its words stay.
    """
    for index, slot in enumerate(slots):
        if slot.kind != "result" or not slot.digest:
            continue
        around = slots[max(0, index - 1) : index] + slots[index + 1 : index + 2]
        if any(other.digest == slot.digest and other.shots for other in around):
            slot.shots.clear()
