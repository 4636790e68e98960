"""What QA reads in their own tools: traces by Gherkin step, pictures in cucumber JSON, JUnit.

- A traced scenario's trace (`--tracing`, or the run again for a trace after a failure) has a
  group per Gherkin step, named by its text and pointing at its feature file line, so Playwright's
  trace viewer reads like the scenario.
- The cucumber JSON gets each step's picture on guide runs and the failed step's screenshot as
  `embeddings` (`image/png`, base64), where Cucumber reporters show them; a picture larger than
  `--cucumber-embed-limit` is named instead (`text/plain`), so reports stay small.
- Each JUnit test case gets properties: its feature file and line, the handout instructions it
  carries out, and on a failure the failed step, its instruction, the screenshot, the page as it
  was and the trace; and the same files as `[[ATTACHMENT|path]]` lines in its `system-out`,
  where GitLab's test report and Jenkins' junit-attachments plugin look for them.
- A failed scenario's steps after the failed one are "skipped" in the cucumber JSON (pytest-bdd
  calls them failed), and each scenario run is named so that an Outline's rows and a guide
  scenario's desktop and phone runs are told apart.
"""

from __future__ import annotations

import base64
import json
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from driftless.capture.patience import screen_of
from driftless.model.handout import refs_by_line
from driftless.model.record import ScenarioRecord
from driftless.plugin.compat import (
    Feature,
    Step,
    junit_names,
    scenario_reports_registry,
    test_report_context_registry,
)
from driftless.plugin.failure_summary import title
from driftless.plugin.retrace import is_retracing
from driftless.plugin.state import FAILURE
from driftless.render.qa import html_report

GROUPED = pytest.StashKey[BrowserContext]()  # on an item: the context whose trace has a group open
PICTURES = pytest.StashKey[dict[int, list[str]]]()  # on an item: step line -> its pictures
SCREENSHOT = pytest.StashKey[tuple[str, str]]()  # on an item: the failed step's screenshot, page
STEP_PICTURES = "step_pictures"  # the report property carrying them to the controller
TITLE = "scenario_title"  # a report's attribute (carried by xdist): the scenario run's name
FAILED_STEP_SCREENSHOT = "screenshot"
FAILED_PAGE = "failed_page"  # the page's HTML as it was when the step failed
TRACE = "playwright_trace"
DEFAULT_LIMIT_KB = 300
SHOWN_PROPERTIES = (
    "feature",
    "handout",
    "failed_step",
    "failed_handout",
    FAILED_STEP_SCREENSHOT,
    FAILED_PAGE,
    TRACE,
)
# The files a failure leaves, in the order their attachments are listed (GitLab shows the first).
ATTACHED = (FAILED_STEP_SCREENSHOT, FAILED_PAGE, TRACE)


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
    junit = getattr(config.option, "xmlpath", None)
    if junit and not hasattr(config, "workerinput"):
        config.pluginmanager.register(Attachments(Path(junit)), "driftless-attachments")


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


def failed_step(
    request: pytest.FixtureRequest, page: Page | None, error: BaseException | None = None
) -> None:
    """Keep what was on screen when a step failed: a screenshot, and the page's HTML.

    The page the failing action or check was on, as the error kept it (a step's own browser
    window may be closed since), else the scenario's page. In the scenario's folder of
    pytest-playwright's --output, beside its trace. Not when the scenario is run again for its
    trace: the first run's screen is the failure's.
    """
    if is_retracing(request.config):
        return
    folder = Path(str(request.getfixturevalue("output_path")))
    picture, html = folder / "failed-step.png", folder / "failed-step.html"
    try:
        kept = screen_of(error) if error is not None else None
        if kept is None and page is not None and not page.is_closed():
            kept = (page.screenshot(timeout=5_000), page.content())
        if kept is None:
            return
        shown, content = kept
        folder.mkdir(parents=True, exist_ok=True)
        picture.write_bytes(shown)
        html.write_text(content, "utf-8")
    except (PlaywrightError, OSError):
        return
    where = request.config.invocation_params.dir
    request.node.stash[SCREENSHOT] = (_for_report(picture, where), _for_report(html, where))


