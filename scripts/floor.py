#!/usr/bin/env python3
"""The floor: the suite's own steps in plain Playwright, with no pytest runner and no recorder.

It reads features/ with pytest-bdd's parser, finds each step's definition in steps/ as pytest-bdd
would, and calls it with what the suite's fixtures would give: a page, the portal contract,
hands with no observers, the reference portal's demo data. So it visits the same pages,
performs the same actions and checks the same results, by construction. With --screenshots it
runs the guide and troubleshooting scenarios on a desktop and a phone screen and takes a plain
screenshot after each step the guide shows, as many as a guide run takes. What the suite costs
beyond this script is the price of pytest, pytest-bdd, the recorder and its marks.

    python scripts/floor.py                 # the scenario runs of `pytest steps`
    python scripts/floor.py --screenshots   # the runs of a guide run, with its pictures
    python scripts/floor.py -k Register     # only the scenarios whose name has this text
"""

from __future__ import annotations

import argparse
import inspect
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from driftless.capture.actions import Hands  # noqa: E402
from driftless.capture.browser import launch_options, launched_again_if_it_ended, resolve  # noqa: E402
from driftless.capture.patience import watch  # noqa: E402
from driftless.model.record import GUIDE_TAGS, pictured  # noqa: E402
from driftless.plugin.compat import (  # noqa: E402
    Step,
    StepFunctionContext,
    rendered_scenarios,
    step_definitions,
)
from steps import linking, protecting, signing_in  # noqa: E402, F401  (their step definitions)
from steps.browsers import REFERENCE_TIMEOUT_MS, SCREENS, context_options  # noqa: E402
from steps.contract import PortalContract  # noqa: E402
from steps.data import reference_portal  # noqa: E402
from steps.moves import SignIns  # noqa: E402
from steps.reference_portal import GUIDE_TIME, LivePortal, portal_app, start_portal  # noqa: E402

# What the suite's fixtures give a step, by name; the rest come from earlier steps.
GIVEN = ("page", "new_context", "contract", "hands", "portal", "sign_ins", "request")


class NoDefinition(LookupError):
    """A step of features/ that the floor cannot run as the suite would."""


@dataclass(frozen=True)
class Move:
    """One step of a scenario: its definition, the arguments read from its text, its picture."""

    step: Step
    definition: StepFunctionContext
    arguments: dict[str, Any]
    pictured: bool


@dataclass(frozen=True)
class Planned:
    """A scenario (one Outline row) as the floor runs it."""

    name: str
    recorded: bool  # a guide or troubleshooting scenario: both screens, with pictures
    moves: tuple[Move, ...]


def definition_of(step: Step) -> StepFunctionContext:
    """The one step definition pytest-bdd would run for a step."""
    found = [
        context
        for context in step_definitions()
        if context.type in (None, step.type) and context.parser.is_matching(step.name)
    ]
    if len(found) != 1:
        problem = "no step definition" if not found else f"{len(found)} step definitions"
        raise NoDefinition(f"{problem} for {step.keyword} {step.name!r} (line {step.line_number})")
    return found[0]


def move(step: Step, shown: bool, known: set[str]) -> Move:
    """A step with its arguments; every parameter of its definition must be known by then."""
    context = definition_of(step)
    parsed = context.parser.parse_arguments(step.name) or {}
    convert = context.converters
    arguments = {
        key: convert[key](value) if key in convert else value for key, value in parsed.items()
    }
    missing = set(inspect.signature(context.step_func).parameters) - known - arguments.keys()
    if missing:
        raise NoDefinition(f"{step.name!r} needs {', '.join(sorted(missing))}: not given")
    if context.target_fixture:
        known.add(context.target_fixture)
    return Move(step, context, arguments, shown)


def plan(features: Path) -> list[Planned]:
    """What the floor runs: every scenario with its steps' definitions, checked before a run."""
    planned = []
    for scenario, background in rendered_scenarios(features):
        tags = scenario.tags | scenario.feature.tags
        steps = scenario.steps
        kinds = [step.type.capitalize() for step in steps]  # as the recorder reads them
        shown = pictured(kinds, [index < background for index in range(len(steps))], tags)
        known = set(GIVEN)
        moves = tuple(move(step, show, known) for step, show in zip(steps, shown, strict=True))
        planned.append(Planned(scenario.name, bool(tags & GUIDE_TAGS), moves))
    return planned


