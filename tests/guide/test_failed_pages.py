"""A run in which a scenario failed changes no other page, language or catalogue.

The whole guide of features/ is published from records made as a guide run makes them (every
guide scenario on both screens, plain pictures, each pictured step marking one control), in
English and in every language the project has; then a run in which one page's scenario failed
half-way (its later steps without pictures) must stage every file exactly as published, and the
same catalogue template.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from driftless.model.handout import refs_by_line
from driftless.model.project import Project
from driftless.model.record import GUIDE_TAGS, Capture, Mark, ScenarioRecord, StepRecord, dump
from driftless.model.record import pictured as pictured_steps
from driftless.plugin.compat import FeatureParser
from driftless.publish.guide_update import stage
from driftless.publish.outcome import Outcome
from driftless.publish.staged_files import swap
from driftless.render.catalogues import same
from tests.support import ROOT

SCREENS = {"desktop": (1280, 800), "phone": (390, 844)}


def picture() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (240, 240, 240)).save(out, format="PNG")
    return out.getvalue()


def records_of(features: Path) -> list[ScenarioRecord]:
    """A passing record of every guide scenario of the features, on both screens."""
    made = []
    for path in sorted(features.glob("*.feature")):
        feature = FeatureParser(str(path.parent), path.name).parse()
        refs = refs_by_line(path)
        for template in feature.scenarios.values():
            rows = [row for table in template.examples for row in table.as_contexts()] or [{}]
            for row_number, row in enumerate(rows):
                scenario = template.render(row)
                tags = set(scenario.tags) | set(feature.tags)
                if not tags & GUIDE_TAGS:
                    continue
                behind = len(template.all_background_steps)
                for screen in SCREENS:
                    made.append(record(scenario, tags, screen, row, refs, behind, row_number))
    return made


def record(
    scenario: object,
    tags: set[str],
    screen: str,
    row: dict[str, str],
    refs: dict[int, str | None],
    behind: int,
    row_number: int,
) -> ScenarioRecord:
    steps = list(scenario.steps)  # type: ignore[attr-defined]
    made = ScenarioRecord(
        feature=Path(scenario.feature.filename).name,  # type: ignore[attr-defined]
        feature_name=scenario.feature.name,  # type: ignore[attr-defined]
        name=scenario.name,  # type: ignore[attr-defined]
        description=scenario.description or "",  # type: ignore[attr-defined]
        tags=sorted(tags),
        screen=screen,
        example=dict(row),
        line=scenario.line_number,  # type: ignore[attr-defined]
        row=row_number,
    )
    shown = pictured_steps(
        [step.type.capitalize() for step in steps], [i < behind for i in range(len(steps))], tags
    )
    width, height = SCREENS[screen]
    for index, (step, show) in enumerate(zip(steps, shown, strict=True), 1):
        mark = Mark(10, 10, 20, 10, "button", f"Control {index}")
        captures = [
            Capture(f"{made.key}--{index:02d}.png", screen, width, height, "/page", (mark,))
        ]
        made.steps.append(
            StepRecord(
                step.type.capitalize(), step.name, step.line_number, refs.get(step.line_number),
                step.docstring, index <= behind, "passed", captures if show else [],
            )
        )  # fmt: skip
    return made


def failed_half_way(made: ScenarioRecord) -> None:
    """The scenario failed at its middle step: no pictures from there on."""
    middle = len(made.steps) // 2
    made.status = "failed"
    for step in made.steps[middle:]:
        step.status, step.captures = ("failed" if step is made.steps[middle] else "skipped"), []


def write_run(folder: Path, records: list[ScenarioRecord]) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for made in records:
        dump(made, folder / f"{made.key}.json")
        for step in made.steps:
            for shot in step.captures:
                (folder / shot.image).write_bytes(picture())
    return folder


def files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "drift" not in path.parts
    }


@pytest.mark.parametrize(
    "failing",
    [
        "Find your accounts next time",  # a page the others link to and close with
        "Link your utility account",  # the main page, with asides and an illustration
        "Sign-in does not show Account Settings",  # an aside, shown on another page
        "Numbers that match no account",  # an entry of the Troubleshooting page
    ],
)
def test_a_failed_scenario_changes_nothing_else(tmp_path: Path, failing: str) -> None:
    project = Project.find(ROOT)
    docs, shots = tmp_path / "live" / "docs" / "generated", tmp_path / "live" / "shots"
    languages = {language: docs.parent / language / "generated" for language in project.languages()}
    assert languages, "the project has a translation"
    good = records_of(project.features)
    assert any(made.name == failing for made in good), failing

    first = stage(project, write_run(tmp_path / "good", good), docs, shots, tmp_path / "s1", "")
    swap(tmp_path / "s1", docs, shots, tmp_path / "drift", languages)
    published = files(tmp_path / "live")
    assert len(published) > 100

    broken = records_of(project.features)
    for made in broken:
        if made.name == failing:
            failed_half_way(made)
    run = write_run(tmp_path / "bad", broken)
    outcome: Outcome = stage(project, run, docs, shots, tmp_path / "s2", "")

    assert outcome.kept, "the failed scenario's page is kept"
    staged = {
        **{f"docs/generated/{n}": b for n, b in files(tmp_path / "s2" / "docs").items()},
        **{f"shots/{n}": b for n, b in files(tmp_path / "s2" / "screenshots").items()},
        **{
            f"docs/{language}/generated/{n}": b
            for language in languages
            for n, b in files(tmp_path / "s2" / "languages" / language).items()
        },
    }
    assert staged.keys() == published.keys()
    assert [name for name in published if staged[name] != published[name]] == []
    assert same(outcome.pot, first.pot)
    assert not outcome.drift
