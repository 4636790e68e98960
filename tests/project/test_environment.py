"""The project's environment: installed from uv.lock, which must agree with pyproject.toml.

The guide's pictures depend on the exact Playwright, Pillow, pytest-bdd and mkdocs-material
releases, so every machine installs the locked ones (`scripts/bootstrap`, `uv sync --locked`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from driftless.plugin import compat

pytestmark = pytest.mark.subprocess  # each test starts a program of its own

ROOT = Path(__file__).resolve().parents[2]
UV = Path(sys.executable).with_name("uv")  # the locked uv, installed beside this Python
OFFLINE = {**os.environ, "UV_SYSTEM_CERTS": "1", "UV_OFFLINE": "1", "UV_NO_PROGRESS": "1"}


def uv(*args: str, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(UV), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**OFFLINE, **env},
        timeout=120,
    )


def test_the_lock_matches_pyproject() -> None:
    checked = uv("lock", "--check")
    assert checked.returncode == 0, (
        f"uv.lock does not match pyproject.toml: run 'make lock' and commit uv.lock.\n"
        f"{checked.stderr}"
    )


def test_a_pyproject_edited_without_its_lock_is_caught(tmp_path: Path) -> None:
    for name in ("pyproject.toml", "uv.lock", "README.md"):
        shutil.copy2(ROOT / name, tmp_path / name)
    pyproject = tmp_path / "pyproject.toml"
    edited = pyproject.read_text().replace('"flask>=3.1",', '"flask>=3.1.2",')
    assert edited != pyproject.read_text()
    pyproject.write_text(edited)
    # uv resolves the edited requirements to compare them, for every Python the project allows:
    # on a machine whose cache holds only what it installed, that needs the package index.
    checked = uv("lock", "--check", cwd=tmp_path, UV_OFFLINE="0")
    assert checked.returncode != 0
    assert "needs to be updated" in checked.stderr


def test_the_tests_run_in_the_locked_environment() -> None:
    # Every locked package at its locked version; the project itself is an editable install of
    # this checkout, whatever its files are now.
    checked = uv(
        "sync", "--locked", "--check", "--inexact", "--no-install-project",
        UV_PROJECT_ENVIRONMENT=sys.prefix,
    )  # fmt: skip
    assert checked.returncode == 0, (
        f"this environment ({sys.prefix}) is not the one uv.lock describes; run 'make "
        f"bootstrap', or run the tests with 'make test'.\n{checked.stderr}"
    )


def test_the_bootstrap_installs_the_uv_the_lock_pins() -> None:
    locked = tomllib.loads((ROOT / "uv.lock").read_text())
    version = next(p["version"] for p in locked["package"] if p["name"] == "uv")
    assert uv("--version").stdout.split()[1] == version


@pytest.mark.parametrize("package", ["pytest", "pytest-bdd"])
def test_a_library_whose_internals_are_used_has_an_upper_bound(package: str) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    bound = next(d for d in project["dependencies"] if d.split(">")[0].split("<")[0] == package)
    assert "<" in bound, f"{package} is used through driftless/plugin/compat.py: bound it above"


def test_only_the_compat_module_reaches_into_internals() -> None:
    offenders = []
    for path in sorted([*ROOT.glob("*.py"), *ROOT.glob("[!.]*/**/*.py")]):
        if path == ROOT / "driftless" / "plugin" / "compat.py" or ".venv" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            words = line.split()
            imported = words[1] if len(words) > 1 and words[0] in ("import", "from") else ""
            public = imported in ("pytest_bdd", "pytest_bdd.parsers")
            if imported.startswith(("_pytest", "pytest_bdd")) and not public:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == [], "import these through driftless/plugin/compat.py"


def test_the_compat_names_still_exist() -> None:
    from pytest_bdd import plugin

    assert compat.EXAMPLE_FIXTURE in vars(plugin), "pytest-bdd renamed its Outline fixture"
    assert hasattr(pytest.Item, "_initrequest") or hasattr(pytest.Function, "_initrequest")
    assert callable(compat.runtestprotocol)


def bootstrap_copy(tmp_path: Path) -> Path:
    """The bootstrap in a project folder of its own, so that a failure can change nothing real."""
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    for name in ("pyproject.toml", "uv.lock"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copy2(ROOT / "scripts" / "bootstrap", project / "scripts" / "bootstrap")
    return project


def fake(folder: Path, name: str, script: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(f"#!/bin/sh\n{script}\n")
    (folder / name).chmod(0o755)


def bootstrap(project: Path, bin_dir: Path, python: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", str(project / "scripts" / "bootstrap")],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(project), "PYTHON": python},
        timeout=60,
    )


def test_the_bootstrap_names_a_missing_python(tmp_path: Path) -> None:
    project = bootstrap_copy(tmp_path)
    done = bootstrap(project, tmp_path / "bin", "python3.99")
    assert done.returncode == 1
    assert "no Python called 'python3.99' on PATH" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (project / ".venv").exists()


def test_the_bootstrap_refuses_an_old_python(tmp_path: Path) -> None:
    project = bootstrap_copy(tmp_path)
    fake(tmp_path / "bin", "python3", 'case "$2" in *version_info*) exit 1;; esac; echo 3.9.18')
    done = bootstrap(project, tmp_path / "bin", "python3")
    assert done.returncode == 1
    assert "is Python 3.9.18; the project needs 3.11 or newer" in done.stderr
    assert not (project / ".venv").exists()


def test_without_venv_or_uv_the_bootstrap_says_what_to_install(tmp_path: Path) -> None:
    # A Python without its venv module (Debian's without python3-venv), no uv, and not root.
    project = bootstrap_copy(tmp_path)
    bin_dir = tmp_path / "bin"
    real = sys.base_prefix + "/bin/python3"
    fake(bin_dir, "python3", f'case "$2" in *ensurepip*) exit 1;; esac; exec {real} "$@"')
    fake(bin_dir, "id", "echo 1000")
    assert shutil.which("uv", path=f"{bin_dir}:/usr/bin:/bin") is None
    done = bootstrap(project, bin_dir, "python3")
    assert done.returncode == 1
    assert "has no venv module" in done.stderr
    assert "sudo apt-get install python3." in done.stderr
    assert not (project / ".venv").exists()