@dataclass
class Floor:
    """The browser and the reference portal the runs share, and where the pictures go."""

    browser: Browser
    server: LivePortal
    demo_db: Path
    folder: Path
    pictures: Path | None
    sign_ins: SignIns
    contract: PortalContract
    runs: int = 0
    shots: int = 0

    def run(self, planned: Planned, screen: str) -> None:
        """One scenario on one screen, on a fresh copy of the demo database."""
        self.runs += 1
        folder = self.folder / f"run-{self.runs:03d}"
        folder.mkdir()
        self.server.fresh_copy(folder, self.demo_db)
        options = context_options(screen)
        context = self.context(options)
        try:
            page = context.new_page()
            values: dict[str, Any] = {
                "page": page,
                "new_context": lambda: self.context(options),
                "contract": self.contract,
                "hands": Hands(),
                "portal": reference_portal(self.server.url + "/"),
                "sign_ins": self.sign_ins,
                # pytest's request, as far as steps use it: the test's stash, for its report
                "request": SimpleNamespace(node=SimpleNamespace(stash=pytest.Stash())),
            }
            for step in planned.moves:
                func = step.definition.step_func
                wanted = inspect.signature(func).parameters
                result = func(
                    **{name: step.arguments.get(name, values.get(name)) for name in wanted}
                )
                if step.definition.target_fixture:
                    values[step.definition.target_fixture] = result
                if step.pictured and self.pictures is not None and planned.recorded:
                    self.shoot(page, screen)
        finally:
            context.close()

    def context(self, options: dict[str, Any]) -> BrowserContext:
        """A context whose waits end as the suite's do (the reference portal's 30 s at most)."""
        return watch(self.browser.new_context(**options), REFERENCE_TIMEOUT_MS)

    def shoot(self, page: Any, screen: str) -> None:
        """A plain picture of the step just done."""
        assert self.pictures is not None
        self.shots += 1
        page.wait_for_load_state()  # a click may have started loading the next page
        page.screenshot(
            path=self.pictures / f"{screen}-{self.shots:04d}.png",
            animations="disabled",
            caret="hide",
            scale="css",
        )


def run_all(planned: list[Planned], pictures: Path | None, folder: Path) -> tuple[int, int]:
    """Run every scenario as the suite would (recorded ones on both screens with pictures)."""
    server = start_portal(folder / "server", FROZEN_TIME=GUIDE_TIME)
    demo_db = Path(portal_app(folder / "demo", FROZEN_TIME=GUIDE_TIME).config["DATABASE"])
    try:
        with sync_playwright() as playwright:
            browser = launched_again_if_it_ended(
                playwright.chromium.launch, **launch_options(resolve(running=playwright))
            )
            floor = Floor(browser, server, demo_db, folder, pictures, SignIns(), PortalContract({}))
            for scenario in planned:
                for screen in SCREENS if pictures and scenario.recorded else ["desktop"]:
                    floor.run(scenario, screen)
            browser.close()
    finally:
        server.stop()
    return floor.runs, floor.shots


def main(argv: list[str] | None = None) -> int:
    """Run the floor once and print what it did and how long it took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--screenshots", action="store_true", help="record as a guide run does")
    parser.add_argument("-k", metavar="TEXT", default="", help="only scenarios named with TEXT")
    args = parser.parse_args(argv)
    try:
        planned = [p for p in plan(ROOT / "features") if args.k.lower() in p.name.lower()]
    except NoDefinition as problem:
        print(f"floor: {problem}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="floor-") as scratch:
        folder = Path(scratch)
        pictures = folder / "pictures" if args.screenshots else None
        if pictures:
            pictures.mkdir()
        started = time.perf_counter()
        runs, shots = run_all(planned, pictures, folder)
        took = time.perf_counter() - started
    print(f"floor: {runs} scenario runs, {shots} screenshots, {took:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
