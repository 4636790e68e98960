#!/usr/bin/env python3
"""Time the suite against its floor, the plain Playwright script, on this machine.

    python scripts/benchmark.py               # 3 rounds, then one run at twice the scenarios
    python scripts/benchmark.py --rounds 5 --scale 0

Each round runs, in a rotated order so that a busy moment does not fall on one of them only:
  floor          scripts/floor.py: the scenarios in plain Playwright, no pictures
  floor+pictures scripts/floor.py --screenshots: the runs and pictures of a guide run
  suite          pytest steps (one process)
  suite+guide    pytest steps --guide-run (one process)
  suite+guide-n2 pytest steps --guide-run -n 2
  site           python -m driftless site --force (the site build and PDF alone)
  main job       scripts/main_job (suite and guide on every core, publish, site, PDF)
It prints medians, the ratios the targets are stated in, each command's peak memory (the
whole process tree, browsers included, and the test process alone), whether the guide comes
out byte-identical from one process and from two, and how many files a main job run on an
unchanged portal wrote. The figures also go to build/benchmark.json.
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from driftless.model.project import Project  # noqa: E402
from driftless.publish import guide as publish  # noqa: E402

PY = sys.executable
PYTEST = [PY, "-m", "pytest", "steps", "-q", "-p", "no:cacheprovider"]
OUTPUTS = ("docs", "site")  # the pictures are in docs/screenshots/ (screenshots/ links there)


@dataclass
class Sample:
    """One run of one command: wall time and peak memory."""

    seconds: float
    tree_mb: float  # the process and all its children (browsers, workers) at their peak
    own_mb: float  # the command's own process at its peak


@dataclass
class Command:
    """A command measured once per round."""

    name: str
    argv: list[str]
    samples: list[Sample] = field(default_factory=list)

    def median(self) -> float:
        """Median wall time over the rounds."""
        return statistics.median(sample.seconds for sample in self.samples)


def measure(argv: list[str], env: dict[str, str] | None = None) -> Sample:
    """Run a command to its end, sampling its process tree's memory every 50 ms."""
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peaks = {"tree": 0, "own": 0}
    stop = threading.Event()

    def sample() -> None:
        root = psutil.Process(process.pid)
        while not stop.wait(0.05):
            try:
                family = [root, *root.children(recursive=True)]
                own = root.memory_info().rss
            except psutil.Error:
                continue
            total = 0
            for member in family:
                with contextlib.suppress(psutil.Error):  # a child may end while it is read
                    total += member.memory_info().rss
            peaks["tree"], peaks["own"] = max(peaks["tree"], total), max(peaks["own"], own)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    output, _ = process.communicate()
    stop.set()
    watcher.join()
    seconds = time.perf_counter() - started
    if process.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed (exit {process.returncode}):\n{output[-3000:]}")
    return Sample(seconds, peaks["tree"] / 2**20, peaks["own"] / 2**20)


def mtimes() -> dict[str, int]:
    """Every output file with its modification time in nanoseconds."""
    found = {}
    for folder in OUTPUTS:
        for path in (ROOT / folder).rglob("*"):
            if path.is_file():
                found[str(path.relative_to(ROOT))] = path.stat().st_mtime_ns
    return found


def published_files(tree: Path) -> list[str]:
    """The guide's files under a publication folder (its drift pictures left out)."""
    return sorted(
        str(path.relative_to(tree))
        for path in tree.rglob("*")
        if path.is_file() and path.relative_to(tree).parts[0] != "drift"
    )


def same_guide(one: Path, two: Path, scratch: Path) -> tuple[bool, int]:
    """Publish two run records into folders of their own; whether all files are equal."""
    trees = []
    for run in (one, two):
        out = scratch / f"published-{run.name}"
        shutil.copytree(ROOT / "docs" / "generated", out / "docs")  # the PDF the pages link
        with contextlib.redirect_stdout(io.StringIO()):
            publish.publish_into(Project.find(ROOT), run, out)
        trees.append(out)
    files = published_files(trees[0])
    if files != published_files(trees[1]):
        return False, len(files)
    match, mismatch, errors = filecmp.cmpfiles(trees[0], trees[1], files, shallow=False)
    return not mismatch and not errors, len(match)


