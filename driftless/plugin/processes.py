"""Nothing a test starts outlives the test session: a leftover process fails the run, by name.

Browsers, portals, Playwright servers and pytest runs started by tests must end with them.
At configure the test process becomes a child subreaper (Linux), so a process whose parent
ended without it (a Chromium behind a wrapper script, a server behind a shell) is adopted by
pytest instead of init and stays in view (and is reaped when it exits). After each test the
processes that appeared during it are noted with the test's name. When the session ends,
after every fixture has been torn down, any that are still alive are named with the test that
started them, then ended, and the run fails. Under xdist each worker checks its own and sends
the list to the controller. An interrupted run (Ctrl-C, or SIGTERM from a CI job being
cancelled) is checked the same way.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
from collections.abc import Generator
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

import psutil
import pytest

GRACE_SECONDS = 5.0  # a browser closed by the last fixture may take a moment to exit
GRACE_INI = "process_exit_grace"
PR_SET_CHILD_SUBREAPER = 36
WORKER_OUTPUT = "driftless_leftover_processes"

Key = tuple[int, float]  # pid and start time: a pid alone can be reused


@dataclass
class Watch:
    """The processes present when the session started, and who started each one since."""

    before: set[Key]
    grace: float  # seconds a process still running at the end gets to exit before it counts
    started_by: dict[Key, str] = field(default_factory=dict)
    reported: list[str] = field(default_factory=list)  # from xdist workers


WATCH = pytest.StashKey[Watch]()
LEFTOVERS = pytest.StashKey[list[str]]()


def become_subreaper() -> None:
    """Adopt orphaned descendants (Linux only; elsewhere only direct descendants are seen)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def key(process: psutil.Process) -> Key:
    """A process's identity across pid reuse."""
    return process.pid, process.create_time()


def living_descendants() -> list[psutil.Process]:
    """Every process below this one that has not exited; exited orphans it adopted are reaped.

    Nobody else will wait for those orphans, and zombies would pile up. Only children outside
    our process group that do not lead their own are reaped: those are another program's (a
    browser's helpers). Ours (subprocess.Popen's) share our group or lead a new one, and their
    Popen waits for them.
    """
    me, own_group = os.getpid(), os.getpgrp()
    alive = []
    for process in psutil.Process(me).children(recursive=True):
        try:
            if process.status() != psutil.STATUS_ZOMBIE:
                alive.append(process)
            elif process.ppid() == me and os.getpgid(process.pid) not in (own_group, process.pid):
                os.waitpid(process.pid, os.WNOHANG)
        except (psutil.Error, OSError):
            continue
    return alive


def describe(process: psutil.Process, started_by: str | None, children: int) -> str:
    """One line naming a process, the test it appeared during, and how many children it has."""
    try:
        command = " ".join(process.cmdline()) or process.name()
    except psutil.Error:
        command = "(exited)"
    if len(command) > 160:
        command = command[:157] + "..."
    who = f"started during {started_by}" if started_by else "started by the session"
    family = f" (and {children} process(es) of its own)" if children else ""
    return f"pid {process.pid}, {who}: {command}{family}"


def describe_trees(processes: list[psutil.Process], started_by: dict[Key, str]) -> list[str]:
    """One line for each leftover whose parent is not itself a leftover."""
    pids = {process.pid for process in processes}
    lines = []
    for process in processes:
        try:
            if process.ppid() in pids:
                continue
            children = sum(1 for child in process.children(recursive=True) if child.pid in pids)
            lines.append(describe(process, started_by.get(key(process)), children))
        except psutil.Error:
            continue
    return lines


def end(processes: list[psutil.Process], grace: float) -> None:
    """Terminate, then kill, the given processes, and reap those that were adopted."""
    for process in processes:
        with contextlib.suppress(psutil.Error):
            process.terminate()
    _, alive = psutil.wait_procs(processes, timeout=grace)
    for process in alive:
        with contextlib.suppress(psutil.Error):
            process.kill()
    psutil.wait_procs(alive, timeout=grace)
    living_descendants()  # reaps the adopted ones just ended


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def add_options(parser: pytest.Parser) -> None:
    """The grace a process still running after the last test gets before it counts."""
    parser.addini(
        GRACE_INI,
        f"seconds a process still running after the last test may take to exit before it "
        f"counts as left running (default: {GRACE_SECONDS:g})",
        default=str(GRACE_SECONDS),
    )


def grace_seconds(config: pytest.Config) -> float:
    """The configured grace, in seconds; anything but seconds from 0 to 600 is a usage error."""
    given = config.getini(GRACE_INI)
    try:
        seconds = float(given)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 600:
        raise pytest.UsageError(f"{GRACE_INI} takes seconds from 0 to 600, not {given!r}.")
    return seconds


def pytest_configure(config: pytest.Config) -> None:
    """Watch from the start; a SIGTERM ends the session as Ctrl-C does, so the check runs."""
    grace = grace_seconds(config)  # a bad value stops the run before any test
    become_subreaper()
    present = (_key_or_none(process) for process in living_descendants())
    config.stash[WATCH] = Watch({identity for identity in present if identity is not None}, grace)
    is_worker = hasattr(config, "workerinput")
    if not is_worker and signal.getsignal(signal.SIGTERM) is signal.SIG_DFL:
        with contextlib.suppress(ValueError):  # not the main thread: leave signals alone
            signal.signal(signal.SIGTERM, _interrupt)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, object, object]:
    """Note the processes that appeared while this test ran, with its name."""
    try:
        return (yield)
    finally:
        watch = item.config.stash[WATCH]
        for process in living_descendants():
            identity = _key_or_none(process)
            if identity is not None and identity not in watch.before:
                watch.started_by.setdefault(identity, item.nodeid)


def pytest_testnodedown(node: Any, error: object) -> None:
    """Collect what an xdist worker found still running at its end."""
    config: pytest.Config = node.config
    found = getattr(node, "workeroutput", {}).get(WORKER_OUTPUT, [])
    config.stash[WATCH].reported.extend(found)


@pytest.hookimpl(wrapper=True, trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> Generator[None, None, None]:
    """After every fixture's teardown: name, end and fail on any process still running."""
    yield
    config = session.config
    watch = config.stash[WATCH]
    new = [p for p in living_descendants() if _key_or_none(p) not in watch.before]
    _, still = psutil.wait_procs(new, timeout=watch.grace)
    leftovers = describe_trees(still, watch.started_by)
    end(still, grace=max(watch.grace, 1.0))  # once signalled, each gets a moment to exit
    leftovers += watch.reported
    if not leftovers:
        return
    if hasattr(config, "workerinput"):
        config.workeroutput[WORKER_OUTPUT] = leftovers  # type: ignore[attr-defined]
        return
    config.stash[LEFTOVERS] = leftovers
    if session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def _key_or_none(process: psutil.Process) -> Key | None:
    try:
        return key(process)
    except psutil.Error:
        return None


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """List the processes that outlived the tests, and say what was done about them."""
    leftovers = config.stash.get(LEFTOVERS, [])
    if not leftovers:
        return
    terminalreporter.section("processes left running", sep="=", red=True, bold=True)
    terminalreporter.line(
        f"Still running after the last test, so the run fails ({len(leftovers)}; now ended). "
        "Make the fixture or test that starts each one stop it, and its children, in its "
        "teardown:"
    )
    for line in leftovers:
        terminalreporter.line(f"  {line}")
