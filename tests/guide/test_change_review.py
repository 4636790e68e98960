"""Publishing a run in which the portal changed: the change told in words beside the pixels,
the sentences to check, the review page and its Markdown, and the gates by kind of change.

The whole guide of features/ is recorded without a browser (as tests/guide/test_failed_pages.py
does), each picture with the screen in words the last `make run` published for it; then the
portal is upgraded: "Submit" renamed "Send", a new box, "link to account" moved to another
section, the user menu reordered, and a new colour on every screen.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from driftless.model.handout import Handout
from driftless.model.project import Project
from driftless.model.record import ScenarioRecord, dump
from driftless.publish import guide_update as publish
from driftless.render.guide_pages import build
from driftless.render.review import ACCEPT
from tests.guide.test_failed_pages import records_of
from tests.guide.test_portal_changes import box_added, link_moved, menu_reordered, submit_renamed
from tests.support import ROOT

PROJECT = Project.find(ROOT)
SHOTS = ROOT / "docs" / "screenshots"
Upgrade = Callable[[str], str]


def upgrade(tree: str) -> str:
    """The vendor's upgrade, on whichever screens show what it changes."""
    if 'button "Submit"' in tree:
        tree = submit_renamed(tree)
    if '  - textbox "What is the Customer ID?"\n' in tree:
        tree = box_added(tree)
    if '      - heading "Utility Billing Accounts" [level=3]\n      - link' in tree:
        tree = link_moved(tree)
    if 'menuitem "My Account"\n    - menuitem "Log Out"' in tree:
        tree = menu_reordered(tree)
    return tree


def png(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, format="PNG")
    return out.getvalue()


def recorded(
    folder: Path, colour: tuple[int, int, int], change: Upgrade = str, only: str = ""
) -> Path:
    """A run of every guide scenario, each picture's words as published, changed by `change`.

    `only`: the pictures whose target starts with it get `colour`; the others stay as before.
    """
    records: list[ScenarioRecord] = records_of(PROJECT.features)
    pictures = build(records, Handout.load(PROJECT.handout), PROJECT.templates).pictures
    target = {picture.capture.image: picture.target for picture in pictures}
    folder.mkdir(parents=True)
    for record in records:
        for step in record.steps:
            step.captures = [
                replace(shot, aria=change(_published(target.get(shot.image))))
                for shot in step.captures
            ]
            for shot in step.captures:
                shade = colour if target.get(shot.image, "").startswith(only) else (240, 240, 240)
                (folder / shot.image).write_bytes(png(shade))
        dump(record, folder / f"{record.key}.json")
    return folder


def _published(target: str | None) -> str:
    path = (SHOTS / target).with_suffix(".aria.yml") if target else None
    return path.read_text("utf-8") if path and path.is_file() else ""


def publishing(tmp_path: Path, run: Path, gate: str | None = None) -> int:
    return publish.publish(
        PROJECT,
        run,
        tmp_path / "docs",
        tmp_path / "shots",
        tmp_path / "drift",
        translate=False,
        fail_on_change=gate,
    )


