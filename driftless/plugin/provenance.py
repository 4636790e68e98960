"""How a conformance run was made, for its report: the suite's version, the vendor's config.

The suite's version and commit, and what the vendor's config file declared (its digest, the
locators and wording it changed). The suite's plugin declares the config file it read
(`declare`); the report says it beside each verdict, so a PASS can be weighed.
"""

from __future__ import annotations

import hashlib
import subprocess
from importlib import metadata
from pathlib import Path

import pytest


class Declared:
    """What the suite's plugin declares about a vendor run: the config file and its deviations."""

    def __init__(
        self,
        file: Path | None = None,
        locators: dict[str, str] | None = None,
        wording: dict[str, str] | None = None,
    ) -> None:
        self.file = file
        self.digest = hashlib.sha256(file.read_bytes()).hexdigest() if file else ""
        self.locators = locators or {}
        self.wording = wording or {}


DECLARED = pytest.StashKey[Declared]()


def declare(
    config: pytest.Config, file: Path, locators: dict[str, str], wording: dict[str, str]
) -> None:
    """Record the portal config a run uses and what it declares, for the report's provenance."""
    config.stash[DECLARED] = Declared(file, locators, wording)


def suite_version() -> str:
    """The installed suite's version."""
    try:
        return metadata.version("tulsa-utility-guide")
    except metadata.PackageNotFoundError:
        return "unknown"


def suite_commit(root: Path) -> str:
    """The suite checkout's commit, "+changes" if files differ from it; "" outside git."""
    try:
        head = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        changes = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=root, capture_output=True, text=True, check=True,
        ).stdout.strip()  # fmt: skip
    except (OSError, subprocess.CalledProcessError):
        return ""
    return head + ("+changes" if changes else "")
