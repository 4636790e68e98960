"""Turn scenario records into the guide's Markdown pages and the names of their pictures.

Pure: records, the handout and the page templates in; file names and text out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
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
    ScenarioRecord,
    StepRecord,
    slug,
)
from driftless.render.catalogues import ENGLISH, Words
from driftless.render.guide_pictures import (
    Guide,
    first_record,
    on_each_screen,
    place_of,
    shots_of,
)
from driftless.render.guide_sentences import (
    as_instruction,
    handout_source,
    heading,
    print_footer,
    tip_of,
)
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
from driftless.render.paper import PRINTED, PaperReferences, printed_at
from driftless.render.troubleshooting import (
    Aside,
    Entry,
    Illustration,
    asides_of,
    entries_of,
    illustrations_of,
    in_order_met,
    link_label,
    troubleshooting_page,
)


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
    first = first_record(records)
    folder = slug(first.name)
    steps, placed = _steps(records, handout, guide, parts)
    say = guide.words
    note = say(PORTAL_IN_ENGLISH)  # heard in English too: the catalogue needs it
    before = [
        say(as_instruction("Then", step.text), place_of(first, step.line))
        for step in conditions(first.steps)
    ]
    guide.pages[f"{folder}.md"] = env.get_template("guide_page.md.j2").render(
        feature=first.feature,
        title=say(first.name, place_of(first, first.line)),
        handout=handout,
        publisher=say(handout.publisher),
        description=say(" ".join(first.description.split()), place_of(first, first.line)),
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


def _steps(
    records: list[ScenarioRecord], handout: Handout, guide: Guide, parts: PageParts
) -> tuple[list[dict[str, Any]], set[str]]:
    """A page's numbered steps, and the handout instructions they carry out."""
    first = first_record(records)
    steps: list[dict[str, Any]] = []
    slots: list[Slot] = []
    placed: set[str] = set()
    for number, group in enumerate(fold(first.steps), start=1):
        refs = {ref for i in group if (ref := first.steps[i].handout)} - placed
        placed |= refs
        steps.append(_numbered(records, group, number, refs, handout, guide, parts, slots))
    drop_repeats(slots)
    return steps, placed


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
    first, say = first_record(records), guide.words
    shots = partial(
        shots_of, folder=slug(first.name), number=number, scenario=first.name, guide=guide
    )
    stems = _stems(shown_in(group, first.steps), number)

    def of(index: int, kind: str) -> list[dict[str, object]]:
        if index not in stems:
            return []
        made = shots(on_each_screen(records, index), stem=stems[index])
        slots.append(Slot(kind, _digest(first.steps[index]), made))
        return made

    action, members = first.steps[group[0]], [first.steps[index] for index in group]
    # Pictured, then captioned: the order their sentences are heard in.
    illustrations: list[dict[str, Any]] = [
        {"shots": shots(one.steps, stem=f"{number:02d}-{one.stem}"), "caption": say(one.caption)}
        for one in parts.illustrations
        if one.ref in refs
    ]
    slots += [Slot("illustration", "", shown["shots"]) for shown in illustrations]
    step: dict[str, Any] = {
        "number": number,
        **_action(first, action, handout, say),
        "illustrations": illustrations,
        "shots": of(group[0], "action"),
        "results": _results(first, group, of, say),
        "tips": _tips(first, members, say),
        "sources": [_source(first.feature, member, handout) for member in members],
    }
    step["asides"] = _asides_at(refs, parts, partial(shots, stem=f"{number:02d}-if-not"), say)
    slots += [Slot("aside", "", aside["shots"]) for aside in step["asides"]]
    step["trouble"] = [
        {"title": link_label(entry, say), "link": f"troubleshooting.md#{entry.anchor}"}
        for entry in parts.entries
        if entry.ref in refs
    ]
    return step


def _stems(pictured: list[int], number: int) -> dict[int, str]:
    """The names of a numbered step's pictures: 03, then 03-2, 03-3 for results of their own."""
    return {index: f"{number:02d}" + (f"-{n}" if n > 1 else "") for n, index in
            enumerate(pictured, start=1)}  # fmt: skip


def _action(
    record: ScenarioRecord, action: StepRecord, handout: Handout, say: Words
) -> dict[str, str]:
    """A numbered step's instruction, and how it is done when it does not name what it marks."""
    text = say(at_address(_sentence(action), handout.website_called, handout.website),
               place_of(record, action.line))  # fmt: skip
    marks = action.captures[0].marks if action.captures else ()
    return {"text": text, "how": how(text, marks, say)}


def _asides_at(
    refs: set[str], parts: PageParts, shots: Callable[..., list[dict[str, object]]], say: Words
) -> list[dict[str, Any]]:
    """What to do if a step's result does not show, under its pictures, with its own."""
    return [
        {"text": say(aside.text), "shots": shots(aside.steps)}
        for aside in parts.asides
        if aside.ref in refs
    ]


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
        text = say(seen(_sentence(step)), place_of(record, step.line))
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
        {**tip, "lines": [say(line, place_of(record, step.line)) for line in tip["lines"]]}
        for step in members
        if (tip := tip_of(step.tip))
    ]


