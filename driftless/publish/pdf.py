"""Print a built guide page to PDF with Chromium, like the City's printed handout.

    python -m driftless pdf [--page link-your-utility-account]

The PDF goes to printed/ (printed/<language>/ for a translation), out of the site's input so
that printing it changes nothing the site is built from, and into the built site beside the
page, which links it (render.paper.printed_at); `place_printed` puts it back after a rebuild.
Chromium prints it tagged, with bookmarks, and driftless.publish.tagging makes it a PDF/UA-1
document.
Chromium stamps the time of printing into a PDF; it is replaced by a fixed one, so an unchanged
page prints to the same bytes.
"""

from __future__ import annotations

import re
import shutil
import sys
from html import escape
from pathlib import Path

from playwright.sync_api import PdfMargins, sync_playwright

from driftless.capture.browser import (
    BrowserNotFound,
    launch_options,
    launched_again_if_it_ended,
    resolve,
)
from driftless.model.handout import Handout
from driftless.model.project import Project
from driftless.publish import language_sites
from driftless.publish.tagging import finish
from driftless.render.catalogues import Words, load
from driftless.render.guide_sentences import print_footer
from driftless.render.paper import PRINTED

STAMP = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[^)]*\)")
FIXED = b"D:20000101000000+00'00'"
MARGIN = "12mm"  # left, right and top, as docs/stylesheets/print.css has them; the bottom
# leaves room for the footer
FOOTER_ROOM = "16mm"
GUIDE_PAGE = PRINTED  # the page that stands for the printed handout


def steady(pdf: bytes) -> bytes:
    """The PDF with its printing time replaced by a fixed one."""
    return STAMP.sub(lambda match: b"/" + match[1] + b" (" + FIXED + b")", pdf)


UNLINK_LOCAL = """() => document.querySelectorAll("a[href]").forEach((link) => {
  if (link.href.startsWith("file:")) link.removeAttribute("href");
})"""
# Pictures a screen never shows (the crops for paper) are lazy: load every one before printing.
LOAD_PICTURES = """async () => {
  const pictures = Array.from(document.images);
  pictures.forEach((picture) => { picture.loading = "eager"; });
  await Promise.all(pictures.map((picture) => picture.decode().catch(() => null)));
}"""


def footer(handout: Handout, words: Words | None = None, site: str = "") -> str:
    """Every printed page's foot: the helpline, the page's number of all, and the guide's address.

    Where the guide is online (`site`, its site_url): a page on its own says where the rest is.
    """
    help_line, online, numbered = print_footer(handout, words or Words(), site)
    numbers = escape(numbered).format(
        page='<span class="pageNumber"></span>', pages='<span class="totalPages"></span>'
    )
    below = f'<div style="margin-top: 1mm;">{escape(online)}</div>' if online else ""
    return (
        '<div style="font: 8.5pt sans-serif; color: #333; width: 100%; margin: 0 12mm;">'
        '<div style="display: flex; justify-content: space-between;">'
        f"<span>{escape(help_line)}</span><span>{numbers}</span></div>{below}</div>"
    )


# What the PDF needs of the printed page: its language, each link's words, its headings.
READ_PAGE = """() => ({
  language: document.documentElement.lang || "en",
  links: Array.from(document.querySelectorAll("a[href]"))
    .filter((link) => link.innerText.trim())
    .map((link) => [link.href, link.innerText.trim().replace(/\\s+/g, " ")]),
  headings: Array.from(document.querySelectorAll("h1, h2, h3, h4, h5, h6"))
    .map((heading) => heading.innerText),
})"""


def print_page(html: Path, foot: str = "<span></span>") -> bytes:
    """Chromium's tagged print of a built page on Letter paper, `foot` on every page: PDF/UA-1."""
    with sync_playwright() as playwright:
        browser = launched_again_if_it_ended(
            playwright.chromium.launch, **launch_options(resolve(running=playwright))
        )
        try:
            page = browser.new_page()
            page.goto(html.resolve().as_uri())
            # Links within the site would print as this machine's file:// paths: on paper and
            # in the PDF they are words (the pages they name are in the guide); others stay.
            page.evaluate(UNLINK_LOCAL)
            page.emulate_media(media="print")
            page.evaluate(LOAD_PICTURES)
            read = page.evaluate(READ_PAGE)
            margin: PdfMargins = {
                "top": MARGIN, "bottom": FOOTER_ROOM, "left": MARGIN, "right": MARGIN
            }  # fmt: skip
            pdf = page.pdf(
                format="Letter",
                print_background=True,
                margin=margin,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=foot,
                tagged=True,
                outline=True,
            )
            links = {href: words for href, words in reversed(read["links"])}  # the first's words
            return finish(steady(pdf), read["language"], links, read["headings"])
        finally:
            browser.close()


def print_guide(project: Project, page: str = GUIDE_PAGE, language: str | None = None) -> int:
    """Print a built page to printed/ and into the site; 1 with a message if it cannot.

    With a `language`, its translation: from site/<language>/ to printed/<language>/.
    """
    built = _built_pages(project, language)
    html = built / page / "index.html"
    if not html.exists():
        print(
            f"No built page at {html}: run 'make run' first.",
            file=sys.stderr,
        )
        return 1
    words = None
    if language:
        po = project.languages()[language]
        words = Words(language, load(po, language))
    try:
        site_url = language_sites.site_url(project, language)
        pdf = print_page(html, footer(Handout.load(project.handout), words, site_url))
    except BrowserNotFound as missing:
        print(missing, file=sys.stderr)
        return 1
    target = project.printed_in(language) / f"{page}.pdf"
    if not target.exists() or target.read_bytes() != pdf:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(pdf)
    shutil.copyfile(target, built / target.name)
    print(f"PDF: {target.relative_to(project.root)}")
    return 0


def place_printed(project: Project) -> None:
    """Put each printed guide into its built site, where its page links it (a build empties it)."""
    for language in (None, *sorted(project.languages())):
        built = _built_pages(project, language)
        for printed in sorted(project.printed_in(language).glob("*.pdf")):
            if (built / printed.stem).is_dir():  # the page it prints is in this site
                shutil.copyfile(printed, built / printed.name)


def _built_pages(project: Project, language: str | None) -> Path:
    """Where a site in a language has the guide's pages, as mkdocs lays them out."""
    site = project.site / language if language else project.site
    return site / project.pages.relative_to(project.root / "docs")
