"""Print a built guide page to PDF with Chromium, like the City's printed handout.

    python -m driftless pdf [--page link-your-utility-account]

The PDF goes beside the page's Markdown (docs/generated/) and into the built site. Chromium
stamps the time of printing into a PDF; it is replaced by a fixed one, so an unchanged page
prints to the same bytes.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

from playwright.sync_api import PdfMargins, sync_playwright

from driftless.capture.browser import BrowserNotFound, launch_options, resolve
from driftless.model.project import Project

STAMP = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[^)]*\)")
FIXED = b"D:20000101000000+00'00'"
MARGIN = "14mm"
GUIDE_PAGE = "link-your-utility-account"  # the page that stands for the printed handout


def steady(pdf: bytes) -> bytes:
    """The PDF with its printing time replaced by a fixed one."""
    return STAMP.sub(lambda match: b"/" + match[1] + b" (" + FIXED + b")", pdf)


UNLINK_LOCAL = """() => document.querySelectorAll("a[href]").forEach((link) => {
  if (link.href.startsWith("file:")) link.removeAttribute("href");
})"""


def print_page(html: Path) -> bytes:
    """Chromium's print of a built page, as on Letter paper."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options(resolve()))  # type: ignore[arg-type]
        try:
            page = browser.new_page()
            page.goto(html.resolve().as_uri())
            # Links within the site would print as this machine's file:// paths: on paper and
            # in the PDF they are words (the pages they name are in the guide); others stay.
            page.evaluate(UNLINK_LOCAL)
            page.emulate_media(media="print")
            margin: PdfMargins = {"top": MARGIN, "bottom": MARGIN, "left": MARGIN, "right": MARGIN}
            return steady(page.pdf(format="Letter", print_background=True, margin=margin))
        finally:
            browser.close()


def print_guide(project: Project, page: str = GUIDE_PAGE) -> int:
    """Print a built page beside its Markdown and into the site; 1 with a message if it cannot."""
    built = project.site / project.pages.relative_to(project.root / "docs")  # as mkdocs lays out
    html = built / page / "index.html"
    if not html.exists():
        print(f"No built page at {html}: run 'python -m driftless site' first.", file=sys.stderr)
        return 1
    try:
        pdf = print_page(html)
    except BrowserNotFound as missing:
        print(missing, file=sys.stderr)
        return 1
    target = project.pages / f"{page}.pdf"
    if not target.exists() or target.read_bytes() != pdf:
        target.write_bytes(pdf)
    shutil.copyfile(target, built / target.name)
    print(f"PDF: {target.relative_to(project.root)}")
    return 0
