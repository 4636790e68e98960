"""The conformance report: each requirement (a scenario) with PASS, FAIL or NOT EVALUATED."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

SCHEMA = Path(__file__).parents[1] / "schemas" / "conformance-report.schema.json"
BLOCKING = frozenset({"serious", "critical"})  # the axe-core impacts that can fail a report


def blocking(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The serious and critical violations among an audit's."""
    return [v for v in violations if v["impact"] in BLOCKING]


@dataclass
class Requirement:
    """One scenario of the suite, as a requirement on the portal."""

    id: str
    title: str
    feature: str
    handout: list[str]
    core: bool
    status: str = "NOT EVALUATED"  # PASS, FAIL or NOT EVALUATED
    reason: str = ""
    expected: str = ""
    observed: str = ""
    screenshot: str = ""
    trace: str = ""
    cleanup: str = ""  # what went wrong tidying up afterwards: its own finding, not the verdict


@dataclass
class Report:
    """The whole conformance report."""

    portal: str
    date: str
    suite_version: str
    requirements: list[Requirement] = field(default_factory=list)
    accessibility: list[dict[str, Any]] = field(default_factory=list)

    def blocking_accessibility(self) -> int:
        """How many serious or critical axe-core violations the pages have."""
        return sum(len(blocking(page["violations"])) for page in self.accessibility)

    @property
    def conforms(self) -> bool:
        """Every core requirement passed."""
        core = [r for r in self.requirements if r.core]
        return bool(core) and all(r.status == "PASS" for r in core)

    def as_json(self) -> dict[str, Any]:
        """The report as the schema describes it."""
        counts = {
            s: sum(r.status == s for r in self.requirements)
            for s in ("PASS", "FAIL", "NOT EVALUATED")
        }
        return {
            "portal": self.portal,
            "date": self.date,
            "suite_version": self.suite_version,
            "conforms": self.conforms,
            "summary": counts,
            "requirements": [asdict(r) for r in self.requirements],
            "accessibility": self.accessibility,
        }
