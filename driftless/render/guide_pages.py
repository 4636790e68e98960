"""Turn scenario records into the guide's Markdown pages and the names of their pictures.

Pure: records, the handout and the page templates in; file names and text out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, partial
from pathlib import Path
from typing import Any

from babel.dates import format_date
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from driftless.model.handout import Handout
from driftless.model.record import (
    ASIDE,
    GUIDE,
    ILLUSTRATION,
    TROUBLESHOOTING,
    Box,
    Capture,
    Mark,
    ScenarioRecord,
    StepRecord,
    is_condition,
    remedy_step,
    result_step,
    slug,
)
from driftless.render.annotate import PAPER, badge_box
from driftless.render.catalogues import ENGLISH, Words
from driftless.render.cropping import print_crop
from driftless.render.handwritten import PORTAL_IN_ENGLISH
from driftless.render.numbered import (
    HOW_LINES,
    Slot,
    at_address,
    conditions,
    drop_repeats,
    fold,
    how,
    seen,
    shown_in,
)
from driftless.render.paper import PaperReferences, address

SCREEN_LABELS = {"desktop": "Desktop", "phone": "Phone"}
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


@dataclass(frozen=True)
class Picture:
    """One annotated screenshot the guide shows: where it goes and what marks it gets."""

    target: str  # path under screenshots/, e.g. link-your-utility-account/03-desktop.png
    capture: Capture
    number: int
    scenario: str
    step: str
    handout: str | None
    printed: str | None = None  # path under screenshots/ of its crop for the printed guide

    @cached_property  # the sidecar, the crop and the page all ask
    def badge(self) -> Box | None:
        """Where the picture's step number goes (None on Troubleshooting pictures)."""
        capture = self.capture
        if self.number <= 0:
            return None
        return badge_box(capture.marks, capture.ink, (capture.width, capture.height))

    @cached_property
    def paper(self) -> Box:
        """The part of it the printed guide shows: around its marks and badge."""
        capture = self.capture
        size = (capture.width, capture.height)
        return print_crop(capture.marks, self.badge, size, capture.ink, capture.context)


@dataclass
class Guide:
    """Everything a guide build writes: pages (path under docs/generated/) and pictures."""

    pages: dict[str, str] = field(default_factory=dict)
    pictures: list[Picture] = field(default_factory=list)
    words: Words = field(default_factory=Words)  # the language the pages are written in


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


def _shots(
    steps: dict[str, StepRecord],
    folder: str,
    number: int,
    *,
    scenario: str,
    guide: Guide,
    stem: str | None = None,
) -> list[dict[str, object]]:
    shots: list[dict[str, object]] = []
    pictured = [screen for screen in SCREEN_LABELS if (s := steps.get(screen)) and s.captures]
    for screen in pictured:
        step = steps[screen]
        stem = stem or f"{number:02d}"
        name = f"{stem}-{screen}.png"
        capture = step.captures[0]
        # Paper shows the computer's picture (or the only one) of a numbered step, cropped.
        printed = f"{folder}/{stem}-print.png" if number and screen == pictured[0] else None
        picture = Picture(
            f"{folder}/{name}", capture, number, scenario, step.text, step.handout, printed
        )
        guide.pictures.append(picture)
        say = guide.words
        lead = say("Step {number}", number=number) if number else say("The message")
        paper = picture.paper
        shots.append(
            {
                "label": SCREEN_LABELS[screen],
                "screen": screen,
                "image": f"../screenshots/{folder}/{name}",
                "alt": alt_text(capture, lead, guide.words),
                "width": capture.width,
                "height": capture.height,
                "paper": {
                    "image": f"../screenshots/{printed}",
                    "width": PAPER.css(paper.width),
                    "height": PAPER.css(paper.height),
                }
                if printed
                else None,
            }
        )
    only = {shot["screen"] for shot in shots}
    for shot in shots:  # a step pictured on one screen only shows it on both
        shot["shows_on"] = "both" if len(only) == 1 else shot["screen"]
    return shots


def _by_screen(records: list[ScenarioRecord]) -> dict[str, ScenarioRecord]:
    return {record.screen: record for record in records}


def _first(records: list[ScenarioRecord]) -> ScenarioRecord:
    """The record a scenario's words are taken from: the desktop one, or the only one."""
    return _by_screen(records).get("desktop") or records[0]


@dataclass(frozen=True)
class Aside:
    """What to do when a guide step's result does not show, from an `@aside` scenario."""

    ref: str  # the handout instruction whose result may not show
    text: str  # the scenario's description
    steps: dict[str, StepRecord]  # its remedy step, per screen


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


def _sentence(step: StepRecord) -> str:
    return as_instruction(step.keyword, step.text)


