"""The stages of driftless import one way only, as ARCHITECTURE.md says.

model (plain data) <- capture (Playwright) and render (no browser) <- publish <- plugin (pytest).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STAGES = ("model", "capture", "render", "publish", "plugin")
# What each stage may not import: later stages, and the tools of other stages.
FORBIDDEN = {
    "model": ("driftless.capture", "driftless.render", "driftless.publish", "driftless.plugin",
              "playwright", "axe_playwright_python", "pytest", "_pytest", "pytest_bdd", "PIL",
              "jinja2"),
    "capture": ("driftless.render", "driftless.publish", "driftless.plugin",
                "pytest", "_pytest", "pytest_bdd"),
    "render": ("driftless.capture", "driftless.publish", "driftless.plugin",
               "playwright", "axe_playwright_python", "pytest", "_pytest", "pytest_bdd"),
    "publish": ("driftless.plugin", "pytest", "_pytest", "pytest_bdd"),
    "plugin": (),
}  # fmt: skip


def imported(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, with its line."""
    names = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append((node.lineno, node.module))
    return names


@pytest.mark.parametrize("stage", STAGES)
def test_a_stage_imports_only_what_comes_before_it(stage: str) -> None:
    forbidden = FORBIDDEN[stage]
    wrong = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in sorted((ROOT / "driftless" / stage).glob("*.py"))
        for line, name in imported(path)
        if any(name == bad or name.startswith(bad + ".") for bad in forbidden)
    ]
    assert wrong == [], f"driftless/{stage} must not import these (see ARCHITECTURE.md)"


def test_every_module_is_in_a_stage() -> None:
    loose = sorted(
        p.name
        for p in (ROOT / "driftless").glob("*.py")
        if p.name not in ("__init__.py", "__main__.py")
    )
    assert loose == [], "put each module in the stage it belongs to (see ARCHITECTURE.md)"


def test_the_portal_knows_nothing_of_the_suite() -> None:
    wrong = [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in sorted((ROOT / "reference_app").glob("*.py"))
        for line, name in imported(path)
        if name.split(".")[0] in ("steps", "driftless", "tests", "pytest", "playwright")
    ]
    assert wrong == []


def test_steps_check_through_the_recorders_expect() -> None:
    """A step's checks are what its picture marks, so steps use driftless.capture.actions.expect."""
    direct = []
    for path in sorted((ROOT / "steps").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            playwright = isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                "playwright"
            )
            if playwright and any(alias.name == "expect" for alias in node.names):  # type: ignore[attr-defined]
                direct.append(path.name)
    # expect's settings, and the clean-up's check:
    assert direct == ["plugin.py", "portal_fixtures.py"]


def test_no_two_modules_share_a_name() -> None:
    """A module's name says what it holds, so one name is one thing across the stages."""
    named: dict[str, list[str]] = {}
    for folder in ("driftless", "steps", "reference_app", "scripts"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.name not in ("__init__.py", "__main__.py"):
                named.setdefault(path.name, []).append(str(path.relative_to(ROOT)))
    assert {name: paths for name, paths in named.items() if len(paths) > 1} == {}


def test_no_module_is_over_400_lines_nor_any_function_over_50() -> None:
    """A newcomer reads a module whole, and a function on one screen."""
    long: list[str] = []
    for folder in ("driftless", "steps", "reference_app", "scripts"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            text, where = path.read_text("utf-8"), path.relative_to(ROOT)
            if (lines := text.count("\n")) > 400:
                long.append(f"{where}: {lines} lines")
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    size = (node.end_lineno or node.lineno) - node.lineno + 1
                    if size > 50:
                        long.append(f"{where}:{node.lineno} {node.name}: {size} lines")
    assert long == []
