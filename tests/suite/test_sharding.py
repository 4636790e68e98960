"""Scenarios split across CI jobs with pytest-split: every scenario runs in exactly one job."""

from __future__ import annotations

import subprocess
import sys
from itertools import chain
from pathlib import Path

import pytest

pytestmark = pytest.mark.subprocess  # each test starts a program of its own

ROOT = Path(__file__).resolve().parents[2]


def collected(*args: str) -> list[str]:
    """The test ids pytest would run with these options."""
    command = [sys.executable, "-m", "pytest", "steps", "--collect-only", "-q"]
    command += ["-p", "no:cacheprovider", *args]
    output = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [line for line in output.splitlines() if "::" in line]


def test_three_shards_run_every_scenario_once() -> None:
    everything = collected()
    shards = [collected("--splits", "3", "--group", str(group)) for group in (1, 2, 3)]
    assert all(shards)
    assert sorted(chain.from_iterable(shards)) == sorted(everything)


def test_a_guide_run_splits_into_shards_without_overlap(tmp_path: Path) -> None:
    # Each shard records its own scenario runs (one file per scenario and screen), so the
    # shards' --guide-run folders merge by copying them into one before publishing.
    everything = collected("--guide-run", str(tmp_path))
    shards = [
        collected("--splits", "2", "--group", str(group), "--guide-run", str(tmp_path))
        for group in (1, 2)
    ]
    assert not set(shards[0]) & set(shards[1])
    assert sorted(shards[0] + shards[1]) == sorted(everything)
