"""The built guide meets WCAG 2.1 AA for a resident: axe-core, the keyboard, language, reflow.

Each check opens the site as mkdocs-material builds it and as Zensical does (the fixtures of
tests/guide/test_site.py), in English and Spanish, offline, on a computer's and a phone's screen.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from playwright.sync_api import Page

from driftless.capture.accessibility import wcag_check
from tests.guide import test_site

site = test_site.site  # the same built sites, served on loopback
offline_page = test_site.offline_page
pytestmark = pytest.mark.browser

ENGLISH = [*test_site.PAGES, "vendors/", "generated/accessibility/"]
SPANISH = [f"es/{path}" for path in ENGLISH if path != "vendors/"]  # vendors.md is English only
WIDTHS = [1280, 390]  # a computer's screen and a phone's, as the guide's pictures
MAIN = "generated/link-your-utility-account/"
NO_MOTION = "*, *::before, *::after { transition: none !important; animation: none !important; }"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ENGLISH + SPANISH)
def test_axe_finds_no_wcag_violation(
    offline_page: Page, site: str, path: str, width: int, record_property: object
) -> None:
    offline_page.set_viewport_size({"width": width, "height": 844})
    offline_page.goto(site + path)
    found = wcag_check(offline_page)
    if found["needs_review"]:  # what axe could not decide, for a person (README: how)
        record_property("axe_needs_review", json.dumps(found["needs_review"]))  # type: ignore[operator]
    assert found["violations"] == [], json.dumps(found["violations"], indent=1)


FOCUS = """async () => {
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const box = element.getBoundingClientRect();
  const line = element.getClientRects()[0] || box;  // a link's first line, if it wraps
  const top = document.elementFromPoint(
    line.left + line.width / 2, Math.min(line.top + line.height / 2, innerHeight - 1));
  const style = getComputedStyle(element);
  return {
    name: (element.innerText || element.getAttribute("aria-label") || element.tagName).slice(0, 60),
    href: element.getAttribute("href"),
    box: [box.left, box.top, box.width, box.height],
    seen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
      && box.top < innerHeight && box.left < innerWidth && style.visibility === "visible"
      && !!top && (element.contains(top) || top.contains(element)),
    article: !!element.closest("article"),
    over: top ? top.outerHTML.slice(0, 120) : null,
    line: [line.left, line.top, line.width, line.height],
  };
}"""


def _ring_shows(page: Page, box: list[float]) -> bool:
    """Whether the focused element looks different with its focus than without it."""
    left, top, width, height = box
    size = page.viewport_size or {"width": 0, "height": 0}
    clip = {"x": max(left - 6, 0), "y": max(top - 6, 0)}
    clip |= {
        "width": min(width + 12, size["width"] - clip["x"]),
        "height": min(height + 12, size["height"] - clip["y"]),
    }
    focused = page.screenshot(clip=clip)  # type: ignore[arg-type]
    page.evaluate("window.__focused = document.activeElement; document.activeElement.blur()")
    plain = page.screenshot(clip=clip)  # type: ignore[arg-type]
    page.evaluate("window.__focused.focus({preventScroll: true})")  # Tab goes on from it
    return focused != plain


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", ["", "es/"])
def test_the_guide_works_by_keyboard_alone(
    offline_page: Page, site: str, language: str, width: int
) -> None:
    """Skip link first; every stop of Tab shown and in view; the article's ringed; every picture."""
    offline_page.set_viewport_size({"width": width, "height": 844})
    offline_page.goto(site + language + MAIN)
    offline_page.add_style_tag(content=NO_MOTION)  # a stop is judged as it ends up, not midway
    offline_page.keyboard.press("Tab")
    skip = offline_page.evaluate(FOCUS)
    assert skip["href"].startswith("#"), skip  # "Skip to content", the first stop
    assert skip["seen"], skip
    offline_page.keyboard.press("Enter")
    offline_page.keyboard.press("Tab")
    assert offline_page.evaluate(FOCUS)["article"], "the skip link does not lead to the content"
    offline_page.goto(site + language + MAIN)
    offline_page.add_style_tag(content=NO_MOTION)
    stops: list[dict[str, Any]] = []
    unringed: list[str] = []
    for _ in range(300):
        offline_page.keyboard.press("Tab")
        stop = offline_page.evaluate(FOCUS)
        if stop is None or (stops and stop["href"] == stops[0]["href"] == skip["href"]):
            break  # round to the address bar, or to the start
        stops.append(stop)
        if stop["article"] and stop["seen"] and not _ring_shows(offline_page, stop["box"]):
            unringed.append(stop["name"])
    hidden = [stop for stop in stops if not stop["seen"]]
    assert hidden == [], f"focused but not in view: {json.dumps(hidden, indent=1)}"
    assert unringed == [], "focused without a visible change"
    shown = offline_page.evaluate(
        "Array.from(document.querySelectorAll('article a:has(> img.guide-shot)'))"
        ".filter((a) => a.getClientRects().length).map((a) => a.getAttribute('href'))"
    )
    assert shown
    assert sorted(shown) == sorted(s["href"] for s in stops if s["href"] in shown)


@pytest.mark.parametrize("language", ["en", "es"])
def test_text_at_200_percent_on_a_phone_needs_no_sideways_scrolling(
    offline_page: Page, site: str, language: str
) -> None:
    """A 390-px phone at 200 % zoom lays pages out in 195 CSS pixels (WCAG 1.4.10)."""
    offline_page.set_viewport_size({"width": 195, "height": 422})
    wide = []
    for path in ENGLISH if language == "en" else SPANISH:
        offline_page.goto(site + path)
        sizes = offline_page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if sizes[0] > sizes[1]:
            wide.append((path, sizes))
    assert wide == []


# The phrases a page quotes (the English guide quotes some with straight quotes).
QUOTES = """() => Array.from(document.querySelectorAll("article :is(h1, h2, p, li)"))
  .flatMap((block) => Array.from(block.innerText.matchAll(/[\u201c"]([^\u201c\u201d"]+)[\u201d"]/g),
    (match) => match[1]))"""
# The language a quoted phrase is in: of the element holding its words ("split" if none does).
LANG_OF = """(phrase) => {
  const walker = document.createTreeWalker(document.querySelector("article"), NodeFilter.SHOW_TEXT);
  const langs = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.textContent.includes(phrase)) langs.add(node.parentElement.closest("[lang]").lang);
  }
  return langs.size === 0 ? "split" : Array.from(langs).join(",");
}"""


def test_each_page_says_its_language_and_marks_the_portals_english(page: Page, site: str) -> None:
    """<html lang>; in Spanish, each label of the English portal quoted is marked lang="en".

    The portal's labels are the phrases the English guide quotes too; the rest is Spanish.
    """
    english: set[str] = set()
    for path in ENGLISH:
        page.goto(site + path)
        assert page.locator("html").get_attribute("lang") == "en", path
        english.update(page.evaluate(QUOTES))
    wrong, labels = [], 0
    for path in SPANISH:
        page.goto(site + path)
        assert page.locator("html").get_attribute("lang") == "es", path
        for phrase in sorted(set(page.evaluate(QUOTES))):
            if not re.search(r"[^\W\d_]{2}", phrase):
                continue  # a number, or a code typed: no language
            expected = "en" if phrase in english else "es"
            labels += expected == "en"
            if (said := page.evaluate(LANG_OF, phrase)) != expected:
                wrong.append((path, phrase, said))
    assert wrong == []
    assert labels > 20  # the Spanish guide quotes the portal at nearly every step
