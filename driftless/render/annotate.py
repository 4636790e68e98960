"""Draw a step's marks on its screenshot, and compare two screenshots.

Pure: PNG bytes and boxes in, PNG bytes out. The same input always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass

import PIL
from PIL import Image, ImageChops, ImageDraw, ImageFont

from driftless.model.record import Box

Colour = tuple[int, int, int]


@dataclass(frozen=True)
class Style:
    """Every parameter of how marks are drawn; a picture is redrawn when its digest changes."""

    highlight: Colour = (230, 73, 128)  # a magenta that stands out from the portal's blues
    badge_text: Colour = (255, 255, 255)
    padding: int = 4  # between an element and its outline
    line: int = 3
    corner: int = 6
    badge_radius: int = 15
    badge_gap: int = 6  # between the outline and the badge
    font_size: int = 18
    badge_reach: int = 160  # how far from its mark a badge may go to find free space
    revision: int = 2  # raise it when the drawing itself changes, e.g. where a badge goes

    def digest(self) -> str:
        """A short digest of the parameters and of Pillow's version, which draws them."""
        data = {**asdict(self), "pillow": PIL.__version__}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:12]


STYLE = Style()


@dataclass(frozen=True)
class Paper:
    """How a picture is cropped for the printed guide: around its marks, at a scale to read.

    At `ppi` image pixels an inch, the portal's 16-px text prints at 9 pt and its smallest
    (14.4 px) at 8.1 pt. A crop is `width` wide, so two print side by side on Letter paper
    between 12-mm margins, unless the marked words need more (up to `widest`, a whole line);
    it is at least `least_height` high, so a mark keeps its surroundings.
    """

    ppi: int = 128
    margin: int = 28  # image pixels kept around the marks and the badge
    width: int = 440
    widest: int = 920
    least_height: int = 170

    def css(self, pixels: int) -> int:
        """A crop's printed size in CSS pixels (96 an inch) for its size in image pixels."""
        return round(pixels * 96 / self.ppi)


PAPER = Paper()