def main(argv: list[str] | None = None) -> int:
    """Run the rounds and print the figures."""
    parser = argparse.ArgumentParser(
        prog="python scripts/benchmark.py",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--rounds", type=int, default=3, help="runs of each command (default 3)")
    parser.add_argument(
        "--scale", type=int, default=2, help="also run the guide suite N times over (0: skip)"
    )
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    scratch = Path(tempfile.mkdtemp(prefix="benchmark-"))
    serial_run, parallel_run = scratch / "serial", scratch / "parallel"
    commands = [
        Command("floor", [PY, "scripts/floor.py"]),
        Command("floor+pictures", [PY, "scripts/floor.py", "--screenshots"]),
        Command("suite", [*PYTEST, "-n", "0"]),
        Command("suite+guide", [*PYTEST, "-n", "0", "--guide-run", str(serial_run)]),
        Command("suite+guide-n2", [*PYTEST, "-n", "2", "--guide-run", str(parallel_run)]),
        Command("site", [PY, "-m", "driftless", "site", "--force"]),
        Command("main job", ["bash", "scripts/main_job"]),
    ]
    rewritten: list[int] = []
    print(f"{args.rounds} rounds of {len(commands)} commands; scratch folder {scratch}", flush=True)
    for round_index in range(args.rounds):
        shift = round_index % len(commands)
        for command in commands[shift:] + commands[:shift]:
            for run in (serial_run, parallel_run):
                if run.name in command.argv[-1]:
                    shutil.rmtree(run, ignore_errors=True)
            before = mtimes() if command.name == "main job" else {}
            command.samples.append(measure(command.argv))
            if command.name == "main job":
                after = mtimes()
                rewritten.append(sum(1 for name, t in after.items() if before.get(name) != t))
            last = command.samples[-1]
            print(
                f"  round {round_index + 1}: {command.name:<15} {last.seconds:6.1f} s", flush=True
            )
    identical, compared = same_guide(serial_run, parallel_run, scratch)
    by = {command.name: command for command in commands}
    floor, pictures = by["floor"].median(), by["floor+pictures"].median()
    figures: dict[str, object] = {
        "machine": f"{platform.node() or 'this machine'}: {os.cpu_count()} CPUs, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB, {platform.platform()}",
        "rounds": args.rounds,
        "medians_s": {name: round(command.median(), 1) for name, command in by.items()},
        "suite_over_floor": round(by["suite"].median() / floor, 2),
        "suite_guide_over_floor_pictures": round(by["suite+guide"].median() / pictures, 2),
        "main_job_over_floor_pictures_plus_site": round(
            by["main job"].median() / (pictures + by["site"].median()), 2
        ),
        "n2_speedup": round(by["suite+guide"].median() / by["suite+guide-n2"].median(), 2),
        "guide_identical_serial_and_n2": identical,
        "guide_files_compared": compared,
        "files_rewritten_by_main_job_on_unchanged_portal": rewritten[1:] or rewritten,
        "peak_tree_mb": {n: round(max(s.tree_mb for s in c.samples)) for n, c in by.items()},
        "peak_test_process_mb": {n: round(max(s.own_mb for s in c.samples)) for n, c in by.items()},
    }
    if args.scale > 1:
        scaled_run = scratch / "scaled"
        scaled = measure(
            [
                *PYTEST,
                "-n",
                "0",
                "--keep-duplicates",
                *["steps"] * (args.scale - 1),
                "--guide-run",
                str(scaled_run),
            ]
        )
        single = by["suite+guide"].samples
        figures["scale"] = {
            "times": args.scale,
            "seconds": round(scaled.seconds, 1),
            "peak_test_process_mb": [round(max(s.own_mb for s in single)), round(scaled.own_mb)],
            "peak_tree_mb": [round(max(s.tree_mb for s in single)), round(scaled.tree_mb)],
        }
    shutil.rmtree(scratch, ignore_errors=True)
    out = ROOT / "build" / "benchmark.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))
    print(f"Figures written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
