"""The guide's sentences made from a feature's: instructions, tips, what a picture marks.

Pure: a step's words, a mark's role and name, and the handout in; the resident's words out,
through a `Words` so each is heard for the catalogue and said in the page's language.
"""

from __future__ import annotations

import re
from typing import Any

from driftless.model.handout import Handout
from driftless.model.record import Capture, Mark, is_condition
from driftless.render.catalogues import Words
from driftless.render.paper import address

SCREEN_WORDS = {"desktop": "on a computer", "phone": "on a phone"}


# How a resident calls an element of each ARIA role, in a picture's description.
ROLE_WORDS = {
    "textbox": "box", "button": "button", "link": "link", "menuitem": "menu item",
    "heading": "heading", "alert": "message", "status": "message", "cell": "",
    "paragraph": "", "text": "", "definition": "", "term": "", "combobox": "list",
    "checkbox": "tick box", "row": "row",
}  # fmt: skip


TIP_KINDS = ("tip", "warning", "note", "danger")


PRONOUNS = (
    (r"\bI am\b", "you are"),
    (r"\bI have\b", "you have"),
    (r"\bI\b", "you"),
    (r"\bmy\b", "your"),
    (r"\bme\b", "you"),
    (r"\bmyself\b", "yourself"),
)


def curly(text: str) -> str:
    """Straight double quotes as typographic ones: "Submit" becomes \u201cSubmit\u201d."""
    return re.sub(r'"([^"]*)"', "\u201c\\1\u201d", text)


def as_instruction(keyword: str, text: str) -> str:
    """A step as the guide says it: "When I select X" becomes "Select X."."""
    sentence = curly(text.strip())
    if keyword != "Then" and sentence.startswith("I ") and not is_condition(keyword, sentence):
        sentence = sentence[2:]
    for pattern, replacement in PRONOUNS:
        sentence = re.sub(pattern, replacement, sentence)
    sentence = sentence[0].upper() + sentence[1:]
    ended = re.search(r"[.?!][\u201d\"]?$", sentence)  # a quoted message may end it
    return sentence if ended else sentence + "."


def tip_of(docstring: str | None) -> dict[str, Any] | None:
    """A step's doc string as an admonition: 'warning: text' gives a warning box."""
    if not docstring:
        return None
    kind, _, rest = docstring.strip().partition(":")
    if kind.strip().lower() not in TIP_KINDS:
        kind, rest = "note", docstring
    text = " ".join(rest.split())
    return {"kind": kind.strip().lower(), "lines": [text]}


def handout_source(handout: Handout, ref: str | None) -> str:
    """Where a step comes from in the City's handout."""
    names = {"intro": "introduction", "closing": "closing note"}
    if ref in names:
        return f"From the handout's {names[ref]}"
    number = next((i.number for i in handout.instructions if i.id == ref), "")
    return f"Handout step {number.strip('()')}" if number else ""


def described(mark: Mark, words: Words | None = None) -> str:
    """A mark as a resident would name it: 'the \u201cSign in\u201d button'."""
    say = words or Words()
    kind = ROLE_WORDS.get(mark.role, mark.role)
    name = " ".join(mark.name.split())
    if len(name) > 60:
        name = name[:57].rstrip() + "\u2026"
    if not name:
        return say(f"the {kind}") if kind else say("the part of the page")
    # One sentence per kind of element: other languages put the name elsewhere, or agree with it.
    return say(f"the \u201c{{name}}\u201d {kind}".rstrip(), name=name)


def alt_text(capture: Capture, lead: str, words: Words | None = None) -> str:
    """What a picture shows, for those who cannot see it: what is marked on which screen."""
    say = words or Words()
    marked = list(dict.fromkeys(described(mark, say) for mark in capture.marks))
    screen = say(SCREEN_WORDS[capture.screen])
    if not marked:
        return f"{lead}, {screen}"
    if len(marked) == 1:
        text = say(
            "{lead}, {screen}: {marked} is marked", lead=lead, screen=screen, marked=marked[0]
        )
    else:
        listed = say("{some} and {last}", some=say(", ").join(marked[:-1]), last=marked[-1])
        text = say("{lead}, {screen}: {marked} are marked", lead=lead, screen=screen, marked=listed)
    return text.replace("[", "(").replace("]", ")")  # an image's alt text is inside [...]


def print_footer(handout: Handout, words: Words, site: str = "") -> tuple[str, str, str]:
    """The printed guide's foot on every page: the helpline, its address, the page's number.

    The guide's web address only where it is published (`site`, its site_url).
    """
    help_line = words(
        "{publisher} Customer Care Helpline: {phone} or {online}",
        publisher=words(handout.publisher),
        phone=handout.helpline_phone,
        online=handout.helpline_online,
    )
    online = words("This guide online: {address}", address=address(site, "") or "{address}")
    return help_line, online if site else "", words("Page {page} of {pages}")


def heading(entry_name: str, message: str, words: Words) -> str:
    """A Troubleshooting entry's heading: a message quoted as the portal shows it.

    In another language, the message's meaning follows it: the portal says it in English.
    """
    if not message:
        return words(entry_name)
    # "Enter your customer ID." is no order to the resident: it is what the portal says.
    said = words("The portal says \u201c{message}\u201d", message=message)
    meaning = words(message)
    return said if meaning == message else f"{said} ({meaning})"
