"""The pytest side of the conformance report: each scenario's outcome, then the report's files.

Outcomes, and the browser and screen each scenario ran on, are gathered from the test reports,
so it works under xdist too; at the end the report is written as report.json and report.html,
merged into the report already there with --conformance-merge.
"""

from __future__ import annotations

import json
import platform
import re
import shutil
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page

from driftless.capture import accessibility
from driftless.model.conformance import Report, Requirement, Run
from driftless.model.failure import StepFailure
from driftless.model.handout import refs_by_line
from driftless.model.project import Project, ProjectNotFound
from driftless.plugin.compat import scenario_wrapper_template_registry
from driftless.plugin.failure_summary import title
from driftless.plugin.provenance import DECLARED, Declared, suite_commit, suite_version
from driftless.plugin.scenario_settings import settings_of
from driftless.plugin.state import AUDITED, FINDINGS
from driftless.render.conformance_page import render_html
from driftless.render.counts import counted
from driftless.render.failure_words import explain

REQUIREMENT = "driftless_requirement"
FAILURE = "driftless_failure"
TESTED_ON = "driftless_tested_on"  # a user property: the browser and screen of a scenario
TESTED = pytest.StashKey[tuple[str, str]]()  # on an item: the same, noted at its first step


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
        key=lambda ref: (ref != "intro", ref == "closing", ref.zfill(3)),  # the handout's order
    )
    tags = {mark.name for mark in item.iter_markers()}
    return {
        "id": item.nodeid,
        "title": title(item, scenario.name),
        "feature": Path(feature.filename).name,
        "handout": cited,
        "core": "core" in tags,
    }


