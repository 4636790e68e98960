"""A scenario step that could not be done: plain data, rendered for the terminal and reports."""

from __future__ import annotations

from dataclasses import dataclass, field


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
