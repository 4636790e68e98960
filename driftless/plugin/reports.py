"""What QA reads in their own tools: traces by Gherkin step, pictures in cucumber JSON, JUnit.

- A traced scenario's trace (`--tracing`, or the run again for a trace after a failure) has a
  group per Gherkin step, named by its text and pointing at its feature file line, so Playwright's
  trace viewer reads like the scenario.
- The cucumber JSON gets each step's picture on guide runs and the failed step's screenshot as
  `embeddings` (`image/png`, base64), where Cucumber reporters show them; a picture larger than
  `--cucumber-embed-limit` is named instead (`text/plain`), so reports stay small.
- Each JUnit test case gets properties: its feature file and line, the handout instructions it
  carries out, and on a failure the failed step, its instruction, the screenshot and the trace.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from driftless.model.handout import refs_by_line
from driftless.model.record import ScenarioRecord
from driftless.plugin.compat import (
    Feature,
    Step,
    scenario_reports_registry,
    test_report_context_registry,
)
from driftless.plugin.state import FAILURE
from driftless.render.qa import html_report

GROUPED = pytest.StashKey[BrowserContext]()  # on an item: the context whose trace has a group open
PICTURES = pytest.StashKey[dict[int, list[str]]]()  # on an item: step line -> its pictures
SCREENSHOT = pytest.StashKey[str]()  # on an item: the failed step's screenshot
STEP_PICTURES = "step_pictures"  # the report property carrying them to the controller
FAILED_STEP_SCREENSHOT = "screenshot"
DEFAULT_LIMIT_KB = 300
SHOWN_PROPERTIES = (
    "feature",
    "handout",
    "failed_step",
    "failed_handout",
    "screenshot",
    "playwright_trace",
)


def add_options(group: pytest.OptionGroup) -> None:
    """--cucumber-embed-limit, --html-report."""
    group.addoption(
        "--html-report",
        metavar="PATH",
        help="write one self-contained HTML page of every scenario, its steps, errors and "
        "pictures, for readers without a reporting server (needs --cucumberjson)",
    )
    group.addoption(
        "--cucumber-embed-limit",
        type=int,
        default=DEFAULT_LIMIT_KB,
        metavar="KB",
        help="embed pictures up to KB kilobytes each in the cucumber JSON; larger ones are named "
        f"instead, 0 embeds none (default {DEFAULT_LIMIT_KB})",
    )


def configure(config: pytest.Config) -> None:
    """Embed the pictures in the cucumber JSON, if one is written."""
    path = getattr(config.option, "cucumber_json_path", None)
    page = config.getoption("html_report", None)
    if page and not path:
        raise pytest.UsageError(
            "--html-report is made from the cucumber JSON: add --cucumberjson=PATH"
        )
    if path and not hasattr(config, "workerinput"):  # the controller writes it
        config.pluginmanager.register(Embedder(Path(path), config), "driftless-embeddings")


def _tracing(request: pytest.FixtureRequest) -> bool:
    return str(request.config.getoption("tracing", "off")) != "off"


def begin_step(request: pytest.FixtureRequest, feature: Feature, step: Step) -> None:
    """Open the step's group in the scenario's trace, if it is traced."""
    if not _tracing(request):
        return
    try:  # the scenario's own context (made now for its first step: its steps all use it)
        context: BrowserContext = request.getfixturevalue("context")
        context.tracing.group(
            f"{step.keyword} {step.name}",
            location={"file": str(feature.filename), "line": step.line_number, "column": 1},
        )
    except PlaywrightError:
        return
    request.node.stash[GROUPED] = context


def end_step(request: pytest.FixtureRequest) -> None:
    """Close the step's group, if one is open."""
    context = request.node.stash.get(GROUPED, None)
    if context is None:
        return
    del request.node.stash[GROUPED]
    try:
        context.tracing.group_end()
    except PlaywrightError:
        return  # the context has closed: its trace is already whole


def failed_step(request: pytest.FixtureRequest, page: Page | None) -> None:
    """Keep a screenshot of what was on screen when a step failed."""
    if page is None or page.is_closed():
        return
    folder = Path(request.config.getoption("output", "test-results")) / _slug(request.node.nodeid)
    path = folder / "failed-step.png"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=path, timeout=5_000)
    except (PlaywrightError, OSError):
        return
    request.node.stash[SCREENSHOT] = str(path)


