#!/usr/bin/env python3
"""Time the suite against its floor, the plain Playwright script, on this machine.

    python scripts/benchmark.py               # 3 rounds, then one run at twice the scenarios
    python scripts/benchmark.py --rounds 5 --scale 0
    python scripts/benchmark.py --failing    # failing runs against the passing one only

Before the rounds, every module the commands import is compiled (see `compile_bytecode`).
Each round runs, in a rotated order so that a busy moment does not fall on one of them only:
  floor          scripts/floor.py: the scenarios in plain Playwright, no pictures
  floor+pictures scripts/floor.py --screenshots: the runs and pictures of a guide run
  suite          pytest steps (one process)
  suite+guide    pytest steps --guide-run (one process)
  suite+guide-n2 pytest steps --guide-run -n 2
  site           python -m driftless site --force (the site build and PDF alone)
  main job       scripts/main_job (suite and guide on every core, publish, site, PDF)
  vendor         the core scenarios against a portal that fails every one of them
Then, once: a guide run with --guide-profile (where recording takes its time), and `make
test` (`bash .ci/run`) in a fresh clone of the last commit, with each test file's time from its
JUnit report (--no-make-test leaves it out).

It prints each figure beside its target: medians, the ratios the targets are stated in, each
command's peak memory (the whole process tree, browsers included, and the test process
alone), whether the guide comes out byte-identical from one process and from two, and how many
files a main job run on an unchanged portal wrote. The figures also go to build/benchmark.json.
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
import sysconfig
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

import psutil

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmark_portals import BREAKS, VENDOR_CONFIG, broken, closed_portal  # noqa: E402
from benchmark_table import report  # noqa: E402

from driftless.model.project import Project  # noqa: E402
from driftless.publish import guide_update as publish  # noqa: E402
from steps.reference_portal import start_serving  # noqa: E402

PY = sys.executable
PYTEST = [PY, "-m", "pytest", "steps", "-q", "-p", "no:cacheprovider"]
SOURCES = ("driftless", "steps", "reference_app", "scripts", "conftest.py")
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
    expect: int = 0  # the exit status it should end with
    samples: list[Sample] = field(default_factory=list)

    def median(self) -> float:
        """Median wall time over the rounds."""
        return statistics.median(sample.seconds for sample in self.samples)


def measure(
    argv: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT, expect: int = 0
) -> Sample:
    """Run a command to its end, sampling its process tree's memory every 50 ms."""
    started = time.perf_counter()
    process = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
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
    if process.returncode != expect:
        sys.exit(f"{' '.join(argv)} exited {process.returncode}, not {expect}:\n{output[-3000:]}")
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
        shutil.copytree(ROOT / "docs" / "generated", out / "docs")  # as published, kept pages too
        with contextlib.redirect_stdout(io.StringIO()):
            publish.publish_into(Project.find(ROOT), run, out)
        trees.append(out)
    files = published_files(trees[0])
    if files != published_files(trees[1]):
        return False, len(files)
    match, mismatch, errors = filecmp.cmpfiles(trees[0], trees[1], files, shallow=False)
    return not mismatch and not errors, len(match)


def vendor_verdicts(report: Path) -> dict[str, int]:
    """How many requirements the conformance report lists, by status."""
    requirements = json.loads((report / "report.json").read_text())["requirements"]
    counted: dict[str, int] = {"requirements": len(requirements)}
    for requirement in requirements:
        counted[requirement["status"]] = counted.get(requirement["status"], 0) + 1
    return counted


def profile(scratch: Path) -> dict[str, object]:
    """One guide run (one process) with --guide-profile: where recording takes its time."""
    out = scratch / "profile.json"
    run = [*PYTEST, "-n", "0", "--guide-run", str(scratch / "profiled"), f"--guide-profile={out}"]
    sample = measure(run)
    phases = json.loads(out.read_text())
    return {"seconds": round(sample.seconds, 1), "phases": phases}


def make_test(scratch: Path) -> dict[str, object]:
    """`bash .ci/run` in a fresh clone of the last commit, and each test file's time."""
    clone = scratch / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    sample = measure(["bash", ".ci/run"], cwd=clone)
    suite = ElementTree.parse(clone / "reports" / "junit.xml").getroot().find("testsuite")
    assert suite is not None
    files: dict[str, float] = {}
    for case in suite.iter("testcase"):
        module = ".".join(case.get("classname", "?").split(".")[:2])
        files[module] = files.get(module, 0.0) + float(case.get("time", 0))
    return {
        "seconds": round(sample.seconds, 1),
        "pytest_seconds": round(float(suite.get("time", 0)), 1),
        "tests": int(suite.get("tests", 0)),
        "failures": int(suite.get("failures", 0)) + int(suite.get("errors", 0)),
        "test_seconds_by_file": {
            name: round(seconds, 1) for name, seconds in sorted(files.items(), key=lambda f: -f[1])
        },
    }


