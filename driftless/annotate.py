"""Draw a step's marks on its screenshot, and compare two screenshots.

Pure: PNG bytes and boxes in, PNG bytes out. The same input always gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from PIL import Image, ImageChops, ImageDraw, ImageFont

from driftless.record import Box

HIGHLIGHT = (230, 73, 128)  # a magenta that stands out from the portal's blues and greys
BADGE_TEXT = (255, 255, 255)
PADDING = 4
LINE = 3
BADGE_RADIUS = 15
FONT_SIZE = 18


def annotate(png: bytes, boxes: Sequence[Box], number: int) -> bytes:
    """The screenshot with each box outlined and, if `number` > 0, it in a badge by the first."""
    with Image.open(io.BytesIO(png)) as opened:
        image = opened.convert("RGB")
    draw = ImageDraw.Draw(image)
    boxes = [box for box in boxes if _on_picture(box, image.size)]
    for box in boxes:
        draw.rounded_rectangle(_outline(box, image.size), radius=6, outline=HIGHLIGHT, width=LINE)
    if number > 0:  # troubleshooting pictures have no step number
        _badge(draw, _badge_centre(boxes, image.size), number)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _on_picture(box: Box, size: tuple[int, int]) -> bool:
    """Whether any of the box is inside the picture (an element may be scrolled off it)."""
    return box.x < size[0] and box.y < size[1] and box.x + box.width > 0 and box.y + box.height > 0


def _outline(box: Box, size: tuple[int, int]) -> tuple[int, int, int, int]:
    width, height = size
    return (
        max(0, box.x - PADDING),
        max(0, box.y - PADDING),
        min(width - 1, box.x + box.width + PADDING),
        min(height - 1, box.y + box.height + PADDING),
    )


def _badge_centre(boxes: Sequence[Box], size: tuple[int, int]) -> tuple[int, int]:
    """Left of the first box, level with its middle; right of it when there is no room."""
    if not boxes:
        return (BADGE_RADIUS + 8, BADGE_RADIUS + 8)
    left, top, right, bottom = _outline(boxes[0], size)
    y = min(max((top + bottom) // 2, BADGE_RADIUS + 1), size[1] - BADGE_RADIUS - 1)
    x = left - BADGE_RADIUS - 6
    if x < BADGE_RADIUS + 1:
        x = min(right + BADGE_RADIUS + 6, size[0] - BADGE_RADIUS - 1)
    return (x, y)


def _badge(draw: ImageDraw.ImageDraw, centre: tuple[int, int], number: int) -> None:
    x, y = centre
    draw.ellipse(
        (x - BADGE_RADIUS, y - BADGE_RADIUS, x + BADGE_RADIUS, y + BADGE_RADIUS),
        fill=HIGHLIGHT,
        outline=BADGE_TEXT,
        width=2,
    )
    font = ImageFont.load_default(size=FONT_SIZE)
    draw.text((x, y), str(number), fill=BADGE_TEXT, font=font, anchor="mm")


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
    faded.paste(Image.new("RGB", new.size, HIGHLIGHT), mask=mask)
    sheet = Image.new("RGB", (new.size[0] * 3, new.size[1]), (255, 255, 255))
    for index, part in enumerate((old, new, faded)):
        sheet.paste(part, (index * new.size[0], 0))
    out = io.BytesIO()
    sheet.save(out, format="PNG", optimize=False)
    return share, out.getvalue()
