"""Where a step's marks are on the screen: found, named, measured and scrolled into the picture.

The page's own scripts measure each mark's box once the page has settled, the boxes of its
words, pictures and controls (its ink, which no badge may cover), and the headings and labels
near each mark (its context, which a printed crop keeps). A mark's role and accessible name
are Playwright's ARIA snapshot's, as a screen reader has them.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from playwright.sync_api import ElementHandle, Locator
from playwright.sync_api import Error as PlaywrightError

from driftless.model.aria_tree import node_of
from driftless.model.record import Box

# Before a picture: fonts loaded, every image decoded, and two frames painted since; true if so,
# false if `limit` milliseconds passed first (an image that never arrives, say, or a lazy one
# below the fold): the picture is then taken as the page is.
SETTLE = """Promise.race([
  new Promise((late) => setTimeout(() => late(false), limit)),
  Promise.all([
    document.fonts.ready,
    ...Array.from(document.images, (image) => image.decode().catch(() => null)),
  ]).then(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(
    () => done(true))))),
])"""


SETTLE_LIMIT_MS = 5_000


CONTEXT_REACH = 160  # CSS pixels: a section's heading farther above a mark is not its context


# Page boxes as they are on the picture. The picture is of the visual viewport: on a phone, a
# page without a mobile viewport is laid out wider and shown zoomed out, so a box is moved by
# the visual viewport's offset and scaled by its zoom.
ON_PICTURE = """const v = window.visualViewport || {scale: 1, offsetLeft: 0, offsetTop: 0,
                                      width: innerWidth, height: innerHeight};
const picture = (r) => [(r.x - v.offsetLeft) * v.scale, (r.y - v.offsetTop) * v.scale,
                        r.width * v.scale, r.height * v.scale];"""


# An element's box on the picture, in one round trip (None if it takes no room), and whether
# it stays put when the page scrolls (it is in a fixed or sticky box).
MEASURE = f"""(element) => {{
  {ON_PICTURE}
  const box = element.getBoundingClientRect();
  if (!box.width && !box.height) return null;
  let pinned = false;
  for (let e = element; e && !pinned; e = e.parentElement) {{
    pinned = ["fixed", "sticky"].includes(getComputedStyle(e).position);
  }}
  return [...picture(box), pinned];
}}"""


# The settling set going without being waited for: a handle to it (in an array, so that it is
# not awaited), to be awaited when the marks are measured. Meanwhile each mark is found and named.
SETTLING = f"(limit) => [{SETTLE}]"


# Once the page has settled (or its time ran out, then false), the box of each element (None
# for one that takes no room).
SETTLED_BOXES = f"""async ([settling], elements) => {{
  const settled = await settling;
  return [settled, elements.map({MEASURE})];
}}"""


# Scroll by `dy` picture pixels (if not 0), let the page settle, and measure what is drawn on
# the picture: the boxes of words, pictures and controls, which no badge may cover. Also how
# far the picture moved (the page may scroll less than asked, at its end).
INK = f"""async ([dy, limit]) => {{
  const top = () => window.visualViewport ? window.visualViewport.pageTop : window.scrollY;
  const before = top();
  if (dy) {{
    window.scrollBy(0, dy / (window.visualViewport ? window.visualViewport.scale : 1));
    await {SETTLE};
  }}
  {ON_PICTURE}
  const found = [];
  const add = (r) => {{
    const [x, y, width, height] = picture(r);
    if (width > 0 && height > 0 && x + width > 0 && y + height > 0
        && y < v.height * v.scale && x < v.width * v.scale) {{
      found.push([Math.round(x), Math.round(y), Math.round(width), Math.round(height)]);
    }}
  }};
  const words = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = words.nextNode(); node; node = words.nextNode()) {{
    if (!node.textContent.trim()) continue;
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) add(r);
  }}
  for (const element of document.querySelectorAll(
      "img, svg, canvas, video, input, select, textarea, button")) {{
    add(element.getBoundingClientRect());
  }}
  return [found, (top() - before) * v.scale];
}}"""


# What gives each marked element its meaning, as boxes on the picture: the labels of a box to
# type in, the row it is in (a list item, a table row, a term and its definition), and the
# heading of its section when that is close above it (or on its line, as a section's title is
# across from its "link to account"). A heading marked is its own meaning.
CONTEXT = f"""(elements) => {{
  {ON_PICTURE}
  const near = {CONTEXT_REACH};
  const rows = "li, tr, [role=row], [role=listitem], dl > div";
  const headings = Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6, [role=heading]"));
  const box = (e) => {{
    const r = e.getBoundingClientRect();
    return r.width && r.height ? picture(r).map(Math.round) : null;
  }};
  return elements.map((element) => {{
    if (element.matches("h1, h2, h3, h4, h5, h6, [role=heading]")) return [];
    const found = Array.from(element.labels || [], box);
    const row = element.closest(rows);
    if (row && row !== element) found.push(box(row));
    const top = element.getBoundingClientRect().top;
    const before = headings.filter((h) =>
      h.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING
      && !h.contains(element));
    const heading = before[before.length - 1];
    if (heading && top - heading.getBoundingClientRect().bottom <= near) found.push(box(heading));
    return found.filter((b) => b);
  }});
}}"""


MARGIN = 16  # pixels kept between the picture's edge and marks scrolled into it


@dataclass(frozen=True)
class Measured:
    """An element's box on the picture, unrounded, and whether it scrolls with the page."""

    x: float
    y: float
    width: float
    height: float
    pinned: bool

    def box(self) -> Box:
        """The box in whole pixels."""
        return Box(round(self.x), round(self.y), round(self.width), round(self.height))

    def scrolled(self, dy: float) -> Measured:
        """Where it is once the picture has moved `dy` pixels down the page."""
        return Measured(self.x, self.y - dy, self.width, self.height, self.pinned)


