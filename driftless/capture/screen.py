"""What was on the resident's screen when a step failed, read from the page."""

from __future__ import annotations

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from driftless.model.failure import PageView

SHOWN_ON_PAGE = """() => {
  const texts = (selector) => Array.from(document.querySelectorAll(selector))
    .map((element) => element.innerText.replace(/\\s+/g, " ").trim()).filter(Boolean);
  return {headings: texts("h1, h2").slice(0, 4), alerts: texts("[role=alert], [role=status]")};
}"""


def look_at(page: Page | None) -> PageView | None:
    """Read the page's address, title, main headings and messages; None if it cannot be read."""
    if page is None or page.is_closed():
        return None
    try:
        shown = page.evaluate(SHOWN_ON_PAGE)
        return PageView(page.url, page.title(), shown["headings"], shown["alerts"])
    except PlaywrightError:
        return PageView(page.url, "")
