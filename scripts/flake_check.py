#!/usr/bin/env python3
"""Run the acceptance scenarios N times in a row and count the runs that failed.

python scripts/flake_check.py 20            # 20 runs
python scripts/flake_check.py 20 --load     # ... while every core is kept busy
python scripts/flake_check.py 5 -- -n 2     # extra pytest options after --
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def burn() -> None:
    """Keep one core busy until terminated."""
    while True:
        pass


def main(argv: list[str] | None = None) -> int:
    """Run the scenarios repeatedly; exit 1 if any run failed."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("runs", type=int, help="how many runs in a row")
    parser.add_argument("--load", action="store_true", help="keep every core busy meanwhile")
    parser.add_argument("pytest_args", nargs="*", help="options passed on to pytest")
    args = parser.parse_args(argv)
    burners = [
        multiprocessing.Process(target=burn, daemon=True) for _ in range(os.cpu_count() or 1)
    ]
    for burner in burners if args.load else []:
        burner.start()
    failed: list[int] = []
    try:
        for run in range(1, args.runs + 1):
            started = time.monotonic()
            command = [sys.executable, "-m", "pytest", "steps", "-q", "-p", "no:cacheprovider"]
            result = subprocess.run(
                [*command, *args.pytest_args], cwd=ROOT, capture_output=True, text=True, check=False
            )
            summary = (result.stdout.strip().splitlines() or ["(no output)"])[-1]
            print(f"run {run:>3}: {summary}  [{time.monotonic() - started:.0f} s]", flush=True)
            if result.returncode != 0:
                failed.append(run)
                print(result.stdout[-4000:], flush=True)
    finally:
        for burner in burners:
            if burner.is_alive():
                burner.terminate()
    load = " with every core busy" if args.load else ""
    print(f"{args.runs - len(failed)} passed, {len(failed)} failed ({args.runs} runs{load})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
