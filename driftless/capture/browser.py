"""Find, and if need be install, the Chromium the suite drives.

Order: an explicit path (option or DRIFTLESS_CHROMIUM), then Playwright's own Chromium, then a
system Chromium. `python -m driftless browser ensure` installs one when none is
present: first Playwright's (`playwright install chromium`), then, where that cannot download
and we are root, Debian's `chromium` package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

ENV_VAR = "DRIFTLESS_CHROMIUM"
SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Chromium's old headless shell: no window, and about 40% less work a scenario than the full
# browser in headless mode. Playwright's own download launches its shell the same way.
HEADLESS_SHELL = "chromium-headless-shell"
# Without these a system Chromium keeps calling home, which fails (and waits) offline.
QUIET_FLAGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
)
# The same pixels every run: no LCD subpixel text, no hinting, one colour profile, full rasters.
STABLE_FLAGS = (
    "--force-color-profile=srgb",
    "--disable-lcd-text",
    "--font-render-hinting=none",
    "--disable-partial-raster",
    "--disable-skia-runtime-opts",
)
# Less work a scenario: without a limit Chromium starts a spare renderer process ahead of each
# new context, and most are thrown away (19 renderers for 10 contexts; 8 with it). A renderer
# still never serves two contexts, and each site still gets its own. The display compositor
# (software, in a headless browser) runs as a thread of the browser rather than a GPU process
# of its own: one process fewer to pass every frame and screenshot through.
LEAN_FLAGS = ("--renderer-process-limit=1", "--in-process-gpu")
INSTALL_TIMEOUT = 600


class BrowserNotFound(Exception):
    """No usable Chromium: the message says how to get one."""


@dataclass(frozen=True)
class Chromium:
    """A Chromium executable and where it came from."""

    path: Path
    source: str  # "configured", "playwright" or "system"

    @property
    def needs_executable_path(self) -> bool:
        """Playwright finds its own Chromium; any other must be named at launch."""
        return self.source != "playwright"


def playwright_chromium(running: Playwright | None = None) -> Path | None:
    """Playwright's own Chromium, if it has been downloaded.

    Asked of `running`, a Playwright already started, if there is one: starting its driver
    only to ask costs about 0.3 s.
    """
    from playwright.sync_api import Error, sync_playwright

    if running is not None:
        path = Path(running.chromium.executable_path)
        return path if path.exists() else None
    try:
        with sync_playwright() as playwright:
            path = Path(playwright.chromium.executable_path)
    except Error:
        return None
    return path if path.exists() else None


def system_chromium(headless: bool = True) -> Path | None:
    """A Chromium installed by the system's package manager, if any (its shell if headless)."""
    for name in (HEADLESS_SHELL, *SYSTEM_NAMES) if headless else SYSTEM_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def resolve(
    explicit: str | None = None, *, headless: bool = True, running: Playwright | None = None
) -> Chromium:
    """The Chromium to use, or BrowserNotFound saying what to do (`running`: see above)."""
    configured = explicit or os.environ.get(ENV_VAR)
    if configured:
        path = Path(configured)
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise BrowserNotFound(
                f"The Chromium named by {'--chromium' if explicit else ENV_VAR} ({configured}) "
                "is not an executable file. Fix the path, or unset it to use the one installed "
                "by 'make bootstrap'."
            )
        return Chromium(path, "configured")
    bundled = playwright_chromium(running)
    if bundled:
        return Chromium(bundled, "playwright")
    system = system_chromium(headless)
    if system:
        return Chromium(system, "system")
    raise BrowserNotFound(
        "No Chromium found. Run 'make bootstrap' to find or install one, or "
        f"set {ENV_VAR} to the path of a Chromium or Chrome executable."
    )


def launch_options(chromium: Chromium | None) -> dict[str, object]:
    """Keyword arguments for Playwright's chromium.launch() (None: the launcher's own Chromium)."""
    options: dict[str, object] = {"args": [*QUIET_FLAGS, *STABLE_FLAGS, *LEAN_FLAGS]}
    if chromium is not None and chromium.needs_executable_path:
        options["executable_path"] = str(chromium.path)
    return options


# What Playwright says when the Chromium it launched exited before it could be driven.
CLOSED_AT_LAUNCH = "Target page, context or browser has been closed"


def launched_again_if_it_ended(launch: Callable[..., Browser], **kwargs: Any) -> Browser:
    """A local Chromium, launched once more if it ended as it started.

    Seen once in many runs on a loaded machine: the browser is no part of what is tested or
    made, so a second launch is tried; a second failure, or any other, is raised as it is.
    """
    from playwright.sync_api import Error as PlaywrightError

    try:
        return launch(**kwargs)
    except PlaywrightError as error:
        if CLOSED_AT_LAUNCH not in str(error):
            raise
    return launch(**kwargs)


def _run(command: list[str]) -> bool:
    print("$", " ".join(command), flush=True)
    try:
        return subprocess.run(command, timeout=INSTALL_TIMEOUT, check=False).returncode == 0
    except (OSError, subprocess.TimeoutExpired) as error:
        print(f"  failed: {error}", flush=True)
        return False


def install() -> Chromium:
    """Install a Chromium: Playwright's download first, then Debian's package."""
    is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    command = [sys.executable, "-m", "playwright", "install", "chromium"]
    if is_root and shutil.which("apt-get"):
        command.insert(-1, "--with-deps")
    if _run(command) and playwright_chromium():
        return resolve()
    print("Playwright's Chromium could not be installed; trying the system package.", flush=True)
    if is_root and shutil.which("apt-get"):
        quiet = {"DEBIAN_FRONTEND": "noninteractive"}
        os.environ.update(quiet)
        if _run(["apt-get", "update"]) and _run(["apt-get", "install", "-y", "chromium"]):
            _run(["apt-get", "install", "-y", HEADLESS_SHELL])  # faster, where the system has it
            return resolve()
    raise BrowserNotFound(
        "Could not install Chromium. Install it yourself (Debian/Ubuntu: 'apt-get install "
        f"chromium'; elsewhere: 'python -m playwright install chromium'), or set {ENV_VAR}."
    )


def ensure() -> int:
    """Find a Chromium, or install one; print which. 1 with a message if none can be had."""
    return _report(_resolve_or_install)


def which() -> int:
    """Print the Chromium in use; 1 with a message if there is none."""
    return _report(resolve)


def _resolve_or_install() -> Chromium:
    try:
        return resolve()
    except BrowserNotFound:
        return install()


def _report(find: Callable[[], Chromium]) -> int:
    """Say which Chromium `find` gives (0), or why there is none (1)."""
    try:
        chromium = find()
    except BrowserNotFound as missing:
        print(missing, file=sys.stderr)
        return 1
    print(f"Chromium ({chromium.source}): {chromium.path}")
    return 0
