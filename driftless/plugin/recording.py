"""--guide-run: the guide scenarios recorded on a desktop and a phone screen, for publishing."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest

from driftless.capture import actions
from driftless.capture.actions import Hands, Observer
from driftless.capture.recorder import Recorder, Timings
from driftless.model.record import GUIDE_TAGS
from driftless.plugin.compat import EXAMPLE_FIXTURE, Feature, Scenario
from driftless.plugin.retrace import is_retracing
from driftless.plugin.scenario_settings import settings_of
from driftless.plugin.state import OBSERVERS, RECORDER


def add_options(group: pytest.OptionGroup) -> None:
    """--guide-run and --redact."""
    group.addoption(
        "--guide-run",
        metavar="DIR",
        help="record the guide scenarios (tags guide, troubleshooting) on desktop and phone "
        "screens into DIR, for `python -m driftless publish`",
    )
    group.addoption(
        "--guide-profile",
        metavar="FILE",
        help="with --guide-run, write where recording took its time to FILE (JSON: seconds "
        "and count of each phase: settle, measure, screenshot, write, name, the steps' own "
        "actions and checks, pictures taken before the page settled); under xdist each worker "
        "writes its own, FILE-gw0 ...",
    )
    group.addoption(
        "--redact",
        action="append",
        default=[],
        metavar="SELECTOR",
        help="Playwright selector of personal data to mask in every guide screenshot "
        '(repeatable), e.g. --redact "text=/\\d{3}-\\d{4}/"',
    )


def configure(config: pytest.Config) -> None:
    """With --guide-run, a recorder that watches the steps' actions."""
    if OBSERVERS not in config.stash:
        config.stash[OBSERVERS] = []
    run_dir = config.getoption("guide_run")
    if run_dir:
        recorder = Recorder(Path(run_dir), redact=list(config.getoption("redact")))
        config.stash[RECORDER] = recorder
        config.stash[OBSERVERS].append(recorder)
        actions.CHECKS_HEARD_BY.append(recorder)


def unconfigure(config: pytest.Config) -> None:
    """The run's recorder hears no more checks (pytest may run again in the same process)."""
    recorder = config.stash.get(RECORDER, None)
    if recorder in actions.CHECKS_HEARD_BY:
        actions.CHECKS_HEARD_BY.remove(recorder)
    profile = config.getoption("guide_profile")
    if recorder is not None and profile:
        write_profile(recorder.timings, Path(profile), getattr(config, "workerinput", None))


def write_profile(timings: Timings, path: Path, worker: dict[str, str] | None) -> None:
    """The recorder's phases as JSON: {phase: {"seconds": s, "times": n}}."""
    if worker is not None:
        path = path.with_name(f"{path.stem}-{worker['workerid']}{path.suffix}")
    phases = {
        name: {"seconds": round(timings.seconds[name], 3), "times": timings.times[name]}
        for name in sorted(timings.times)
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(phases, indent=2) + "\n")


def hands(config: pytest.Config) -> Hands:
    """The action layer the steps click and type through, watched by the run's observers."""
    observers: list[Observer] = config.stash[OBSERVERS]
    return Hands([*observers])


def recorder_for(request: pytest.FixtureRequest) -> Recorder | None:
    """The recorder, unless this run records nothing or is a failed scenario's second run."""
    if is_retracing(request.config):
        return None  # the record of the first run stands
    return request.config.stash.get(RECORDER, None)


def start(request: pytest.FixtureRequest, feature: Feature, scenario: Scenario) -> None:
    """Start recording a guide scenario."""
    recorder = recorder_for(request)
    tags = set(scenario.tags) | set(feature.tags)
    if recorder is None or not tags & GUIDE_TAGS:
        return
    example: dict[str, str] = request.getfixturevalue(EXAMPLE_FIXTURE) or {}
    background = (
        {step.line_number for step in feature.background.steps} if feature.background else set()
    )
    steps = [
        (step.type, step.name, step.line_number, step.docstring, step.line_number in background)
        for step in scenario.steps
    ]
    settings = settings_of(request)
    recorder.start(
        Path(feature.filename),
        feature.name,
        scenario.name,
        scenario.description or "",
        tags,
        settings.screen,
        dict(example),
        steps,
        (scenario.line_number, _row(feature, scenario.name, example)),
        settings.redact,
        settings.clock,
    )


def _row(feature: Feature, name: str, example: Mapping[str, str]) -> int:
    """The example's place among its outline's Examples rows (0 for a plain scenario)."""
    template = feature.scenarios.get(name)
    rows = [row for table in template.examples for row in table.as_contexts()] if template else []
    return next((index for index, row in enumerate(rows) if row == dict(example)), 0)
