"""Failures told in a resident's words: which step of which scenario, and what was on screen."""

from __future__ import annotations

from driftless.model.failure import StepFailure

MAX_ERROR_LINES = 8


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