# A mark as measured: its box, its element, and its role, name and what was done to it.
Shown = tuple[Measured, ElementHandle, tuple[str, str, str]]


def element_of(target: Locator, timeout: float = 2_000) -> ElementHandle | None:
    """The one element the locator finds, waited for up to `timeout` ms; None if there is none."""
    try:
        return target.element_handle(timeout=timeout)
    except PlaywrightError:
        return None


def measure(element: ElementHandle) -> Measured | None:
    """The element's box on the picture (perhaps outside it), or None if it is not shown."""
    try:
        found = element.evaluate(MEASURE)
    except PlaywrightError:
        return None
    return Measured(*found) if found else None


def what_is(target: Locator) -> tuple[str, str]:
    """The element's role and accessible name (or the words it shows), as screen readers say."""
    try:
        first = target.aria_snapshot(timeout=2_000).splitlines()[0]
    except (PlaywrightError, IndexError):
        return "", ""
    role, name = role_and_name(first)
    if role and not name:
        with contextlib.suppress(PlaywrightError):
            name = " ".join(target.inner_text(timeout=2_000).split())
    return role, name[:120]


def role_and_name(line: str) -> tuple[str, str]:
    """The role and name (or shown words) of an ARIA snapshot's line; ("", "") if it is none."""
    node = node_of(line)
    return (node.role, node.name or node.words) if node else ("", "")


def scroll_to_fit(boxes: list[Box], height: int, first: Box | None) -> int:
    """How far down to scroll so that every box is inside a viewport this high (0: they are).

    Boxes that cannot all fit are fitted from the top, keeping `first` (a click's target) in.
    """
    if not boxes or all(b.y >= 0 and b.y + b.height <= height for b in boxes):
        return 0
    top = min(b.y for b in boxes)
    bottom = max(b.y + b.height for b in boxes)
    if bottom - top <= height - 2 * MARGIN:
        return round(top - (height - (bottom - top)) / 2)
    if first is not None:
        return round(first.y - (height - first.height) / 2)
    return top - MARGIN


def moved_by(shown: list[Shown], moved: int) -> list[Shown]:
    """The marks after the page scrolled by `moved`: each measured again if pinned in place."""
    again = [
        (measured.scrolled(moved) if not measured.pinned else measure(element), element, name)
        for measured, element, name in shown
    ]
    return [(m, element, name) for m, element, name in again if m is not None]