def failing_runs(scratch: Path, rounds: int) -> dict[str, object]:
    """`pytest steps -n auto` passing, and with 1, 5 and 18 scenarios failing, interleaved.

    In a clone of the last commit, whose code the runs import (PYTHONPATH), so the portal is
    changed there and this checkout is never touched.
    """
    clone = scratch / "failing-clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    env = {**os.environ, "PYTHONPATH": str(clone)}
    seconds: dict[str, list[float]] = {name: [] for name in BREAKS}
    failed: dict[str, int] = {}
    junit = scratch / "failing.xml"
    for round_index in range(rounds):
        for name, changes in BREAKS.items():
            with broken(clone, changes):
                run = [*PYTEST, "-n", "auto", f"--junitxml={junit}"]
                sample = measure(run, env=env, cwd=clone, expect=0 if not changes else 1)
            suite = ElementTree.parse(junit).getroot().find("testsuite")
            assert suite is not None
            failed[name] = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
            seconds[name].append(sample.seconds)
            print(f"  round {round_index + 1}: {name:<12} {sample.seconds:6.1f} s", flush=True)
    passing = statistics.median(seconds["passing"])
    return {
        name: {
            "failed": failed[name],
            "median_s": round(statistics.median(times), 1),
            "over_passing": round(statistics.median(times) / passing, 2),
        }
        for name, times in seconds.items()
    }


