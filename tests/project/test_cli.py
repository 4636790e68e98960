"""The one command-line program, as a user types it: `python -m driftless SUB-COMMAND`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from driftless.__main__ import cli


def test_the_program_lists_its_sub_commands() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "driftless", "--help"], capture_output=True, text=True, check=True
    )
    for name in ("publish", "site", "pdf", "browser"):
        assert f"  {name} " in done.stdout


def test_publishing_an_empty_run_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["publish", "--run", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert "Run the suite with --guide-run" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_wrong_drift_share_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["publish", "--fail-on-drift", "5"])
    assert result.exit_code == 2
    assert "is not in the range 0<=x<=1" in result.output
    assert "Traceback" not in result.output