class Collector:
    """Gathers scenario outcomes during the run and writes the report at the end."""

    def __init__(self, folder: Path, portal: str, config: pytest.Config) -> None:
        self.folder = folder
        self.portal = portal
        self.config = config
        self.requirements: dict[str, Requirement] = {}
        self.pages: dict[str, dict[str, Any]] = {}
        self.browsers: set[str] = set()
        self.screens: set[str] = set()

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        """With --conformance-merge, read the report to merge into: of this portal, tested alike."""
        if not self.config.getoption("conformance_merge"):
            return
        path = self.folder / "report.json"
        try:
            earlier = Report.from_json(json.loads(path.read_text("utf-8")))
        except FileNotFoundError:
            raise pytest.UsageError(
                f"--conformance-merge: there is no report to merge into at {path}. "
                "Run without --conformance-merge first."
            ) from None
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise pytest.UsageError(
                f"--conformance-merge: {path} is not a report this suite wrote ({error}). "
                "Write this run to a new folder instead."
            ) from None
        now, then = self.run(), earlier.runs[-1]
        if earlier.portal != self.portal:
            differs = f"it is of {earlier.portal}, this run of {self.portal}"
        elif then.suite_commit != now.suite_commit:
            differs = (
                f"it was made by the suite at {then.suite_commit or 'an unknown commit'}, this "
                f"run is at {now.suite_commit or 'an unknown commit'}"
            )
        elif then.config_sha256 != now.config_sha256:
            differs = "its portal config file had another SHA-256 digest"
        else:
            self.config.stash[EARLIER] = earlier
            return
        raise pytest.UsageError(
            f"--conformance-merge: the report in {self.folder} was not tested the same way "
            f"({differs}), so one report would mix two set-ups. Run every requirement again "
            "without --conformance-merge, or write to another folder."
        )

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        """Update a requirement from each phase's report."""
        props = dict(report.user_properties)
        if tested_on := props.get(TESTED_ON):
            browser, screen = json.loads(str(tested_on))
            self.browsers.add(browser)
            self.screens.add(screen)
        for finding in json.loads(str(props.get(accessibility.FINDINGS, "[]"))):
            self.pages.setdefault(finding["page"], finding)
        if REQUIREMENT not in props:
            return
        described = json.loads(str(props[REQUIREMENT]))
        requirement = self.requirements.setdefault(report.nodeid, Requirement(**described))
        if report.when == "call":  # by then its title says the numbers typed on this portal
            requirement.title = described["title"]
        if cleanup := props.get(CLEANUP):
            requirement.cleanup = str(cleanup)
        if report.skipped and requirement.status != "FAIL":
            requirement.status = "NOT EVALUATED"
            longrepr = report.longrepr
            reason = str(longrepr[2] if isinstance(longrepr, tuple) else longrepr)
            requirement.reason = reason.removeprefix("Skipped: ")
        elif report.failed and report.when == "teardown" and requirement.status == "PASS":
            # Tidying up is not what the requirement is about: a finding of its own.
            lines = str(report.longrepr).strip().splitlines()
            requirement.cleanup = f"failed while tidying up: {lines[-1][:300]}"
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

    def run(self) -> Run:
        """How this run tested the portal."""
        declared = self.config.stash.get(DECLARED, Declared())
        return Run(
            date=datetime.now(UTC).isoformat(timespec="seconds"),
            suite_version=suite_version(),
            suite_commit=suite_commit(self.config.rootpath),
            browsers=sorted(self.browsers),
            screens=sorted(self.screens),
            os=platform.platform(),
            python=platform.python_version(),
            playwright=metadata.version("playwright"),
            command=" ".join(["pytest", *self.config.invocation_params.args]),
            config_file=declared.file.name if declared.file else "",
            config_sha256=declared.digest,
            locators=dict(sorted(declared.locators.items())),
            wording=dict(sorted(declared.wording.items())),
        )

    def keep_evidence(self) -> None:
        """Copy each failure's screenshot and trace beside the report, and name them from there.

        pytest-playwright's output folder is emptied by the next run, so a report, merged
        runs' included, keeps its own copies (`evidence/<test>/`).
        """
        where = self.config.invocation_params.dir
        for requirement in self.requirements.values():
            folder = self.folder / "evidence" / re.sub(r"[^\w.-]+", "-", requirement.id)[:120]
            for name in ("screenshot", "trace"):
                found = Path(getattr(requirement, name) or "")
                source = found if found.is_absolute() else where / found
                if not str(found) or not source.is_file():
                    continue
                folder.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, folder / source.name)
                setattr(requirement, name, str((folder / source.name).relative_to(self.folder)))

    def write(self) -> Report:
        """Write report.json and report.html (over the earlier report, when merging)."""
        self.keep_evidence()
        report = Report(
            self.portal,
            [self.run()],
            sorted(self.requirements.values(), key=lambda r: r.id),
            [self.pages[name] for name in sorted(self.pages)],
        )
        if earlier := self.config.stash.get(EARLIER, None):
            report = report.merge(earlier)
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "report.json").write_text(
            json.dumps(report.as_json(), indent=2) + "\n", "utf-8"
        )
        (self.folder / "report.html").write_text(render_html(report, self.folder), "utf-8")
        return report


EARLIER = pytest.StashKey[Report]()  # with --conformance-merge: the report this run adds to


CONFORMANCE = pytest.StashKey[Collector]()
CLEANUP = "cleanup"  # a user property: a problem tidying up after a scenario, in a sentence
# How a scenario that could not start with the test account unlinked is skipped (not evaluated).
NOT_CLEAN = "not evaluated: the test account could not be unlinked before it"
VERDICT = pytest.StashKey[str]()  # the report's two summary lines, for the terminal


def add_options(group: pytest.OptionGroup) -> None:
    """--conformance-report, --conformance-merge and --fail-on-accessibility."""
    group.addoption(
        "--conformance-report",
        metavar="DIR",
        help="write a conformance report (report.json, report.html) of the scenarios to DIR",
    )
    group.addoption(
        "--conformance-merge",
        action="store_true",
        help="with --conformance-report: merge this run into the report already in DIR (the "
        "requirements run again replace their results; run a few with -k or --lf)",
    )
    group.addoption(
        "--conformance-traces",
        choices=("on", "off"),
        default="on",
        help="with --conformance-report or --portal-config: trace every scenario from the start "
        "and keep the traces of those that fail (on, the default), or record no trace at all "
        "and run no failure again for one (off: about a quarter faster; each failure keeps its "
        "screenshot)",
    )
    group.addoption(
        "--fail-on-accessibility",
        action="store_true",
        help="with --conformance-report: fail the run if a page has a serious or critical "
        "axe-core violation",
    )


