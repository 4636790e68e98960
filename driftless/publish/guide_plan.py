"""What the guide will be, before any file is written: its pages, the pages kept, its pictures.

`plan` makes the guide as the features say it and names the pages to keep as last published
(a failed scenario's, and any that would differ without it); `sidecar` is what each picture's
JSON says of it (marks, badge, print crop, drawing style), from the plan, so the drawing and
the crop agree with it; `check_marked` refuses a picture that points out nothing. The kept
pages (`keep_pages`) and the list of pages (`stage_contents`) are staged as the plan says.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from driftless.model.handout import Handout
from driftless.model.record import TROUBLESHOOTING, ScenarioRecord, slug
from driftless.publish.staged_files import write
from driftless.render.annotate import STYLE
from driftless.render.catalogues import Words
from driftless.render.guide_pages import CONTENTS, build
from driftless.render.guide_pictures import Guide, Picture


def sidecar(picture: Picture, portal: str) -> bytes:
    """The metadata beside a screenshot: enough to check or redraw its marks without a browser."""
    capture = picture.capture
    data = {
        "scenario": picture.scenario,
        "step": picture.step,
        "number": picture.number,
        "handout": picture.handout,
        "screen": capture.screen,
        "viewport": {"width": capture.width, "height": capture.height},
        "portal": portal,
        "path": capture.path,
        "marks": [asdict(mark) for mark in capture.marks],
        "badge": asdict(badge) if (badge := picture.badge) else None,
        "print": asdict(picture.paper) if picture.printed else None,  # the printed guide's crop
        "style": STYLE.digest(),  # which drawing of the marks the picture has
    }
    return (json.dumps(data, indent=2, sort_keys=True) + "\n").encode()


class UnmarkedPicture(ValueError):
    """A guide picture would point out nothing, or something not in it."""


def check_marked(pictures: list[Picture]) -> None:
    """Every guide picture marks something, wholly inside it; raise naming the steps if not."""
    problems = []
    for picture in pictures:
        capture, where = picture.capture, f"{picture.target} ({picture.scenario})"
        if not capture.marks:
            problems.append(
                f'{where}: the step "{picture.step}" marks nothing. Have it act on or check '
                "(with driftless.capture.actions.expect) what the resident should look at."
            )
        elif outside := capture.outside():
            names = ", ".join(f"{m.role} \u201c{m.name}\u201d".strip() for m in outside)
            problems.append(
                f'{where}: the step "{picture.step}" marks {names} outside the picture.'
            )
    if problems:
        raise UnmarkedPicture("\n  - ".join(["pictures a resident cannot follow:", *problems]))


def _page_of(record: ScenarioRecord) -> str:
    return TROUBLESHOOTING if TROUBLESHOOTING in record.tags else slug(record.name)


def plan(
    records: list[ScenarioRecord],
    handout: Handout,
    templates: Path,
    printed: bool,
    words: Words | None = None,
    site: str = "",
) -> tuple[Guide, set[str]]:
    """The guide as the features say it, and the pages to keep as last published.

    Every scenario's record counts, a failed one's too: its words are the feature's, so the
    contents, the other pages' links and sections and the sentences to translate are what the
    whole guide says. Only its pictures are missing: its page, and any page that would show
    them (or would differ without it), are kept as they were.
    """
    whole = build(records, handout, templates, printed, words, site)
    passed = [record for record in records if record.status == "passed"]
    if len(passed) == len(records):
        return whole, set()
    again = Words(words.language, words.catalog) if words else None
    without = build(passed, handout, templates, printed, again, site)
    failed = {f"{_page_of(r)}.md" for r in records if r.status != "passed"}
    differ = {name for name, text in whole.pages.items() if without.pages.get(name) != text}
    return whole, (failed | differ) - {CONTENTS}


def keep_pages(live: Path, staged: Path, pages: set[str]) -> bool:
    """Copy the kept pages' last published versions; whether one was never published."""
    unpublished = False
    for name in sorted(pages):
        if (live / name).exists():
            write(staged / name, (live / name).read_bytes())
        else:
            unpublished = True
    return unpublished


def stage_contents(live: Path, staged: Path, made: str | None) -> None:
    """The list of pages as made, or as last published (`made` None), or none if never."""
    if made is not None:
        write(staged / CONTENTS, made.encode())
    elif (live / CONTENTS).exists():
        write(staged / CONTENTS, (live / CONTENTS).read_bytes())
