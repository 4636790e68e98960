"""How the printed guide names another page: by its title, its web address and a QR code.

On paper a link goes nowhere, so where a web page links to another page of the guide, the
printed one says where that page is online. Pure: the same address always gives the same code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import segno

from driftless.render.catalogues import ENGLISH

PRINTED = "link-your-utility-account"  # the page that stands for the handout, printed to PDF
QR_SIZE = 72  # CSS pixels: three quarters of an inch on paper, which a phone's camera reads


def address(site: str, page: str, anchor: str = "") -> str:
    """A guide page's web address as a resident types it: no "https://", the site's folders kept.

    `page` is its name ("register"), or "" for the home page; `site` the guide's site_url.
    """
    if not site:
        return ""
    bare = site.split("://", 1)[-1].rstrip("/")
    path = f"{bare}/generated/{page}/" if page else f"{bare}/"
    return path + (f"#{anchor}" if anchor else "")


def printed_at(name: str, site: str, language: str) -> str:
    """Where a page's PDF is on the site, from the site's root: the page's folder, `name`.pdf.

    The PDF is printed from the built page, into the built site, so the site's build cannot
    check a relative link to it (and Zensical and MkDocs read a relative link in HTML apart):
    the link is from the root of the site's address (site_url), which the builds leave as is.
    """
    root = urlsplit(site).path if site else "/" if language == ENGLISH else f"/{language}/"
    return f"{root}generated/{name}.pdf"


def qr_code(link: str) -> str:
    """A QR code opening `link`, as an SVG data URI for an image's source."""
    code = segno.make(f"https://{link}", error="m", micro=False)
    return str(code.svg_data_uri(scale=1, border=2))


@dataclass
class PaperReferences:
    """A printed page's references to other pages: each page's QR code printed once per page."""

    site: str  # the guide's site_url, in the page's language
    coded: set[str] = field(default_factory=set)  # pages whose QR code this page printed

    def to(self, page: str, anchor: str = "") -> dict[str, str]:
        """Where a page is online ({} without a site_url): its address, and its QR code once."""
        link = address(self.site, page, anchor)
        if not link:
            return {}
        first = page not in self.coded
        self.coded.add(page)
        return {"address": link, "qr": qr_code(link) if first else "", "size": str(QR_SIZE)}
