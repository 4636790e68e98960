"""The conformance report: each requirement (a scenario) with PASS, FAIL or NOT EVALUATED.

A report also says how it was tested (`Run`: the browser, the machine, the suite's version and
commit, the config file's digest and the deviations it declared), so a PASS can be weighed. A
report may gather several runs: requirements run again replace their earlier result (`merge`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
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
    run: int = 0  # which of the report's runs decided it


@dataclass
class Run:
    """How one run of the suite tested the portal."""

    date: str
    suite_version: str
    suite_commit: str  # the suite checkout's commit ("+changes" when it had local changes)
    browsers: list[str]  # name and version of each browser the scenarios ran in
    screens: list[str]  # e.g. "desktop 1280x800"
    os: str
    python: str
    playwright: str
    command: str  # the pytest arguments of the run
    config_file: str = ""
    config_sha256: str = ""
    # What the config declared instead of the contract's defaults: locator overrides (element
    # key: how it is found) and the portal's own wording (City's message: the portal's).
    locators: dict[str, str] = field(default_factory=dict)
    wording: dict[str, str] = field(default_factory=dict)

    @property
    def deviations(self) -> int:
        """How many declared deviations this run's results rest on."""
        return len(self.locators) + len(self.wording)


@dataclass
class Report:
    """The whole conformance report."""

    portal: str
    runs: list[Run]
    requirements: list[Requirement] = field(default_factory=list)
    accessibility: list[dict[str, Any]] = field(default_factory=list)

    @property
    def date(self) -> str:
        """When the latest run was made."""
        return self.runs[-1].date

    @property
    def suite_version(self) -> str:
        """The suite version of the latest run."""
        return self.runs[-1].suite_version

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
            "runs": [asdict(run) for run in self.runs],
            "requirements": [asdict(r) for r in self.requirements],
            "accessibility": self.accessibility,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        """A report as `as_json` wrote it."""
        return cls(
            data["portal"],
            [Run(**run) for run in data["runs"]],
            [Requirement(**r) for r in data["requirements"]],
            data["accessibility"],
        )

    def merge(self, earlier: Report) -> Report:
        """Lay these results over an earlier report's: what was run again replaces its result.

        Only the runs some requirement still rests on are kept, renumbered in order.
        """
        mine = {r.id for r in self.requirements}
        kept = [r for r in earlier.requirements if r.id not in mine]
        runs = [*earlier.runs, *self.runs]
        offset = len(earlier.runs)
        merged = [*kept, *(replace(r, run=r.run + offset) for r in self.requirements)]
        used = sorted({r.run for r in merged}) or [len(runs) - 1]
        renumber = {old: new for new, old in enumerate(used)}
        pages = {page["page"]: page for page in earlier.accessibility}
        pages.update({page["page"]: page for page in self.accessibility})
        return Report(
            self.portal,
            [runs[index] for index in used],
            sorted((replace(r, run=renumber[r.run]) for r in merged), key=lambda r: r.id),
            [pages[name] for name in sorted(pages)],
        )
