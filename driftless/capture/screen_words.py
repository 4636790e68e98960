"""What is on the screen in words, at the moment of a picture: its accessibility tree.

Playwright's ARIA snapshot of the whole page (landmarks, headings, controls, boxes, messages and
the words between them, as a screen reader finds them), tidied by `driftless.model.aria_tree`
into a form that is the same on every run of an unchanged portal.
"""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from driftless.model.aria_tree import tidy

TIMEOUT_MS = 5_000


def words_on(page: Page, masked: list[Locator]) -> str:
    """The page's accessibility tree, with the words of the `masked` elements masked."""
    snapshot = page.locator("body").aria_snapshot(timeout=TIMEOUT_MS)
    hidden = [text for locator in masked for text in locator.all_inner_texts()]
    return tidy(snapshot, hidden)
