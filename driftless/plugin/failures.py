"""A failed scenario's report in pytest's terminal: the resident's view first, then pytest's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from driftless.model.failure import StepFailure
from driftless.plugin.compat import TerminalRepr, TerminalWriter
from driftless.render.failures import explain, one_line


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
