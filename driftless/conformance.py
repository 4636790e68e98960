"""The conformance report: each requirement (a scenario) with PASS, FAIL or NOT EVALUATED.

The model and the JSON and HTML renderers are pure; `Collector` is the pytest side, which
gathers the outcome of every scenario from the test reports (so it works under xdist too).
"""

from __future__ import annotations

import base64
import html
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from driftless import accessibility
from driftless.compat import EXAMPLE_FIXTURE, scenario_wrapper_template_registry
from driftless.handout import refs_by_line

REQUIREMENT = "driftless_requirement"
FAILURE = "driftless_failure"
SCHEMA = Path(__file__).with_name("schemas") / "conformance-report.schema.json"


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
        return sum(len(accessibility.blocking(page["violations"])) for page in self.accessibility)

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


def _embedded(path: str) -> str:
    file = Path(path)
    if not path or not file.is_file():
        return ""
    return "data:image/png;base64," + base64.b64encode(file.read_bytes()).decode()


def render_html(report: Report) -> str:
    """One self-contained page: no external file is needed to read it."""
    data = report.as_json()
    rows = []
    for r in report.requirements:
        detail = ""
        if r.status == "FAIL":
            picture = _embedded(r.screenshot)
            detail = (
                f"<p><strong>Expected:</strong> {html.escape(r.expected)}</p>"
                f"<pre>{html.escape(r.observed)}</pre>"
                + (f'<img alt="The screen when it failed" src="{picture}">' if picture else "")
                + (
                    f"<p>Trace: <code>playwright show-trace {html.escape(r.trace)}</code></p>"
                    if r.trace
                    else ""
                )
            )
        elif r.reason:
            detail = f"<p>{html.escape(r.reason)}</p>"
        rows.append(
            f'<tr class="{r.status.replace(" ", "-").lower()}"><td>{html.escape(r.status)}</td>'
            f"<td>{html.escape(r.title)}{' <em>(core)</em>' if r.core else ''}{detail}</td>"
            f"<td>{html.escape(', '.join(r.handout))}</td><td>{html.escape(r.feature)}</td></tr>"
        )
    pages = "".join(
        f"<tr><td>{html.escape(page['page'])}</td><td>"
        + (
            "".join(
                f"<div><strong>{html.escape(v['impact'])}</strong> {html.escape(v['id'])}: "
                f"{html.escape(v['help'])} ({v['elements']} elements)</div>"
                for v in page["violations"]
            )
            or "no violations"
        )
        + "</td></tr>"
        for page in report.accessibility
    )
    audit_section = (
        "<h2>Accessibility (axe-core)</h2><table><thead><tr><th>Page</th><th>Violations</th>"
        f"</tr></thead><tbody>{pages}</tbody></table>"
        if report.accessibility
        else ""
    )
    verdict = "conforms" if report.conforms else "does not conform"
    summary = ", ".join(f"{count} {status}" for status, count in data["summary"].items())
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Conformance report</title>
<style>
body {{ font-family: sans-serif; margin: 2rem; color: #1d2733; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border: 1px solid #cdd6df; padding: .5rem; text-align: left; vertical-align: top; }}
tr.pass td:first-child {{ background: #e7f4ea; }} tr.fail td:first-child {{ background: #fdecea; }}
tr.not-evaluated td:first-child {{ background: #eef0f2; }}
img {{ max-width: 640px; border: 1px solid #cdd6df; display: block; margin-top: .5rem; }}
pre {{ white-space: pre-wrap; background: #f5f7f9; padding: .5rem; }}
</style></head><body>
<h1>Conformance report</h1>
<p>Portal <strong>{html.escape(report.portal)}</strong> {verdict} to the City of Tulsa's
"Utility Billing Linking Accounts" guide: {html.escape(summary)}.</p>
<p>Date {html.escape(report.date)} · suite version {html.escape(report.suite_version)}</p>
<table><thead><tr><th>Result</th><th>Requirement</th><th>Handout steps</th><th>Feature</th></tr>
</thead><tbody>
{chr(10).join(rows)}
</tbody></table>
{audit_section}
</body></html>
"""


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
