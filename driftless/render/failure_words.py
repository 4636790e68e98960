"""Failures told in a resident's words: which step of which scenario, and what was on screen."""

from __future__ import annotations

import re

from driftless.model.failure import StepFailure

MAX_ERROR_LINES = 8


# An `expect` that found nothing, with the element's description in its call log.
NOT_FOUND = re.compile(
    r"element\(s\) not found.*?Call log:\s*- Expect \"(?P<check>\w+)\" (?P<what>.+?) "
    r"with timeout (?P<ms>\d+)ms",
    re.DOTALL,
)
CHECKS = {"to_be_visible": "see", "to_have_text": "see", "to_contain_text": "see"}
# A count that was not what the step expected ("none of my account details"), described.
COUNTED = re.compile(
    r"expected to have count '(?P<expected>\d+)'.*?Actual value: (?P<actual>\d+).*?"
    r"Call log:\s*- Expect \"to_have_count\" (?P<what>.+?) with timeout",
    re.DOTALL,
)


# Any other check of a described element that did not hold: what was expected and what was seen.
EXPECTED = re.compile(
    r"Locator expected (?P<expected>.+?)\nActual value: (?P<actual>.*?)\s*\n.*?"
    r"Call log:\s*- Expect \"(?P<check>\w+)\" (?P<what>.+?) with timeout",
    re.DOTALL,
)


def short_error(error: BaseException, settled_after: float | None = None) -> str:
    """The first lines of an error, without Playwright's call log.

    An `expect` that found no element described in words says so in a sentence: within how
    long, or, if it gave up once the page had settled, after how long.
    """
    when_settled = (
        f"once the page had settled ({settled_after:.1f} s)" if settled_after is not None else ""
    )
    counted = COUNTED.search(str(error))
    if counted and not counted["what"].startswith(("get_by_", "locator(", "internal:")):
        return _miscounted(counted, when_settled)
    found = NOT_FOUND.search(str(error))
    if found and not found["what"].startswith(("get_by_", "locator(", "internal:")):
        verb = CHECKS.get(found["check"], "find")
        seconds = int(found["ms"]) / 1000
        when = when_settled or f"within {seconds:g} s"
        return f"Did not {verb} {found['what']} on the screen {when}."
    unexpected = EXPECTED.search(str(error))
    if unexpected and not unexpected["what"].startswith(("get_by_", "locator(", "internal:")):
        return _unexpected(unexpected, when_settled)
    text = str(error).split("Call log:")[0].strip() or type(error).__name__
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    return "\n".join(lines[:MAX_ERROR_LINES])


def _unexpected(found: re.Match[str], when_settled: str) -> str:
    """A check that did not hold, in words: the element, what it should be, what it was."""
    what, expected = found["what"], found["expected"].replace("'", "\u201c", 1)
    expected = expected.replace("'", "\u201d", 1)
    actual = found["actual"].strip() or "nothing"
    said = f"{what[:1].upper()}{what[1:]} was expected {expected}, but had {actual}"
    return f"{said} {when_settled}." if when_settled else f"{said}."


def _miscounted(counted: re.Match[str], when_settled: str) -> str:
    """A count check that failed, in words: what was still there, or how often."""
    expected, actual, what = counted["expected"], counted["actual"], counted["what"]
    if expected == "0":
        said = f"Still saw {what} on the screen"
    else:
        said = f"Saw {what} {actual} times, not {expected}"
    return f"{said} {when_settled}." if when_settled else f"{said}."


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


SECONDS = re.compile(r"\s*\(?\b(?:within |after )?\d+(?:\.\d+)? ?m?s\b\)?")


def cause(failure: StepFailure) -> str:
    """What went wrong, without its timings: failures with the same cause say the same."""
    first = failure.error.splitlines()[0] if failure.error else ""
    return SECONDS.sub("", " ".join(first.split())).strip()


def same_cause(failure: StepFailure, first: StepFailure) -> str:
    """A failure told in two lines, after the first of those with the same cause."""
    cited = f" (handout step {failure.handout})" if failure.handout else ""
    return "\n".join(
        [
            f'Scenario "{failure.scenario}" failed at {failure.location}{cited}:',
            f"    {failure.step}",
            f'Same cause as "{first.scenario}" above: {cause(failure)}',
        ]
    )