@dataclass(frozen=True)
class PageParts:
    """What a guide page shows beside its steps: asides, illustrations, Troubleshooting entries."""

    asides: tuple[Aside, ...] = ()
    illustrations: tuple[Illustration, ...] = ()
    entries: tuple[Entry, ...] = ()
    main: bool = False  # the page standing for the handout: "Next time" and common problems
    pages: frozenset[str] = frozenset()  # the guide's pages, by name
    taken: str = ""  # the date the pictures show, in the page's language; "" if not known
    site: str = ""  # the guide's web address in the page's language (site_url): paper names it


def guide_page(
    records: list[ScenarioRecord],
    handout: Handout,
    env: Environment,
    guide: Guide,
    pdf: str | None = None,
    parts: PageParts | None = None,
) -> None:
    """Add one scenario's page (desktop and phone records of it) to the guide.

    Each numbered step is one action, its results under it as what to see; where the resident
    already is comes first, under "Before you start". An illustration goes above the pictures,
    an aside under them, of the first step citing its instruction; a step links to the
    Troubleshooting entries of its instructions (the first step citing each).
    """
    parts = parts or PageParts()
    first = _first(records)
    folder = slug(first.name)
    guide.words.page = f"{folder}.md"
    steps: list[dict[str, Any]] = []
    slots: list[Slot] = []
    placed: set[str] = set()
    for number, group in enumerate(fold(first.steps), start=1):
        refs = {ref for i in group if (ref := first.steps[i].handout)} - placed
        placed |= refs
        step = _numbered(records, group, number, refs, handout, guide, parts, slots)
        steps.append(step)
    drop_repeats(slots)
    say = guide.words
    note = say(PORTAL_IN_ENGLISH)  # heard in English too: the catalogue needs it
    before = [
        say(as_instruction("Then", step.text), _where(first, step.line))
        for step in conditions(first.steps)
    ]
    guide.pages[f"{folder}.md"] = env.get_template("guide_page.md.j2").render(
        feature=first.feature,
        title=say(first.name, _where(first, first.line)),
        handout=handout,
        publisher=say(handout.publisher),
        description=say(" ".join(first.description.split()), _where(first, first.line)),
        before=before,
        steps=steps,
        pdf=pdf,
        main=parts.main,
        pages=parts.pages,
        taken=parts.taken,
        in_english=note if say.language != ENGLISH else "",
        paper=PaperReferences(parts.site),
        common=[
            {"title": heading(entry.title, entry.message, say), "advice": say(entry.advice)}
            for entry in parts.entries
            if entry.common and entry.ref in placed
        ],
    )


def _numbered(
    records: list[ScenarioRecord],
    group: list[int],
    number: int,
    refs: set[str],
    handout: Handout,
    guide: Guide,
    parts: PageParts,
    slots: list[Slot],
) -> dict[str, Any]:
    """One numbered step: its action, the results to see under it, and what goes beside."""
    first = _first(records)
    screens = _by_screen(records)
    say, folder = guide.words, slug(first.name)
    shots = partial(_shots, folder=folder, number=number, scenario=first.name, guide=guide)
    pictured = shown_in(group, first.steps)
    stems = {index: f"{number:02d}" + (f"-{n}" if n > 1 else "") for n, index in
             enumerate(pictured, start=1)}  # fmt: skip

    def of(index: int, kind: str) -> list[dict[str, object]]:
        if index not in stems:
            return []
        per_screen = {screen: record.steps[index] for screen, record in screens.items()}
        made = shots(per_screen, stem=stems[index])
        slots.append(Slot(kind, _digest(first.steps[index]), made))
        return made

    action, members = first.steps[group[0]], [first.steps[index] for index in group]
    illustrations = []
    for one in (one for one in parts.illustrations if one.ref in refs):
        made = shots(one.steps, stem=f"{number:02d}-{one.stem}")
        slots.append(Slot("illustration", "", made))
        illustrations.append({"caption": say(one.caption), "shots": made})
    text = say(at_address(_sentence(action), handout.website_called, handout.website),
               _where(first, action.line))  # fmt: skip
    marks = action.captures[0].marks if action.captures else ()
    step: dict[str, Any] = {
        "number": number,
        "text": text,
        "how": how(text, marks, say),
        "illustrations": illustrations,
        "shots": of(group[0], "action"),
        "results": _results(first, group, of, say),
        "tips": _tips(first, members, say),
        "sources": [_source(first.feature, member, handout) for member in members],
    }
    step["asides"] = [
        {"text": say(aside.text), "shots": shots(aside.steps, stem=f"{number:02d}-if-not")}
        for aside in parts.asides
        if aside.ref in refs
    ]
    slots += [Slot("aside", "", aside["shots"]) for aside in step["asides"]]
    step["trouble"] = [
        {"title": link_label(entry, say), "link": f"troubleshooting.md#{entry.anchor}"}
        for entry in parts.entries
        if entry.ref in refs
    ]
    return step


