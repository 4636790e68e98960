"""Where the printed guide cuts a picture: each mark whole, with what gives it meaning, no word cut.

Pure: boxes in, a box out. A mark is kept whole with its outline and badge; so are its
context (the label of a box to type in, the row it is in, the heading of its section), and
every word the crop would otherwise cut through: a word at an edge is taken in if the crop
stays printable, or else left out by moving that edge in, never through a mark.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from driftless.model.record import Box
from driftless.render.annotate import PAPER, STYLE

Edges = tuple[int, int, int, int]  # left, top, right, bottom
SETTLE_ROUNDS = 80  # each round takes in or leaves out one word an edge cuts


@dataclass(frozen=True)
class Limits:
    """How big a crop may grow to take in a word: what prints on a page beside its words."""

    widest: int = 964  # image pixels: 723 CSS pixels, the width between the PDF's margins
    tallest: int = 420  # a crop taller than this would leave a page's foot empty too often


LIMITS = Limits()


def _edges(box: Box) -> Edges:
    return (box.x, box.y, box.x + box.width, box.y + box.height)


def _outline(box: Box, size: tuple[int, int]) -> Edges:
    """A mark's outline as drawn, with the width of its line."""
    reach = STYLE.padding + STYLE.line
    return (
        max(0, box.x - reach),
        max(0, box.y - reach),
        min(size[0], box.x + box.width + reach),
        min(size[1], box.y + box.height + reach),
    )


def _union(boxes: Sequence[Edges]) -> Edges:
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def _inside(edges: Edges, size: tuple[int, int]) -> Edges:
    return (max(0, edges[0]), max(0, edges[1]), min(size[0], edges[2]), min(size[1], edges[3]))


def _cuts(crop: Edges, box: Edges) -> bool:
    """Whether the crop's edge goes through the box: part of it in, part out."""
    meets = box[0] < crop[2] and box[2] > crop[0] and box[1] < crop[3] and box[3] > crop[1]
    whole = box[0] >= crop[0] and box[2] <= crop[2] and box[1] >= crop[1] and box[3] <= crop[3]
    return meets and not whole


def _grown(start: int, end: int, least: int, limit: int) -> tuple[int, int]:
    """A span grown about its middle to at least `least`, then shifted inside 0..limit."""
    if end - start < least:
        middle = (start + end) // 2
        start, end = middle - least // 2, middle - least // 2 + least
    if start < 0:
        start, end = 0, end - start
    if end > limit:
        start, end = max(0, start - (end - limit)), limit
    return start, min(end, limit)


def _start(core: Edges, size: tuple[int, int]) -> Edges:
    """The core with room around it, at least the standard size, within the widest."""
    spare = max(0, LIMITS.widest - (core[2] - core[0]))
    side = min(PAPER.margin, spare // 2)
    x0, x1 = _grown(core[0] - side, core[2] + side, PAPER.width, size[0])
    y0, y1 = _grown(core[1] - PAPER.margin, core[3] + PAPER.margin, PAPER.least_height, size[1])
    return (x0, y0, x1, y1)


def _settle(crop: Edges, box: Edges, core: Edges) -> Edges:
    """The crop taking the cut box in, if it stays printable, or else leaving it out."""
    taken = _union([crop, (box[0] - 2, box[1] - 2, box[2] + 2, box[3] + 2)])
    if taken[2] - taken[0] <= LIMITS.widest and taken[3] - taken[1] <= LIMITS.tallest:
        return taken
    left, top, right, bottom = crop
    if box[1] >= core[3]:  # below the marks: the foot comes up
        bottom = min(bottom, box[1])
    elif box[3] <= core[1]:  # above them: the head comes down
        top = max(top, box[3])
    elif box[0] >= core[2]:  # beside them, on the right
        right = min(right, box[0])
    elif box[2] <= core[0]:
        left = max(left, box[2])
    return (left, top, right, bottom)  # a long line across the marks themselves stays cut


def print_crop(
    marks: Sequence[Box],
    badge: Box | None,
    size: tuple[int, int],
    ink: Sequence[Box] = (),
    context: Sequence[Box] = (),
) -> Box:
    """The part of a picture the printed guide shows (see the module's description)."""
    shown = [m for m in marks if m.x < size[0] and m.y < size[1] and m.x + m.width > 0]
    core_parts = [_outline(mark, size) for mark in shown]
    core_parts += [_inside(_edges(box), size) for box in context]
    if badge is not None:
        core_parts.append(_edges(badge))
    if not core_parts:
        return Box(0, 0, min(size[0], PAPER.width), min(size[1], PAPER.least_height))
    core = _union(core_parts)
    crop = _start(core, size)
    # Each with the few pixels a focus ring or a border draws around it.
    words = [_inside((b.x - 3, b.y - 3, b.x + b.width + 3, b.y + b.height + 3), size) for b in ink]
    centre = ((core[0] + core[2]) // 2, (core[1] + core[3]) // 2)
    kept_cut: set[Edges] = set()  # lines across the marks themselves: no edge can miss them
    for _ in range(SETTLE_ROUNDS):
        cut = [box for box in words if box not in kept_cut and _cuts(crop, box)]
        if not cut:
            break
        nearest = min(
            cut, key=lambda b: abs((b[1] + b[3]) // 2 - centre[1]) + abs(b[0] - centre[0])
        )
        settled = _settle(crop, nearest, core)
        if settled == crop:
            kept_cut.add(nearest)
        crop = settled
    return Box(crop[0], crop[1], crop[2] - crop[0], crop[3] - crop[1])
