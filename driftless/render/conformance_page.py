"""The conformance report as one self-contained HTML page."""

from __future__ import annotations

import base64
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from driftless.model.conformance import Report


def embedded(path: str) -> str:
    """A PNG file as a data: address, so the page needs no file beside it ("" if none)."""
    file = Path(path)
    if not path or not file.is_file():
        return ""
    return "data:image/png;base64," + base64.b64encode(file.read_bytes()).decode()


def render_html(report: Report, folder: Path | None = None) -> str:
    """One self-contained page: no external file is needed to read it.

    The report's files (screenshots, traces) are named relative to `folder`, its own.
    """
    counts = report.as_json()["summary"]
    summary = ", ".join(f"{count} {status}" for status, count in counts.items())

    def embed(path: str) -> str:
        return embedded(str(folder / path) if folder is not None and path else path)

    return PAGE.render(report=report, summary=summary, embed=embed)


_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=True,  # everything shown comes from a portal, which may be anyone's
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
)
_TEMPLATES.filters["embedded"] = embedded
PAGE = _TEMPLATES.get_template("conformance-report.html.j2")
