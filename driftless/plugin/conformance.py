"""The pytest side of the conformance report: each scenario's outcome, then the report's files.

Outcomes are gathered from the test reports, so it works under xdist too; at the end the
report is written as report.json and report.html.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from driftless.capture import accessibility
from driftless.model.conformance import Report, Requirement
from driftless.model.handout import refs_by_line
from driftless.plugin.compat import EXAMPLE_FIXTURE, scenario_wrapper_template_registry
from driftless.render.conformance import render_html

REQUIREMENT = "driftless_requirement"
FAILURE = "driftless_failure"


def describe(item: pytest.Item) -> dict[str, Any] | None:
    """A scenario test's requirement, for its reports; None for tests that are not scenarios."""
    function = getattr(item, "obj", None)
    scenario = scenario_wrapper_template_registry.get(function) if function else None
    if scenario is None:
        return None
    feature = scenario.feature
    refs = refs_by_line(Path(feature.filename))
    cited = sorted(
        {ref for step in scenario.steps if (ref := refs.get(step.line_number))},
        key=lambda ref: (not ref.isdigit(), ref.zfill(3)),
    )
    callspec = getattr(item, "callspec", None)
    example = callspec.params.get(EXAMPLE_FIXTURE, {}) if callspec else {}
    typed = [
        f"{name}: \u201c{value}\u201d"
        for name, value in example.items()
        if name not in ("message", "what to do")
    ]
    title = f"{scenario.name} ({', '.join(typed)})" if typed else scenario.name
    screen = callspec.params.get("screen") if callspec else None
    if screen:
        title += f" [{screen}]"
    tags = {mark.name for mark in item.iter_markers()}
    return {
        "id": item.nodeid,
        "title": title,
        "feature": Path(feature.filename).name,
        "handout": cited,
        "core": "core" in tags,
    }


class Collector:
    """Gathers scenario outcomes during the run and writes the report at the end."""

    def __init__(self, folder: Path, portal: str) -> None:
        self.folder = folder
        self.portal = portal
        self.requirements: dict[str, Requirement] = {}
        self.pages: dict[str, dict[str, Any]] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Update a requirement from each phase's report."""
        props = dict(report.user_properties)
        for finding in json.loads(str(props.get(accessibility.FINDINGS, "[]"))):
            self.pages.setdefault(finding["page"], finding)
        if REQUIREMENT not in props:
            return
        requirement = self.requirements.setdefault(
            report.nodeid, Requirement(**json.loads(str(props[REQUIREMENT])))
        )
        if report.skipped and requirement.status != "FAIL":
            requirement.status = "NOT EVALUATED"
            longrepr = report.longrepr
            reason = str(longrepr[2] if isinstance(longrepr, tuple) else longrepr)
            requirement.reason = reason.removeprefix("Skipped: ")
        elif report.failed and requirement.status == "FAIL":
            lines = str(report.longrepr).strip().splitlines()
            requirement.reason = f"Also failed while tidying up ({report.when}): {lines[-1][:300]}"
        elif report.failed:
            requirement.status = "FAIL"
            failure = json.loads(str(props.get(FAILURE, "{}")))
            requirement.expected = failure.get("step", "")
            requirement.observed = failure.get("explained", str(report.longrepr)[:2000])
        elif report.when == "call" and report.passed:
            requirement.status = "PASS"
        for name, value in report.user_properties:
            if name == "playwright_screenshot" and not requirement.screenshot:
                requirement.screenshot = str(value)
            if name == "playwright_trace":
                requirement.trace = str(value)

    def write(self) -> Report:
        """Write report.json and report.html."""
        try:
            version = metadata.version("tulsa-utility-guide")
        except metadata.PackageNotFoundError:
            version = "unknown"
        report = Report(
            self.portal,
            datetime.now(UTC).isoformat(timespec="seconds"),
            version,
            sorted(self.requirements.values(), key=lambda r: r.id),
            [self.pages[name] for name in sorted(self.pages)],
        )
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "report.json").write_text(
            json.dumps(report.as_json(), indent=2) + "\n", "utf-8"
        )
        (self.folder / "report.html").write_text(render_html(report), "utf-8")
        return report
