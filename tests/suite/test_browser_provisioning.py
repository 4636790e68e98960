"""Finding and installing the Chromium the suite drives."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import psutil
import pytest
from playwright.sync_api import BrowserType

from driftless.capture import browser
from driftless.capture.browser import (
    LEAN_FLAGS,
    QUIET_FLAGS,
    STABLE_FLAGS,
    BrowserNotFound,
    Chromium,
    launch_options,
    resolve,
)
from driftless.plugin.processes import living_descendants
from steps.reference_portal import LivePortal


@pytest.fixture
def fake_chromium(tmp_path: Path) -> Path:
    executable = tmp_path / "chromium"
    executable.write_text("#!/bin/sh\n")
    executable.chmod(0o755)
    return executable


@pytest.fixture
def nothing_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(browser.ENV_VAR, raising=False)
    monkeypatch.setattr(browser, "playwright_chromium", lambda running=None: None)
    monkeypatch.setattr(browser, "system_chromium", lambda headless=True: None)


def test_environment_variable_wins(monkeypatch: pytest.MonkeyPatch, fake_chromium: Path) -> None:
    monkeypatch.setenv(browser.ENV_VAR, str(fake_chromium))
    assert resolve() == Chromium(fake_chromium, "configured")


def test_option_wins_over_environment(
    monkeypatch: pytest.MonkeyPatch, fake_chromium: Path, tmp_path: Path
) -> None:
    monkeypatch.setenv(browser.ENV_VAR, str(tmp_path / "elsewhere"))
    assert resolve(str(fake_chromium)).path == fake_chromium


def test_a_wrong_path_says_what_to_do(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(browser.ENV_VAR, str(tmp_path / "missing"))
    with pytest.raises(BrowserNotFound, match=r"is not an executable file\. Fix the path"):
        resolve()


def test_playwrights_own_chromium_comes_before_the_systems(
    monkeypatch: pytest.MonkeyPatch, fake_chromium: Path
) -> None:
    monkeypatch.delenv(browser.ENV_VAR, raising=False)
    monkeypatch.setattr(browser, "playwright_chromium", lambda running=None: fake_chromium)
    monkeypatch.setattr(browser, "system_chromium", lambda headless=True: Path("/usr/bin/chromium"))
    found = resolve()
    assert found.source == "playwright"
    assert "executable_path" not in launch_options(found)


def test_system_chromium_is_named_at_launch(
    monkeypatch: pytest.MonkeyPatch, fake_chromium: Path
) -> None:
    monkeypatch.delenv(browser.ENV_VAR, raising=False)
    monkeypatch.setattr(browser, "playwright_chromium", lambda running=None: None)
    monkeypatch.setattr(browser, "system_chromium", lambda headless=True: fake_chromium)
    options = launch_options(resolve())
    assert options["executable_path"] == str(fake_chromium)
    assert options["args"] == [*QUIET_FLAGS, *STABLE_FLAGS, *LEAN_FLAGS]


@pytest.mark.usefixtures("nothing_installed")
def test_nothing_found_says_how_to_install() -> None:
    with pytest.raises(BrowserNotFound, match=r"make bootstrap"):
        resolve()


@pytest.mark.usefixtures("nothing_installed")
def test_which_reports_a_missing_browser(capsys: pytest.CaptureFixture[str]) -> None:
    assert browser.which() == 1
    assert "No Chromium found" in capsys.readouterr().err


@pytest.mark.usefixtures("nothing_installed")
def test_ensure_tries_playwright_then_the_system_package(
    monkeypatch: pytest.MonkeyPatch, fake_chromium: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    commands: list[list[str]] = []

    def run(command: list[str]) -> bool:
        commands.append(command)
        if command[:2] == ["apt-get", "install"]:
            monkeypatch.setattr(browser, "system_chromium", lambda headless=True: fake_chromium)
        return "playwright" not in command

    monkeypatch.setattr(browser, "_run", run)
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    monkeypatch.setattr(shutil, "which", lambda name: f"/usr/bin/{name}")
    assert browser.ensure() == 0
    assert commands[0][1:] == ["-m", "playwright", "install", "--with-deps", "chromium"]
    assert commands[1:] == [
        ["apt-get", "update"],
        ["apt-get", "install", "-y", "chromium"],
        ["apt-get", "install", "-y", "chromium-headless-shell"],
    ]
    assert f"Chromium (system): {fake_chromium}" in capsys.readouterr().out


@pytest.mark.usefixtures("nothing_installed")
def test_ensure_without_root_explains(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(browser, "_run", lambda command: False)
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    assert browser.ensure() == 1
    assert "apt-get install chromium" in capsys.readouterr().err


def test_headless_runs_prefer_the_systems_headless_shell(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    for name in ("chromium", "chromium-headless-shell"):
        (tmp_path / name).write_text("#!/bin/sh\n")
        (tmp_path / name).chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert browser.system_chromium() == tmp_path / "chromium-headless-shell"
    assert browser.system_chromium(headless=False) == tmp_path / "chromium"


def test_the_real_lookup_finds_this_machines_chromium() -> None:
    found = resolve()
    assert found.path.is_file()


def _chromiums() -> dict[int, str]:
    """This test process's Chromium processes: pid and command line."""
    found = {}
    for process in living_descendants():
        try:
            command = " ".join(process.cmdline())
        except psutil.Error:
            continue
        if "chrom" in command:
            found[process.pid] = command
    return found


@pytest.mark.browser
def test_the_renderer_limit_keeps_contexts_apart(
    browser_type: BrowserType, live_portal: LivePortal
) -> None:
    """Launched as the suite launches it, two contexts side by side each get a renderer process.

    And neither sees the other's cookies or local storage.
    """
    earlier = set(_chromiums())
    launched = browser_type.launch(**launch_options(resolve()))  # type: ignore[arg-type]
    try:
        pages = [launched.new_context().new_page() for _ in range(2)]
        for page in pages:
            page.goto(live_portal.url + "/")
        pages[0].evaluate("() => { document.cookie = 'seen=1; path=/'; localStorage.seen = '1'; }")
        assert pages[1].evaluate("() => [document.cookie, localStorage.seen]") == ["", None]
        mine = {pid: command for pid, command in _chromiums().items() if pid not in earlier}
        renderers = [command for command in mine.values() if "--type=renderer" in command]
        assert len(renderers) >= 2, f"two contexts shared one renderer: {renderers}"
    finally:
        launched.close()


def test_a_running_playwright_is_asked_for_its_chromium_rather_than_another_started(
    monkeypatch: pytest.MonkeyPatch, fake_chromium: Path
) -> None:
    def no_second_driver() -> None:
        raise AssertionError("a second Playwright driver was started")

    monkeypatch.setattr("playwright.sync_api.sync_playwright", no_second_driver)
    monkeypatch.delenv(browser.ENV_VAR, raising=False)
    running = SimpleNamespace(chromium=SimpleNamespace(executable_path=str(fake_chromium)))
    found = resolve(running=running)  # type: ignore[arg-type]
    assert found == Chromium(fake_chromium, "playwright")