def compile_bytecode() -> None:
    """Compile every module the commands import, so that no round pays for it.

    Python caches compiled modules as it imports them, unless told not to (as
    PYTHONDONTWRITEBYTECODE=1 tells it in many container images): then each process would
    compile its imports again, about 2.6 s of every pytest start on this machine, and the
    figures would measure the environment rather than the suite.
    """
    folders = [sysconfig.get_paths()["purelib"], *(str(ROOT / f) for f in SOURCES)]
    command = [PY, "-m", "compileall", "-q", "-j", "0", *folders]
    # A file some package ships that does not compile (a template, an old test) is not imported.
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def arguments(argv: list[str] | None) -> argparse.Namespace:
    """The command line, checked."""
    parser = argparse.ArgumentParser(
        prog="python scripts/benchmark.py",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--rounds", type=int, default=3, help="runs of each command (default 3)")
    parser.add_argument(
        "--scale", type=int, default=2, help="also run the guide suite N times over (0: skip)"
    )
    parser.add_argument(
        "--no-make-test", action="store_true", help="leave out `make test` in a fresh clone"
    )
    parser.add_argument(
        "--failing",
        action="store_true",
        help="only time `pytest steps -n auto` passing and with 1, 5 and 18 scenarios failing "
        "(the reference portal changed meanwhile, and put back)",
    )
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    return args


def commands(scratch: Path, closed_url: str) -> list[Command]:
    """The commands each round times, the vendor run against a portal that shows nothing."""
    config = scratch / "closed-portal.toml"
    config.write_text(VENDOR_CONFIG)
    vendor = [
        *PYTEST, "-n", "0", "-m", "core", f"--base-url={closed_url}/",
        f"--portal-config={config}", f"--conformance-report={scratch / 'vendor-report'}",
    ]  # fmt: skip
    return [
        Command("floor", [PY, "scripts/floor.py"]),
        Command("floor+pictures", [PY, "scripts/floor.py", "--screenshots"]),
        Command("suite", [*PYTEST, "-n", "0"]),
        Command("suite+guide", [*PYTEST, "-n", "0", "--guide-run", str(scratch / "serial")]),
        Command("suite+guide-n2", [*PYTEST, "-n", "2", "--guide-run", str(scratch / "parallel")]),
        Command("site", [PY, "-m", "driftless", "site", "--force"]),
        Command("main job", ["bash", "scripts/main_job"]),
        Command("vendor", vendor, expect=1),  # every scenario fails
    ]


def rounds(
    timed: list[Command], count: int, scratch: Path
) -> tuple[list[int], list[dict[str, int]]]:
    """Each command once a round, each round starting one further on; what the runs left.

    The files the main job rewrote on an unchanged portal, and the vendor run's verdicts.
    """
    rewritten: list[int] = []
    verdicts: list[dict[str, int]] = []
    outputs = (scratch / "serial", scratch / "parallel", scratch / "vendor-report")
    for round_index in range(count):
        shift = round_index % len(timed)
        for command in timed[shift:] + timed[:shift]:
            for run in outputs:
                if any(str(run) in word for word in command.argv):
                    shutil.rmtree(run, ignore_errors=True)
            before = mtimes() if command.name == "main job" else {}
            command.samples.append(measure(command.argv, expect=command.expect))
            if command.name == "main job":
                after = mtimes()
                rewritten.append(sum(1 for name, t in after.items() if before.get(name) != t))
            if command.name == "vendor":
                verdicts.append(vendor_verdicts(scratch / "vendor-report"))
            last = command.samples[-1]
            print(
                f"  round {round_index + 1}: {command.name:<15} {last.seconds:6.1f} s", flush=True
            )
    return rewritten, verdicts


def figures_of(
    timed: list[Command], count: int, scratch: Path, rewritten: list[int], verdict: dict[str, int]
) -> dict[str, object]:
    """The medians, the ratios to their targets, and the peaks of memory."""
    identical, compared = same_guide(scratch / "serial", scratch / "parallel", scratch)
    by = {command.name: command for command in timed}
    floor, pictures = by["floor"].median(), by["floor+pictures"].median()
    return {
        "machine": f"{platform.node() or 'this machine'}: {os.cpu_count()} CPUs, "
        f"{psutil.virtual_memory().total / 2**30:.0f} GiB, {platform.platform()}",
        "rounds": count,
        "medians_s": {name: round(command.median(), 1) for name, command in by.items()},
        "suite_over_floor": round(by["suite"].median() / floor, 2),
        "suite_guide_over_floor_pictures": round(by["suite+guide"].median() / pictures, 2),
        "n2_speedup": round(by["suite+guide"].median() / by["suite+guide-n2"].median(), 2),
        "guide_identical_serial_and_n2": identical,
        "guide_files_compared": compared,
        "files_rewritten_by_main_job_on_unchanged_portal": rewritten[1:] or rewritten,
        "vendor_verdicts": verdict,
        "peak_tree_mb": {n: round(max(s.tree_mb for s in c.samples)) for n, c in by.items()},
        "peak_test_process_mb": {n: round(max(s.own_mb for s in c.samples)) for n, c in by.items()},
    }


def scaled(times: int, scratch: Path, single: list[Sample]) -> dict[str, object]:
    """The guide run with its scenarios `times` over, beside one run of them."""
    run = [*PYTEST, "-n", "0", "--keep-duplicates", *["steps"] * (times - 1)]
    once = measure([*run, "--guide-run", str(scratch / "scaled")])
    return {
        "times": times,
        "seconds": round(once.seconds, 1),
        "peak_test_process_mb": [round(max(s.own_mb for s in single)), round(once.own_mb)],
        "peak_tree_mb": [round(max(s.tree_mb for s in single)), round(once.tree_mb)],
    }


def main(argv: list[str] | None = None) -> int:
    """Run the rounds and print the figures."""
    args = arguments(argv)
    scratch = Path(tempfile.mkdtemp(prefix="benchmark-"))
    if args.failing:
        compile_bytecode()
        failing = failing_runs(scratch, args.rounds)
        shutil.rmtree(scratch, ignore_errors=True)
        print(json.dumps(failing, indent=2))
        return 0
    closed = start_serving(closed_portal())
    timed = commands(scratch, closed.url)
    compile_bytecode()
    print(f"{args.rounds} rounds of {len(timed)} commands; scratch folder {scratch}", flush=True)
    try:
        rewritten, verdicts = rounds(timed, args.rounds, scratch)
    finally:
        closed.stop()
    figures = figures_of(timed, args.rounds, scratch, rewritten, verdicts[-1])
    print("a guide run with --guide-profile ...", flush=True)
    figures["profile"] = profile(scratch)
    if args.scale > 1:
        single = next(command for command in timed if command.name == "suite+guide").samples
        figures["scale"] = scaled(args.scale, scratch, single)
    if not args.no_make_test:
        print("make test in a fresh clone ...", flush=True)
        figures["make_test"] = make_test(scratch)
    shutil.rmtree(scratch, ignore_errors=True)
    out = ROOT / "build" / "benchmark.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, indent=2) + "\n")
    print(json.dumps(figures, indent=2))
    print(report(figures))
    print(f"Figures written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