def annotate(png: bytes, marks: Sequence[Box], badge: Box | None = None, number: int = 0) -> bytes:
    """The screenshot with each mark outlined and `number` in the badge, if it has one.

    Nothing is placed here: the badge's box is where the guide's plan put it (`badge_box`,
    asked once per picture), so the picture, its sidecar and its printed crop agree.
    """
    with Image.open(io.BytesIO(png)) as opened:
        image = opened.convert("RGB")
    draw = ImageDraw.Draw(image)
    for mark in marks:
        if _on_picture(mark, image.size):
            outline = _outline(mark, image.size)
            draw.rounded_rectangle(
                outline, radius=STYLE.corner, outline=STYLE.highlight, width=STYLE.line
            )
    if badge is not None and number > 0:  # troubleshooting pictures have no step number
        _badge(draw, (badge.x + badge.width // 2, badge.y + badge.height // 2), number)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _on_picture(box: Box, size: tuple[int, int]) -> bool:
    """Whether any of the box is inside the picture (an element may be scrolled off it)."""
    return box.x < size[0] and box.y < size[1] and box.x + box.width > 0 and box.y + box.height > 0


def _outline(box: Box, size: tuple[int, int]) -> tuple[int, int, int, int]:
    width, height = size
    return (
        max(0, box.x - STYLE.padding),
        max(0, box.y - STYLE.padding),
        min(width - 1, box.x + box.width + STYLE.padding),
        min(height - 1, box.y + box.height + STYLE.padding),
    )


Edges = tuple[int, int, int, int]  # left, top, right, bottom


def _overlap(a: Edges, b: Edges) -> int:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0


def _around(outline: Edges, reach: int) -> list[tuple[int, int]]:
    """Badge centres `reach` pixels from an outline: beside it first, then above and below."""
    left, top, right, bottom = outline
    r = STYLE.badge_radius
    middle = (top + bottom) // 2
    out, up, down = reach + r, top - reach - r, bottom + reach + r
    return [
        (left - out, middle),
        (right + out, middle),
        (left + r, up),
        (left + r, down),
        (right - r, up),
        (right - r, down),
        (left - out, up),
        (right + out, up),
        (left - out, down),
        (right + out, down),
    ]


def badge_box(marks: Sequence[Box], ink: Sequence[Box], size: tuple[int, int]) -> Box | None:
    """Where a step's number goes: by the first mark, over no words, picture, control or mark.

    Rings of places ever farther from the mark are tried in a fixed order; if none is free
    within `badge_reach`, the place covering least is taken. None without a mark.
    """
    shown = [mark for mark in marks if _on_picture(mark, size)]
    if not shown:
        return None
    r, width, height = STYLE.badge_radius, size[0], size[1]
    outlines = [_outline(mark, size) for mark in shown]
    blocked = [*outlines, *((b.x - 2, b.y - 2, b.x + b.width + 2, b.y + b.height + 2) for b in ink)]
    best: tuple[int, Edges] | None = None
    for reach in range(STYLE.badge_gap, STYLE.badge_gap + STYLE.badge_reach + 1, 6):
        for x, y in _around(outlines[0], reach):
            edges = (x - r, y - r, x + r, y + r)
            if edges[0] < 1 or edges[1] < 1 or edges[2] > width - 2 or edges[3] > height - 2:
                continue
            covered = sum(_overlap(edges, other) for other in blocked)
            if covered == 0:
                return Box(edges[0], edges[1], 2 * r, 2 * r)
            if best is None or covered < best[0]:
                best = (covered, edges)
    if best is None:  # no room at all: the picture's corner
        return Box(8, 8, 2 * r, 2 * r)
    return Box(best[1][0], best[1][1], 2 * r, 2 * r)


def crop(png: bytes, box: Box) -> bytes:
    """The box of a picture, as PNG bytes."""
    with Image.open(io.BytesIO(png)) as opened:
        part = opened.convert("RGB").crop((box.x, box.y, box.x + box.width, box.y + box.height))
    out = io.BytesIO()
    part.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _badge(draw: ImageDraw.ImageDraw, centre: tuple[int, int], number: int) -> None:
    x, y = centre
    radius = STYLE.badge_radius
    draw.ellipse(
        (x - radius, y - radius, x + radius, y + radius),
        fill=STYLE.highlight,
        outline=STYLE.badge_text,
        width=2,
    )
    font = ImageFont.load_default(size=STYLE.font_size)
    draw.text((x, y), str(number), fill=STYLE.badge_text, font=font, anchor="mm")


def _changed_mask(old: Image.Image, new: Image.Image) -> Image.Image:
    """A black-and-white mask, white where any channel of a pixel differs."""
    red, green, blue = ImageChops.difference(old, new).split()
    biggest = ImageChops.lighter(red, ImageChops.lighter(green, blue))
    return biggest.point(lambda value: 255 if value else 0)


def compare(before: bytes, after: bytes) -> tuple[float, bytes]:
    """Share of pixels changed, and a before | after | difference picture."""
    with Image.open(io.BytesIO(before)) as opened_old, Image.open(io.BytesIO(after)) as opened:
        old, new = opened_old.convert("RGB"), opened.convert("RGB")
    if old.size != new.size:
        old = old.resize(new.size)
        share = 1.0
        mask = Image.new("L", new.size, 255)
    else:
        mask = _changed_mask(old, new)
        share = mask.histogram()[255] / (new.size[0] * new.size[1])
    faded = Image.blend(new, Image.new("RGB", new.size, (255, 255, 255)), 0.7)
    faded.paste(Image.new("RGB", new.size, STYLE.highlight), mask=mask)
    sheet = Image.new("RGB", (new.size[0] * 3, new.size[1]), (255, 255, 255))
    for index, part in enumerate((old, new, faded)):
        sheet.paste(part, (index * new.size[0], 0))
    out = io.BytesIO()
    sheet.save(out, format="PNG", optimize=False)
    return share, out.getvalue()