def _results(
    record: ScenarioRecord,
    group: list[int],
    pictures: Callable[[int, str], list[dict[str, object]]],
    say: Words,
) -> list[dict[str, Any]]:
    """What a step leads to, each as what to see, with its picture if it has one of its own."""
    results = []
    for position, index in enumerate(group[1:]):
        step = record.steps[index]
        text = say(seen(_sentence(step)), _where(record, step.line))
        results.append(
            {
                "text": text if position == 0 else text[:1].upper() + text[1:],
                "shots": pictures(index, "result"),
            }
        )
    return results


def _tips(record: ScenarioRecord, members: list[StepRecord], say: Words) -> list[dict[str, Any]]:
    """The admonitions of a numbered step's steps (their doc strings)."""
    return [
        {**tip, "lines": [say(line, _where(record, step.line)) for line in tip["lines"]]}
        for step in members
        if (tip := tip_of(step.tip))
    ]


def _digest(step: StepRecord) -> str:
    return step.captures[0].digest if step.captures else ""


def _where(record: ScenarioRecord, line: int) -> str:
    """A sentence's place, for translators: its feature file and line."""
    return f"features/{record.feature}:{line}"


def _source(feature: str, step: StepRecord, handout: Handout) -> str:
    """Where a step's words come from, for docs writers: its feature line and instruction."""
    source = handout_source(handout, step.handout)
    return f"features/{feature}:{step.line}" + (f", {source.lower()}" if source else "")


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
        first = _first(group)
        ref = _problem_ref(first)
        place = order.get(ref, len(order)) if ref else len(order)
        return (place, first.feature, first.line, first.row, _entry_title(first))

    return sorted(groups, key=key)


def _entry_title(record: ScenarioRecord) -> str:
    return record.example.get("message") or record.name