def _for_report(path: Path, where: Path) -> str:
    """A file's path relative to where pytest was started, if inside it (as pytest-playwright's)."""
    try:
        return str(path.relative_to(where))
    except ValueError:
        return str(path)


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
        if files := item.stash.get(SCREENSHOT, None):
            screenshot, html = files
            line = int(failure.location.rpartition(":")[2])
            junit += [(FAILED_STEP_SCREENSHOT, screenshot), (FAILED_PAGE, html)]
            pictures[line] = [*pictures.get(line, []), screenshot]
    if not is_retracing(item.config):  # a run again for a trace adds only its trace
        item.user_properties.extend(junit)
    report.user_properties.extend(junit)
    setattr(report, TITLE, title(item, scenario["name"]))
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
        self.titles: dict[tuple[str, str], str] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Note the pictures and the name a scenario's report carries."""
        context = test_report_context_registry.get(report)
        if context is None:
            return
        key = (context.scenario["feature"]["rel_filename"], context.name)
        if shown := getattr(report, TITLE, None):
            self.titles[key] = str(shown)
        for name, value in report.user_properties:  # a trace comes with the teardown's
            if name == STEP_PICTURES and report.when == "call":
                lines = {int(line): paths for line, paths in json.loads(str(value)).items()}
                self.pictures[key] = lines
            elif name in SHOWN_PROPERTIES:
                self.properties.setdefault(key, []).append((name, str(value)))

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        """Rewrite the cucumber JSON: pictures embedded, names, skipped steps; the HTML page."""
        if not self.path.exists():
            return
        try:
            features: list[dict[str, Any]] = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            return
        for feature in features:
            for element in feature.get("elements", []):
                key = (feature.get("uri", ""), element.get("id", ""))
                element["name"] = self.titles.get(key, element.get("name", ""))
                lines = self.pictures.get(key, {})
                for step in element.get("steps", []):
                    embedded = [self.embedding(Path(p)) for p in lines.get(step.get("line"), [])]
                    if embedded := [e for e in embedded if e]:
                        step["embeddings"] = embedded
                skip_after_failure(element.get("steps", []))
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


def skip_after_failure(steps: list[dict[str, Any]]) -> None:
    """Mark the steps after a failed one skipped: they never ran (pytest-bdd says failed)."""
    failed = False
    for step in steps:
        result = step.setdefault("result", {})
        if failed:
            step["result"] = {"status": "skipped", "duration": 0}
        failed = failed or result.get("status") == "failed"


class Attachments:
    """Adds each failure's files to the JUnit XML as `[[ATTACHMENT|path]]` lines.

    In the test case's `system-out`, one line a file: GitLab's test report shows the first (the
    screenshot), Jenkins' junit-attachments plugin keeps them all.
    """

    def __init__(self, path: Path) -> None:
        self.path = path.expanduser().absolute()
        self.files: dict[tuple[str, str], list[str]] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Note the files a failed test's reports name."""
        named = [str(v) for name in ATTACHED for n, v in report.user_properties if n == name]
        if (named and report.failed) or (named and report.when == "teardown"):
            kept = self.files.setdefault(junit_names(report.nodeid), [])
            kept.extend(file for file in named if file not in kept)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        """Rewrite the JUnit XML pytest has written with the attachment lines."""
        if not self.files or not self.path.exists():
            return
        try:
            tree = ElementTree.parse(self.path)
        except (OSError, ElementTree.ParseError):
            return
        for case in tree.getroot().iter("testcase"):
            files = self.files.get((case.get("classname", ""), case.get("name", "")))
            if not files or (case.find("failure") is None and case.find("error") is None):
                continue
            out = case.find("system-out")
            if out is None:
                out = ElementTree.SubElement(case, "system-out")
            lines = [f"[[ATTACHMENT|{file}]]" for file in sorted(files, key=_attached_order)]
            out.text = "\n".join([*filter(None, [out.text]), *lines])
        tree.write(self.path, encoding="utf-8", xml_declaration=True)


def _attached_order(file: str) -> int:
    return {".png": 0, ".html": 1}.get(Path(file).suffix, 2)
