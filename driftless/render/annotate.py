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
    revision: int = 1  # raise it when the drawing itself changes, e.g. where a badge goes

    def digest(self) -> str:
        """A short digest of the parameters and of Pillow's version, which draws them."""
        data = {**asdict(self), "pillow": PIL.__version__}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:12]


STYLE = Style()


def annotate(png: bytes, boxes: Sequence[Box], number: int) -> bytes:
    """The screenshot with each box outlined and, if `number` > 0, it in a badge by the first."""
    with Image.open(io.BytesIO(png)) as opened:
        image = opened.convert("RGB")
    draw = ImageDraw.Draw(image)
    boxes = [box for box in boxes if _on_picture(box, image.size)]
    for box in boxes:
        outline = _outline(box, image.size)
        draw.rounded_rectangle(
            outline, radius=STYLE.corner, outline=STYLE.highlight, width=STYLE.line
        )
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
        max(0, box.x - STYLE.padding),
        max(0, box.y - STYLE.padding),
        min(width - 1, box.x + box.width + STYLE.padding),
        min(height - 1, box.y + box.height + STYLE.padding),
    )


def _badge_centre(boxes: Sequence[Box], size: tuple[int, int]) -> tuple[int, int]:
    """Left of the first box, level with its middle; right of it when there is no room."""
    radius, gap = STYLE.badge_radius, STYLE.badge_gap
    if not boxes:
        return (radius + 8, radius + 8)
    left, top, right, bottom = _outline(boxes[0], size)
    y = min(max((top + bottom) // 2, radius + 1), size[1] - radius - 1)
    x = left - radius - gap
    if x < radius + 1:
        x = min(right + radius + gap, size[0] - radius - 1)
    return (x, y)


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