def _digest(step: StepRecord) -> str:
    return step.captures[0].digest if step.captures else ""


def _source(feature: str, step: StepRecord, handout: Handout) -> str:
    """Where a step's words come from, for docs writers: its feature line and instruction."""
    source = handout_source(handout, step.handout)
    return f"features/{feature}:{step.line}" + (f", {source.lower()}" if source else "")


def _place(record: ScenarioRecord, handout: Handout) -> tuple[int, int, str]:
    """Order pages as the handout runs: by the first and last instruction they carry out."""
    order = {ref: index for index, ref in enumerate(handout.ids)}
    cited = [order[s.handout] for s in record.steps if not s.background and s.handout in order]
    return (min(cited, default=0), max(cited, default=0), record.name)


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


CONTENTS = "contents.snippet"  # the list of pages, which the home pages include
TROUBLE_SUMMARY = "messages you may see, and what to do about them."
Grouped = dict[tuple[str, str, tuple[tuple[str, str], ...]], list[ScenarioRecord]]


def _grouped(records: list[ScenarioRecord]) -> Grouped:
    """Each scenario's (or outline row's) records: one per screen it ran on."""
    grouped: Grouped = {}
    for record in sorted(records, key=lambda r: (r.feature, r.name, r.key)):
        key = (record.feature, record.name, tuple(record.example.items()))
        grouped.setdefault(key, []).append(record)
    return grouped


def _tagged(grouped: Grouped, tag: str) -> list[list[ScenarioRecord]]:
    """The scenarios with a tag that are not guide pages themselves."""
    return [g for g in grouped.values() if tag in g[0].tags and GUIDE not in g[0].tags]


def _main_page(pages: list[list[ScenarioRecord]]) -> str | None:
    """The page carrying the most handout instructions (the first of equals: the earliest)."""
    cited = {slug(g[0].name): len({s.handout for s in g[0].steps if s.handout}) for g in pages}
    return max(cited, key=lambda name: cited[name], default=None)


def _contents_entry(title: str, name: str, summary: str) -> dict[str, str]:
    return {"title": title, "link": f"generated/{name}.md", "summary": " ".join(summary.split())}


def build(
    records: list[ScenarioRecord],
    handout: Handout,
    templates: Path,
    printed: bool = False,
    words: Words | None = None,
    site: str = "",
) -> Guide:
    """The whole guide from passing scenario records: pages, contents and pictures.

    The main page is the guide page carrying the most handout instructions: it closes with
    what to do next time, and the helpline. Every sentence goes through `words` (English as
    written, unless a catalogue is given): the templates' fixed words through `_()`. `site` is
    the guide's web address in that language, which the printed pages give for the others.
    With `printed`, the PRINTED page links its PDF (see `printed_at`).
    """
    guide = Guide(words=words or Words())
    env = environment(templates, guide.words)
    grouped = _grouped(records)
    trouble = in_order_met(
        [group for group in grouped.values() if TROUBLESHOOTING in group[0].tags], handout
    )
    pages = sorted(
        (g for g in grouped.values() if GUIDE in g[0].tags), key=lambda g: _place(g[0], handout)
    )
    parts = PageParts(
        tuple(asides_of(_tagged(grouped, ASIDE))),
        tuple(illustrations_of(_tagged(grouped, ILLUSTRATION))),
        tuple(entries_of(trouble)),
        pages=frozenset(slug(g[0].name) for g in pages) | ({TROUBLESHOOTING} if trouble else set()),
        taken=pictures_date(records, guide.words.language),
        site=site,
    )
    main = _main_page(pages)
    contents = []
    for group in pages:
        name = slug(group[0].name)
        page_parts = replace(parts, main=name == main)
        pdf = printed_at(name, site, guide.words.language) if printed and name == PRINTED else None
        with guide.words.on(f"{name}.md"):
            guide_page(group, handout, env, guide, pdf, page_parts)
        contents.append(_contents_entry(group[0].name, name, group[0].description))
    if trouble:
        with guide.words.on(f"{TROUBLESHOOTING}.md"):
            troubleshooting_page(trouble, env, guide, handout)
        contents.append(_contents_entry("Troubleshooting", TROUBLESHOOTING, TROUBLE_SUMMARY))
    _hear_shared_words(guide, handout)
    guide.pages[CONTENTS] = _contents(contents, env, guide.words)
    return guide


def _contents(contents: list[dict[str, str]], env: Environment, say: Words) -> str:
    """The menu of the guide's pages, in the guide's language."""
    with say.on(CONTENTS):  # the titles it lists were heard on their pages
        for item in contents:
            for key in ("title", "summary"):
                item[key] = say(item[key])
    return env.get_template("contents.md.j2").render(pages=contents)


def _hear_shared_words(guide: Guide, handout: Handout) -> None:
    """Words on no one page, heard for the catalogue: the printed foot, how a step is done."""
    with guide.words.on(""):
        print_footer(handout, guide.words)  # the guide's words too (publish.pdf prints it)
        for line in HOW_LINES:  # said on a page only where its sentence does not name its mark
            guide.words(line)