def troubleshooting_page(
    groups: list[list[ScenarioRecord]], env: Environment, guide: Guide, handout: Handout
) -> None:
    """Add the Troubleshooting page: each problem's message, its picture and what to do."""
    guide.words.page = "troubleshooting.md"
    entries = []
    for records in groups:
        screens = _by_screen(records)
        first = _first(records)
        index = _result_step(first)
        title = _entry_title(first)
        say, where = guide.words, _where(first, first.line)
        boxes = [
            say("{box} \u201c{value}\u201d", box=say(name), value=value)
            if value
            else say("{box} left empty", box=say(name))
            for name, value in first.example.items()
            if name not in ("message", "what to do")
        ]
        typed = say("You typed: {boxes}.", boxes=say(", ").join(boxes)) if boxes else ""
        advice = say(_advice(first), where)
        per_screen = {screen: record.steps[index] for screen, record in screens.items()}
        stem = slug(title)
        entries.append(
            {
                "title": heading(first.name, first.example.get("message", ""), say),
                "anchor": stem,
                "typed": typed,
                "advice": advice,
                "shots": _shots(
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


def _place(record: ScenarioRecord, handout: Handout) -> tuple[int, int, str]:
    """Order pages as the handout runs: by the first and last instruction they carry out."""
    order = {ref: index for index, ref in enumerate(handout.ids)}
    cited = [order[s.handout] for s in record.steps if not s.background and s.handout in order]
    return (min(cited, default=0), max(cited, default=0), record.name)


def _problem_ref(record: ScenarioRecord) -> str | None:
    """The handout instruction of a scenario's last "When", or of the nearest step before it."""
    last = remedy_step([step.keyword for step in record.steps])
    cited = [s.handout for s in record.steps[: (last or 0) + 1] if s.handout and not s.background]
    return cited[-1] if cited else None


def _entries(groups: list[list[ScenarioRecord]]) -> list[Entry]:
    found = []
    seen: set[tuple[str, str]] = set()
    for group in groups:
        first = _first(group)
        title = _entry_title(first)
        scenario = (first.feature, first.name)
        common = scenario not in seen and first.row == 0  # an outline's first row stands for it
        seen.add(scenario)
        message = first.example.get("message", "")
        found.append(
            Entry(title, slug(title), _problem_ref(first), _advice(first), message, common)
        )
    return found


def _advice(record: ScenarioRecord) -> str:
    """What a Troubleshooting entry says to do: its example's, or its scenario's description."""
    return record.example.get("what to do") or " ".join(record.description.split())


def _asides(groups: list[list[ScenarioRecord]]) -> list[Aside]:
    found = []
    for group in groups:
        screens = _by_screen(group)
        first = _first(group)
        remedy = remedy_step([step.keyword for step in first.steps])
        ref = _problem_ref(first)
        if remedy is None or ref is None:
            raise ValueError(
                f'aside scenario "{first.name}" needs a "When" step that puts things right, '
                "after a step citing the handout instruction it belongs to"
            )
        steps = {screen: record.steps[remedy] for screen, record in screens.items()}
        text = curly(" ".join(first.description.split()))
        found.append(Aside(ref, text, steps))
    return found


def _illustrations(groups: list[list[ScenarioRecord]]) -> list[Illustration]:
    found = []
    for group in groups:
        screens = _by_screen(group)
        first = _first(group)
        shown = result_step([step.keyword for step in first.steps])
        ref = first.steps[shown].handout if shown is not None else None
        if shown is None or ref is None:
            raise ValueError(
                f'illustration scenario "{first.name}" needs a "Then" after its last "When", '
                'citing the handout instruction it illustrates ("# handout: <id>")'
            )
        steps = {screen: record.steps[shown] for screen, record in screens.items()}
        found.append(Illustration(ref, first.name, steps))
    return found


def environment(templates: Path, words: Words) -> Environment:
    """The page templates, saying their fixed words through `words` (`_()`)."""
    env = Environment(
        loader=FileSystemLoader(templates),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        words.gettext, words.ngettext, newstyle=True
    )
    env.filters["marked"] = words.marked  # the portal's English, quoted on a page
    return env


def pictures_date(records: list[ScenarioRecord], language: str) -> str:
    """The date the pictures show, from the portal's frozen clock, as the language writes it.

    "" when the portal kept its own time: then no day can be named that every picture shows.
    """
    clocks = sorted({record.clock[:10] for record in records if record.clock})
    if not clocks:
        return ""
    day = date.fromisoformat(clocks[-1])
    return format_date(day, format="long", locale=language)


def build(
    records: list[ScenarioRecord],
    handout: Handout,
    templates: Path,
    pdf_for: dict[str, str] | None = None,
    words: Words | None = None,
    site: str = "",
) -> Guide:
    """The whole guide from passing scenario records: pages, contents and pictures.

    The main page is the guide page carrying the most handout instructions: it closes with
    what to do next time, and the helpline. Every sentence goes through `words` (English as
    written, unless a catalogue is given): the templates' fixed words through `_()`. `site` is
    the guide's web address in that language, which the printed pages give for the others.
    """
    guide = Guide(words=words or Words())
    env = environment(templates, guide.words)
    grouped: dict[tuple[str, str, tuple[tuple[str, str], ...]], list[ScenarioRecord]] = {}
    for record in sorted(records, key=lambda r: (r.feature, r.name, r.key)):
        grouped.setdefault((record.feature, record.name, tuple(record.example.items())), []).append(
            record
        )
    trouble = in_order_met(
        [group for group in grouped.values() if TROUBLESHOOTING in group[0].tags], handout
    )
    asides = _asides([g for g in grouped.values() if ASIDE in g[0].tags and GUIDE not in g[0].tags])
    illustrations = _illustrations(
        [g for g in grouped.values() if ILLUSTRATION in g[0].tags and GUIDE not in g[0].tags]
    )
    entries = _entries(trouble)
    pages = sorted(
        (g for g in grouped.values() if GUIDE in g[0].tags), key=lambda g: _place(g[0], handout)
    )
    names = frozenset(slug(group[0].name) for group in pages) | (
        {"troubleshooting"} if trouble else set()
    )
    taken = pictures_date(records, guide.words.language)
    cited = {slug(g[0].name): len({s.handout for s in g[0].steps if s.handout}) for g in pages}
    main = max(cited, key=lambda name: cited[name], default=None)  # first of equals: earliest
    contents = []
    for group in pages:
        name = slug(group[0].name)
        parts = PageParts(
            tuple(asides), tuple(illustrations), tuple(entries), name == main, names, taken, site
        )
        guide_page(group, handout, env, guide, (pdf_for or {}).get(name), parts)
        contents.append(
            {
                "title": group[0].name,
                "link": f"generated/{name}.md",
                "summary": " ".join(group[0].description.split()),
            }
        )
    if trouble:
        troubleshooting_page(trouble, env, guide, handout)
        contents.append(
            {
                "title": "Troubleshooting",
                "link": "generated/troubleshooting.md",
                "summary": "messages you may see, and what to do about them.",
            }
        )
    guide.words.page = ""
    print_footer(handout, guide.words)  # its words are the guide's too (publish.pdf prints it)
    for line in HOW_LINES:  # said on a page only where its sentence does not name what it marks
        guide.words(line)
    guide.words.page = "contents.snippet"  # the titles it lists were heard on their pages
    for item in contents:
        for key in ("title", "summary"):
            item[key] = guide.words(item[key])
    guide.pages["contents.snippet"] = env.get_template("contents.md.j2").render(pages=contents)
    return guide
