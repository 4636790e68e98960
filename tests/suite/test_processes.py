"""A process a test leaves running fails the run, is named with its test, and is ended.

Each test runs a small pytest session of its own with the check (`driftless.plugin.processes`,
which the recorder's plugin registers wherever the project is installed); the process it leaves
behind is a `sleep` whose shell has already exited, as a Chromium behind Debian's wrapper script
would be.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

pytestmark = pytest.mark.subprocess  # each test starts a program of its own

LEAVES_A_SLEEPER = """
import subprocess
from pathlib import Path

def start_sleeper():
    started = subprocess.run(
        ["sh", "-c", "sleep 300 > /dev/null 2>&1 & echo $!"],
        capture_output=True, text=True, check=True,
    )
    Path("sleeper.pid").write_text(started.stdout.strip())

def test_leaves_a_sleeper_behind():
    start_sleeper()
"""


def running(pid: int) -> bool:
    """Whether a process exists and has not exited (a zombie has exited)."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def sleeper(pytester: pytest.Pytester) -> int:
    return int((pytester.path / "sleeper.pid").read_text())


# The sleepers never end by themselves: half a second of grace, not the default 5 s, before
# they count as left running.
CHECKED = (
    *("-p", "no:cacheprovider"),
    *("-o", "process_exit_grace=0.5"),
)


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest_subprocess(*CHECKED, *args)


def test_a_process_left_running_fails_the_run_and_is_named(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_leak=LEAVES_A_SLEEPER)
    result = run(pytester)
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(
        [
            "*processes left running*",
            "*Still running after the last test, so the run fails (1; now ended)*",
            "*started during test_leak.py::test_leaves_a_sleeper_behind: sleep 300",
        ]
    )
    assert not running(sleeper(pytester))


def test_under_xdist_each_worker_names_its_own(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_leak=LEAVES_A_SLEEPER, test_other="def test_fine():\n    pass\n")
    result = run(pytester, "-n", "2")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines(["*started during test_leak.py::test_leaves_a_sleeper_behind*"])
    assert not running(sleeper(pytester))


def test_a_process_stopped_by_its_test_passes(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_tidy="""
        import subprocess

        def test_starts_and_stops():
            process = subprocess.Popen(["sleep", "300"])
            process.terminate()
            process.wait()
        """
    )
    result = run(pytester)
    assert result.ret == pytest.ExitCode.OK
    assert "processes left running" not in result.stdout.str()


def test_an_interrupted_run_ends_what_it_started(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_interrupted=LEAVES_A_SLEEPER.replace(
            "    start_sleeper()\n", "    start_sleeper()\n    raise KeyboardInterrupt\n"
        )
    )
    result = run(pytester)
    assert result.ret == pytest.ExitCode.INTERRUPTED
    result.stdout.fnmatch_lines(["*started during test_interrupted.py::*: sleep 300"])
    assert not running(sleeper(pytester))


def test_a_run_stopped_with_sigterm_ends_what_it_started(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        test_cancelled=LEAVES_A_SLEEPER.replace(
            "    start_sleeper()\n",
            "    start_sleeper()\n    import time\n    time.sleep(60)\n",
        )
    )
    command = [sys.executable, "-m", "pytest", *CHECKED]
    with subprocess.Popen(
        command, cwd=pytester.path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as session:
        try:
            pid_file = Path(pytester.path, "sleeper.pid")
            deadline = time.monotonic() + 60
            while not (pid_file.exists() and pid_file.read_text().strip()):
                assert time.monotonic() < deadline, "the test never started its sleeper"
                time.sleep(0.05)
            session.send_signal(signal.SIGTERM)  # as a CI server cancelling the job
            output, _ = session.communicate(timeout=60)
        finally:
            session.kill()
    assert session.returncode == pytest.ExitCode.INTERRUPTED
    assert "started during test_cancelled.py::test_leaves_a_sleeper_behind: sleep 300" in output
    assert not running(sleeper(pytester))


def test_adopted_orphans_that_exit_are_reaped(pytester: pytest.Pytester) -> None:
    # A helper started in a process group of its own, whose children outlive it and then exit
    # (as a browser's helpers do when it closes): they end up adopted, and must not stay zombies.
    pytester.makepyfile(
        test_orphans="""
        import os
        import subprocess
        import time
        from pathlib import Path

        import psutil

        def test_orphans_exit():
            subprocess.run(
                ["sh", "-c", "sleep 0.2 & sleep 0.2 & echo $! > orphan.pid"],
                start_new_session=True, check=True,
            )
            time.sleep(1)

        def test_no_zombies_left():
            pid = int(Path("orphan.pid").read_text())
            assert not psutil.pid_exists(pid), psutil.Process(pid).status()
        """
    )
    result = run(pytester)
    result.assert_outcomes(passed=2)


def test_a_grace_that_is_not_seconds_is_refused_before_any_test(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(test_leak=LEAVES_A_SLEEPER)
    result = run(pytester, "-o", "process_exit_grace=soon")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert "process_exit_grace takes seconds from 0 to 600, not 'soon'." in result.stderr.str()
    assert not (pytester.path / "sleeper.pid").exists()
