"""Failures told in a resident's words: which step of which scenario, and what was on screen."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from driftless.compat import TerminalRepr, TerminalWriter

MAX_ERROR_LINES = 8
SHOWN_ON_PAGE = """() => {
  const texts = (selector) => Array.from(document.querySelectorAll(selector))
    .map((element) => element.innerText.replace(/\\s+/g, " ").trim()).filter(Boolean);
  return {headings: texts("h1, h2").slice(0, 4), alerts: texts("[role=alert], [role=status]")};
}"""


@dataclass(frozen=True)
class PageView:
    """What the resident saw when the step failed."""

    url: str
    title: str
    headings: list[str] = field(default_factory=list)
    alerts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class StepFailure:
    """A scenario step that could not be done, and why."""

    scenario: str
    step: str
    location: str
    handout: str | None
    error: str
    page: PageView | None = None


def look_at(page: Page | None) -> PageView | None:
    """Read the page's address, title, main headings and messages; None if it cannot be read."""
    if page is None or page.is_closed():
        return None
    try:
        shown = page.evaluate(SHOWN_ON_PAGE)
        return PageView(page.url, page.title(), shown["headings"], shown["alerts"])
    except PlaywrightError:
        return PageView(page.url, "")


def short_error(error: BaseException) -> str:
    """The first lines of an error, without Playwright's call log."""
    text = str(error).split("Call log:")[0].strip() or type(error).__name__
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    return "\n".join(lines[:MAX_ERROR_LINES])


def explain(failure: StepFailure) -> str:
    """The failure as a resident-facing paragraph."""
    cited = f" (handout step {failure.handout})" if failure.handout else ""
    lines = [
        f'Scenario "{failure.scenario}" failed at {failure.location}.',
        f"The resident could not do this step{cited}:",
        f"    {failure.step}",
        "What went wrong:",
        *(f"    {line}" for line in failure.error.splitlines()),
    ]
    if failure.page:
        lines += [
            "On the screen:",
            f"    address: {failure.page.url}",
            f"    title: {failure.page.title}",
        ]
        lines += [f"    heading: {heading}" for heading in failure.page.headings]
        lines += [f"    message: {alert}" for alert in failure.page.alerts]
    return "\n".join(lines)


def one_line(failure: StepFailure) -> str:
    """A single-line summary, for reports that show one line per failure."""
    first = failure.error.splitlines()[0] if failure.error else ""
    return f"{failure.step}: {' '.join(first.split())}"


@dataclass
class _Crash:
    path: str
    lineno: int
    message: str


class ResidentsView(TerminalRepr):
    """A failure report that starts with the resident's view, then pytest's own details."""

    def __init__(self, failure: StepFailure, original: object) -> None:
        self.failure = failure
        self.original = original
        path, _, line = failure.location.rpartition(":")
        self.reprcrash = _Crash(
            str(Path(path)), int(line) if line.isdigit() else 0, one_line(failure)
        )

    def toterminal(self, tw: TerminalWriter) -> None:
        """Write the resident's view, then the technical details."""
        tw.line(explain(self.failure), bold=True)
        tw.line("")
        tw.line("Technical details:")
        if isinstance(self.original, TerminalRepr):
            self.original.toterminal(tw)
        else:
            tw.line(str(self.original))
