"""Where a project's files are: read from the [tool.driftless] table of its pyproject.toml.

Found the way pytest finds its rootdir: from the folder a command runs in (or pytest's rootdir),
upwards, to the first pyproject.toml with the table. Every path in it is relative to that file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

TABLE = "driftless"
DEFAULTS = {  # the layout of this repository, for a table that leaves a path out
    "features": "features",
    "pages": "docs/generated",
    "screenshots": "docs/screenshots",
    "build": "build",
    "site": "site",
    "locale": "locale",
    "printed": "printed",
}


def translation_of(pages: Path, language: str) -> Path:
    """A language's folder for a guide's pages: docs/es/generated for docs/generated."""
    return pages.parent / language / pages.name


class ProjectNotFound(Exception):
    """No pyproject.toml with a [tool.driftless] table: the message says where it looked."""


@dataclass(frozen=True)
class Project:
    """The folders a guide is made from and published into."""

    root: Path
    features: Path  # feature files, handout.toml and the page templates
    pages: Path  # the guide's generated pages
    screenshots: Path  # the published pictures and their sidecars
    build: Path  # run records, staging, drift pictures, the site's input digest
    site: Path  # the built site
    locale: Path  # the gettext catalogues: guide.pot, and <language>/LC_MESSAGES/guide.po
    printed: Path  # the printed guide (PDF), out of the site's input: printed/<language>/ too

    def languages(self) -> dict[str, Path]:
        """Each language the guide is translated into, with its catalogue (.po)."""
        found = sorted(self.locale.glob("*/LC_MESSAGES/guide.po")) if self.locale.is_dir() else []
        return {po.parents[1].name: po for po in found}

    def pages_in(self, language: str) -> Path:
        """Where a translation's pages go: docs/es/generated beside docs/generated."""
        return translation_of(self.pages, language)

    def printed_in(self, language: str | None) -> Path:
        """Where the printed guide in a language goes: printed/es/ beside printed/."""
        return self.printed / language if language else self.printed

    @property
    def handout(self) -> Path:
        """The handout's header, helpline and instructions."""
        return self.features / "handout.toml"

    @property
    def templates(self) -> Path:
        """The guide's page templates."""
        return self.features / "templates"

    @property
    def run(self) -> Path:
        """Where the main job records its guide run."""
        return self.build / "guide-run"

    @property
    def drift(self) -> Path:
        """Where before | after | difference pictures go."""
        return self.build / "drift"

    @classmethod
    def load(cls, pyproject: Path) -> Project:
        """The project a pyproject.toml describes (ValueError if it has no [tool.driftless])."""
        table = tomllib.loads(pyproject.read_text("utf-8")).get("tool", {}).get(TABLE)
        if not isinstance(table, dict):
            raise ValueError(f"{pyproject} has no [tool.{TABLE}] table")
        unknown = sorted(set(table) - set(DEFAULTS))
        if unknown:
            raise ValueError(
                f"[tool.{TABLE}] in {pyproject}: unknown key(s) {', '.join(unknown)}; "
                f"the keys are {', '.join(DEFAULTS)}"
            )
        root = pyproject.parent.resolve()
        paths = {name: root / str(table.get(name, default)) for name, default in DEFAULTS.items()}
        return cls(root=root, **paths)

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The project of the folder `start` (default: the current one) or the nearest above."""
        here = (start or Path.cwd()).resolve()
        for folder in (here, *here.parents):
            candidate = folder / "pyproject.toml"
            if candidate.is_file() and f"[tool.{TABLE}]" in candidate.read_text("utf-8"):
                return cls.load(candidate)
        raise ProjectNotFound(
            f"No pyproject.toml with a [tool.{TABLE}] table in {here} or any folder above it. "
            "Run the command from the project's folder (the one with features/ and mkdocs.yml)."
        )