def _slug(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", nodeid).strip("-")[:150]


def remember_pictures(
    request: pytest.FixtureRequest, record: ScenarioRecord | None, run_dir: Path
) -> None:
    """The guide run's pictures of a scenario's steps, for its cucumber JSON."""
    if record is None:
        return
    request.node.stash[PICTURES] = {
        step.line: [str(run_dir / capture.image) for capture in step.captures]
        for step in record.steps
        if step.captures
    }


def properties(item: pytest.Item, report: pytest.TestReport) -> None:
    """A scenario's JUnit properties, and the pictures its cucumber JSON embeds."""
    kept = scenario_reports_registry.get(item)  # the report's own is filled in after this hook
    if report.when != "call" or kept is None:
        return
    scenario = kept.serialize()
    feature = scenario["feature"]
    cited = refs_by_line(Path(feature["filename"]))
    refs = dict.fromkeys(
        ref for step in scenario["steps"] if (ref := cited.get(step["line_number"]))
    )
    # JUnit XML writes the properties of a test's last report (teardown's, made from the item's).
    junit = [
        ("feature", f"{feature['rel_filename']}:{scenario['line_number']}"),
        ("handout", ", ".join(refs)),
    ]
    failure = item.stash.get(FAILURE, None)
    taken: dict[int, list[str]] | None = item.stash.get(PICTURES, None)
    pictures = dict(taken or {})
    if report.failed and failure is not None:
        junit += [
            ("failed_step", f"{failure.step} ({failure.location})"),
            ("failed_handout", failure.handout or ""),
        ]
        if screenshot := item.stash.get(SCREENSHOT, None):
            line = int(failure.location.rpartition(":")[2])
            junit.append((FAILED_STEP_SCREENSHOT, screenshot))
            pictures[line] = [*pictures.get(line, []), screenshot]
    item.user_properties.extend(junit)
    report.user_properties.extend(junit)
    if pictures:
        report.user_properties.append((STEP_PICTURES, json.dumps(pictures)))


class Embedder:
    """Adds the pictures to the cucumber JSON pytest-bdd writes, once it has written it."""

    def __init__(self, path: Path, config: pytest.Config) -> None:
        self.path = path.expanduser().absolute()
        self.limit = int(config.getoption("cucumber_embed_limit", DEFAULT_LIMIT_KB)) * 1024
        page = config.getoption("html_report", None)
        self.page = Path(page).expanduser().absolute() if page else None
        self.pictures: dict[tuple[str, str], dict[int, list[str]]] = {}
        self.properties: dict[tuple[str, str], list[tuple[str, str]]] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Note the pictures a scenario's report carries."""
        context = test_report_context_registry.get(report)
        if context is None:
            return
        key = (context.scenario["feature"]["rel_filename"], context.name)
        for name, value in report.user_properties:  # a trace comes with the teardown's
            if name == STEP_PICTURES and report.when == "call":
                lines = {int(line): paths for line, paths in json.loads(str(value)).items()}
                self.pictures[key] = lines
            elif name in SHOWN_PROPERTIES:
                self.properties.setdefault(key, []).append((name, str(value)))

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        """Rewrite the cucumber JSON with each step's pictures embedded; write the HTML page."""
        if not self.path.exists() or (not self.pictures and self.page is None):
            return
        try:
            features: list[dict[str, Any]] = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return
        for feature in features:
            for element in feature.get("elements", []):
                lines = self.pictures.get((feature.get("uri", ""), element.get("id", "")), {})
                for step in element.get("steps", []):
                    embedded = [self.embedding(Path(p)) for p in lines.get(step.get("line"), [])]
                    if embedded := [e for e in embedded if e]:
                        step["embeddings"] = embedded
        if self.pictures:
            self.path.write_text(json.dumps(features), "utf-8")
        if self.page is not None:
            self.page.parent.mkdir(parents=True, exist_ok=True)
            self.page.write_text(html_report(features, self.properties), "utf-8")

    def embedding(self, picture: Path) -> dict[str, str] | None:
        """A picture as Cucumber embeds it, or its name if it is over the limit."""
        try:
            data = picture.read_bytes()
        except OSError:
            return None
        if len(data) > self.limit:
            note = f"{picture} ({len(data) // 1024} KB, over --cucumber-embed-limit)"
            return {"mime_type": "text/plain", "data": base64.b64encode(note.encode()).decode()}
        return {
            "mime_type": "image/png",
            "data": base64.b64encode(data).decode(),
            "name": picture.name,
        }
