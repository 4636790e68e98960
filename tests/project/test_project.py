"""Where a project's files are, from [tool.driftless] in its pyproject.toml, not from the code."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from driftless.__main__ import cli
from driftless.model.project import Project, ProjectNotFound

ROOT = Path(__file__).resolve().parents[2]


def test_this_repository_is_a_project_found_from_any_folder_in_it() -> None:
    project = Project.find(ROOT / "steps")
    assert project.root == ROOT
    assert project.handout == ROOT / "features" / "handout.toml"
    assert project.screenshots == ROOT / "docs" / "screenshots"
    assert project.run == ROOT / "build" / "guide-run"


def test_paths_come_from_the_table(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.driftless]\nfeatures = "spec"\npages = "docs/guide"\n'
    )
    project = Project.find(tmp_path)
    assert project.features == tmp_path.resolve() / "spec"
    assert project.pages == tmp_path.resolve() / "docs" / "guide"
    assert project.site == tmp_path.resolve() / "site"  # left out: the default


def test_an_unknown_key_is_named(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.driftless]\nscreenshot = "pics"\n')
    with pytest.raises(ValueError, match=r"unknown key\(s\) screenshot; the keys are features"):
        Project.find(tmp_path)


def test_outside_a_project_the_program_says_where_to_run_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ProjectNotFound):
        Project.find()
    result = CliRunner().invoke(cli, ["site"])
    assert result.exit_code == 1
    assert "Run the command from the project's folder" in result.output
    assert "Traceback" not in result.output