def configure(config: pytest.Config) -> None:
    """With a report asked for: a collector, on the controller (its evidence: `evidence`)."""
    report_dir = config.getoption("conformance_report")
    if not report_dir:
        return
    if not hasattr(config, "workerinput"):
        portal = config.getoption("base_url") or "the reference portal"
        config.stash[CONFORMANCE] = Collector(Path(report_dir), portal, config)
        config.pluginmanager.register(config.stash[CONFORMANCE], "driftless-conformance")


def note_tested_on(request: pytest.FixtureRequest, page: Page | None) -> None:
    """With a report asked for, note the browser and screen of the scenario (at its first step)."""
    reporting = request.config.getoption("conformance_report")
    if page is not None and reporting and TESTED not in request.node.stash:
        request.node.stash[TESTED] = browser_and_screen(request, page)


def audit(request: pytest.FixtureRequest, page: Page | None) -> None:
    """With a report asked for, audit a page the first time the run sees it."""
    if page is None or not request.config.getoption("conformance_report"):
        return
    note_tested_on(request, page)
    audited = request.config.stash.setdefault(AUDITED, set())
    if finding := accessibility.audit(page, audited):
        request.node.stash.setdefault(FINDINGS, []).append(finding)


def attach(item: pytest.Item, report: pytest.TestReport, failure: StepFailure | None) -> None:
    """Carry what the report needs in the test report, so it crosses xdist too."""
    if report.when == "call" and (tested_on := item.stash.get(TESTED, None)):
        report.user_properties.append((TESTED_ON, json.dumps(tested_on)))
    if failure is not None:
        explained = {"step": failure.step, "explained": explain(failure)}
        report.user_properties.append((FAILURE, json.dumps(explained)))
    if item.config.getoption("conformance_report") and (requirement := describe(item)):
        report.user_properties.append((REQUIREMENT, json.dumps(requirement)))
    if report.when == "teardown" and (findings := item.stash.get(FINDINGS, None)):
        report.user_properties.append((accessibility.FINDINGS, json.dumps(findings)))


def browser_and_screen(request: pytest.FixtureRequest, page: Page) -> tuple[str, str]:
    """The browser (name and version) and screen (name and size) a scenario runs on."""
    browser = page.context.browser
    name = f"{browser.browser_type.name} {browser.version}" if browser else "unknown browser"
    screen = settings_of(request).screen
    if size := page.viewport_size:
        screen += f" {size['width']}x{size['height']}"
    return name, screen


def finish(session: pytest.Session) -> None:
    """Write the report, and the portal's own guide beside it if one was recorded."""
    collector = session.config.stash.get(CONFORMANCE, None)
    if collector is None or session.exitstatus == pytest.ExitCode.USAGE_ERROR:
        return
    report = collector.write()
    verdict = "conforms" if report.conforms else "does not conform"
    blocking = report.blocking_accessibility()
    session.config.stash[VERDICT] = (
        f"Conformance: {report.portal} {verdict}; {collector.folder / 'report.html'}\n"
        f"Accessibility: {counted(blocking, 'serious or critical axe-core violation')}"
    )
    unclean = [r for r in report.requirements if r.reason.startswith(NOT_CLEAN)]
    if unclean:
        session.config.stash[VERDICT] += (
            f"\n{counted(len(unclean), 'requirement was', 'requirements were')} not evaluated: the "
            "test account could not be "
            f"unlinked{unclean[0].reason.removeprefix(NOT_CLEAN)}. Remove the link by hand, then "
            "run them again into this report: --lf --conformance-merge."
        )
    if blocking and session.config.getoption("fail_on_accessibility"):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    run_dir = session.config.getoption("guide_run")
    if run_dir and any(Path(run_dir).glob("*.json")):
        from driftless.publish import (
            guide_update,  # Pillow and Jinja only when a guide is asked for
        )

        try:
            project = Project.find(session.config.rootpath)
        except (ProjectNotFound, ValueError) as error:
            session.config.stash[VERDICT] += f"\nThe portal's guide was not published: {error}"
            return
        guide_update.publish_into(project, Path(run_dir), collector.folder / "guide", report.portal)


def summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say where the report is and what it concluded."""
    line = terminalreporter.config.stash.get(VERDICT, None)
    if line:
        terminalreporter.section("Conformance report")
        terminalreporter.line(line)