@pytest.fixture
def published(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The guide as last published, from an unchanged portal."""
    assert publishing(tmp_path, recorded(tmp_path / "before", (240, 240, 240))) == 0
    assert "new screenshot: link-your-utility-account/04-desktop.png" in capsys.readouterr().out
    return tmp_path


def test_the_upgrade_is_told_in_words_beside_the_pixels(
    published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = recorded(published / "after", (250, 230, 200), upgrade)
    assert publishing(published, run) == 0
    out = capsys.readouterr().out
    numbers = out[out.index("changed: link-your-utility-account/04-desktop.png") :]
    assert numbers.startswith(
        "changed: link-your-utility-account/04-desktop.png  100.00% of pixels (before | after |"
        " diff in build/drift/)\n"
        "    structure: a new “What is the service address?” box in the main content, after "
        "“What is the Customer ID?”\n"
        "    structure: the “Submit” button is now called “Send”\n"
    )
    check = (
        "    check: step 5 of “Link your utility account” says ‘Select “Submit”’, but the page has "
        "no “Submit” button any more; it has “Send” (features/linking_accounts.feature:40)\n"
    )
    assert out.count(check) == 1  # under the first picture showing why, not under each
    assert (
        "    structure: the “link to account” link moved from the “Utility Billing Accounts” "
        "section to the “Linked Accounts” section\n" in out
    )
    assert (
        "    structure: the “Log Out” menu item moved within the “User menu”: now first, before "
        "“My Account”\n" in out
    )
    # A screen none of the upgrade's changes is on: its new colour only.
    register = out[out.index("changed: register/01-desktop.png") :].splitlines()
    assert register[1] == (
        "    to the eye only: the same words, controls and sections: a colour, a font or "
        "spacing changed"
    )
    assert "Review before committing the guide: " in out
    assert (published / "drift" / "review.html").is_file()


def test_gates_fail_the_run_by_kind_of_change(
    published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    colour = recorded(published / "colour", (250, 230, 200), only="register/")
    assert publishing(published, colour, gate="structure") == 0  # a colour: no structure changed
    assert "failing as asked" not in capsys.readouterr().out
    again = recorded(published / "colour-again", (200, 230, 250), only="register/")
    assert publishing(published, again, gate="visual") == 1
    assert "(--fail-on-change visual): failing as asked." in capsys.readouterr().out
    renamed = recorded(published / "renamed", (200, 230, 250), upgrade, only="register/")
    assert publishing(published, renamed, gate="structure") == 1
    out = capsys.readouterr().out
    assert re.search(r"The portal changed \(structure or weightier\) in \d+ screenshots", out)
    # Published all the same: the gate says the guide needs a writer, the run accepts nothing.
    assert publishing(published, renamed, gate="structure") == 0  # the same portal again
    assert "no screenshot changed." in capsys.readouterr().out


def test_a_change_in_words_alone_is_told_with_the_same_pixels(
    published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A screen reader's name changed, nothing a sighted resident sees (an aria-label).
    def relabelled(tree: str) -> str:
        return tree.replace('button "User menu"', 'button "Your account"')

    run = recorded(published / "after", (240, 240, 240), relabelled)
    assert publishing(published, run, gate="structure") == 1
    out = capsys.readouterr().out
    assert (
        "changed (in words): link-your-utility-account/07-desktop.png  the same pixels\n"
        "    structure: the “User menu” button is now called “Your account”\n" in out
    )


def test_an_unchanged_portal_reports_nothing_and_rewrites_nothing(
    published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    upgraded = recorded(published / "after", (250, 230, 200), upgrade)
    publishing(published, upgraded)
    assert (published / "drift" / "review.md").is_file()
    capsys.readouterr()
    files = {p: p.read_bytes() for p in sorted(published.glob("[ds]*/**/*")) if p.is_file()}
    assert publishing(published, upgraded) == 0
    out = capsys.readouterr().out
    assert re.search(
        r"Guide: \d+ pages; 0 files written or removed.\n  no screenshot changed.\n", out
    )
    assert "Review" not in out
    assert not (published / "drift").exists() or not any((published / "drift").iterdir())
    after = {p: p.read_bytes() for p in sorted(published.glob("[ds]*/**/*")) if p.is_file()}
    assert {p: b for p, b in after.items() if "drift" not in p.parts} == {
        p: b for p, b in files.items() if "drift" not in p.parts
    }


def test_the_review_page_is_self_contained_and_says_what_to_do(published: Path) -> None:
    publishing(published, recorded(published / "after", (250, 230, 200), upgrade))
    page = (published / "drift" / "review.html").read_text()
    addresses = re.findall(r'(?:src|href)="([^"]*)"', page)
    assert addresses
    assert all(a.startswith("data:image/png;base64,") for a in addresses), set(addresses)
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert ACCEPT in text
    assert "step 5 of “Link your utility account” says ‘Select “Submit”’, but the page" in text
    assert "Written at features/linking_accounts.feature:40" in text
    # Steps whose structure changed come before those changed only to the eye.
    assert text.index("Link your utility account · step 4") < text.index("Register · step 1")
    step_4 = page[page.index("Link your utility account · step 4") :]
    step_4 = step_4[: step_4.index("</section>")]
    assert step_4.count('<img src="data:image/png;base64,') == 6  # before, after, change; x2
    assert "What changed (magenta)" in step_4


def test_the_markdown_is_a_checklist_for_a_pull_request(published: Path) -> None:
    publishing(published, recorded(published / "after", (250, 230, 200), upgrade))
    markdown = (published / "drift" / "review.md").read_text()
    assert markdown.startswith("## What changed on the portal\n\n")
    assert (
        "- [ ] step 5 of “Link your utility account” says ‘Select “Submit”’, but the page has no "
        "“Submit” button any more; it has “Send” (`features/linking_accounts.feature:40`)\n"
    ) in markdown
    assert "#### Link your utility account · step 4: controls, headings, boxes or messages" in (
        markdown
    )
    assert (
        "\n### Changed only to the eye (a colour, a font, spacing)\n\n"
        "- Register · step 1, *Go to the City of Tulsa utilities website and select “Create an "
        "account”.* (computer: 100.00% of pixels, phone: 100.00% of pixels)\n"
    ) in markdown
    assert ACCEPT in markdown
    assert len(markdown) < 65_536  # what a pull request's body may hold


def test_a_portals_words_are_shown_as_words(published: Path) -> None:
    def hostile(tree: str) -> str:
        return tree.replace('button "Submit"', 'button "<img src=x onerror=alert(1)> *Send*"')

    publishing(published, recorded(published / "after", (240, 240, 240), hostile))
    page = (published / "drift" / "review.html").read_text()
    assert "<img src=x" not in page
    assert "“&lt;img src=x onerror=alert(1)&gt; *Send*”" in page
    markdown = (published / "drift" / "review.md").read_text()
    assert r"“\<img src=x onerror=alert(1)\> \*Send\*”" in markdown
