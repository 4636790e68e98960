"""The committed guide, read as a resident reads it: words, pictures and paper that agree.

Each rule is checked on the published pages, their pictures' sidecars and both PDFs, so a
change of the portal, the features or the layout that breaks one fails here.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from driftless.render.annotate import STYLE
from driftless.render.numbered import LETTERS, named_in

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
PAGES = {
    "en": sorted((ROOT / "docs" / "generated").glob("*.md")),
    "es": sorted((ROOT / "docs" / "es" / "generated").glob("*.md")),
}
GUIDE_PAGES = [
    (language, page)
    for language, pages in PAGES.items()
    for page in pages
    if "## 1. " in page.read_text("utf-8")
]
PDFS = {
    "en": ROOT / "printed" / "link-your-utility-account.pdf",
    "es": ROOT / "printed" / "es" / "link-your-utility-account.pdf",
}
PICTURE = re.compile(r"\]\(\.\./screenshots/([^)\s]+?-desktop\.png)\)")


def steps_of(page: Path) -> list[tuple[str, str]]:
    """Each numbered step's words (its heading and the line under it) and its Markdown."""
    text = re.sub(r"<!--.*?-->", "", page.read_text("utf-8"), flags=re.DOTALL)
    found = []
    for part in re.split(r"^## (?=\d+\. )", text, flags=re.MULTILINE)[1:]:
        heading, _, rest = part.partition("\n")
        under = rest.strip().split("\n\n")[0]
        words = heading if under.startswith(("[", "!", "<", "**")) else f"{heading} {under}"
        found.append((words, rest))
    return found


def sidecar(picture: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SHOTS / picture).with_suffix(".json").read_text())
    return data


@pytest.mark.parametrize(("language", "page"), GUIDE_PAGES, ids=lambda v: getattr(v, "stem", v))
def test_every_step_names_what_its_picture_marks_it_doing(language: str, page: Path) -> None:
    """A step that selects or types says what, in the portal's words (an example's number too)."""
    for words, body in steps_of(page):
        pictures = PICTURE.findall(body)
        action = [p for p in pictures if re.search(r"/\d\d-desktop\.png$", p)]
        for mark in sidecar(action[0])["marks"] if action else []:
            if not mark["acted"]:
                continue
            name = " ".join(mark["name"].split()).rstrip(" *")
            shown = (
                named_in(words, name) if LETTERS.search(name) else f"\u201c{name}\u201d" in words
            )
            assert shown, f"{page.name}: {words!r} does not name {name!r}"


@pytest.mark.parametrize(("language", "page"), GUIDE_PAGES, ids=lambda v: getattr(v, "stem", v))
def test_what_to_see_never_marks_a_box_to_fill_in(language: str, page: Path) -> None:
    for _, body in steps_of(page):
        for picture in PICTURE.findall(body):
            if re.search(r"/\d\d-\d+-desktop\.png$", picture):  # a result's picture
                roles = {mark["role"] for mark in sidecar(picture)["marks"]}
                assert "textbox" not in roles, picture


def test_no_print_crop_cuts_a_mark_or_its_badge() -> None:
    reach = STYLE.padding + STYLE.line
    for about in sorted(SHOTS.rglob("*-desktop.json")):
        data = json.loads(about.read_text())
        crop = data["print"]
        if not crop:
            continue
        right, bottom = crop["x"] + crop["width"], crop["y"] + crop["height"]
        for box in [*data["marks"], *([data["badge"]] if data["badge"] else [])]:
            x, y = max(0, box["x"] - reach), max(0, box["y"] - reach)
            assert crop["x"] <= x, (about.name, box, crop)
            assert crop["y"] <= y, (about.name, box, crop)
            far_x = min(data["viewport"]["width"], box["x"] + box["width"] + reach)
            far_y = min(data["viewport"]["height"], box["y"] + box["height"] + reach)
            assert far_x <= right, (about.name, box, crop)
            assert far_y <= bottom, (about.name, box, crop)


@pytest.mark.parametrize(("language", "page"), GUIDE_PAGES, ids=lambda v: getattr(v, "stem", v))
def test_no_picture_is_shown_twice_in_a_row(language: str, page: Path) -> None:
    """The same screen with the same marks is never shown again right after itself."""
    pictures = PICTURE.findall(page.read_text("utf-8"))
    seen = []
    for picture in pictures:
        raw = hashlib.sha256((SHOTS / picture.replace(".png", ".raw.png")).read_bytes()).digest()
        marks = [(m["x"], m["y"], m["width"], m["height"]) for m in sidecar(picture)["marks"]]
        seen.append((raw, marks))
    repeated = [pictures[i] for i in range(1, len(seen)) if seen[i] == seen[i - 1]]
    assert repeated == []


@pytest.mark.parametrize("language", sorted(PDFS))
def test_every_link_in_the_pdf_goes_somewhere(language: str) -> None:
    """On paper a link within the site is its page's address: no link is left to a local file."""
    for sheet in PdfReader(PDFS[language]).pages:
        for annotation in sheet.get("/Annots") or []:
            target = annotation.get_object().get("/A", {}).get("/URI", "")
            assert str(target).startswith(("https://", "http://")), target


def lowest_ink(sheet: Any) -> float:
    """How high above the paper's foot the page's lowest text or picture is, in points."""
    lows: list[float] = []

    def text(words: str, cm: list[float], tm: list[float], *_: object) -> None:
        if words.strip():
            lows.append(tm[4] * cm[1] + tm[5] * cm[3] + cm[5] - 3)  # baseline, less a descent

    def drawn(op: bytes, args: list[Any], cm: list[float], _: object) -> None:
        if op == b"Do":
            lows.append(cm[5])

    sheet.extract_text(visitor_text=text, visitor_operand_before=drawn)
    foot = 16 / 25.4 * 72  # the footer's room: the printed helpline and address
    return min((low for low in lows if low > foot), default=float(sheet.mediabox.height))


@pytest.mark.parametrize("language", sorted(PDFS))
def test_no_printed_page_but_the_last_is_more_than_a_fifth_blank(language: str) -> None:
    sheets = PdfReader(PDFS[language]).pages
    foot, head = 16 / 25.4 * 72, 12 / 25.4 * 72
    for number, sheet in enumerate(sheets[:-1], start=1):
        room = float(sheet.mediabox.height) - head - foot
        blank = (lowest_ink(sheet) - foot) / room
        assert blank <= 0.2, f"page {number} of the {language} PDF is {blank:.0%} blank"
