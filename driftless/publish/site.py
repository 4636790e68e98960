"""Build the site and its PDF, only when what they are made from has changed.

    python -m driftless site          # build if needed, then print the PDF if the site changed
    python -m driftless site --force  # build and print whatever the state

The inputs are mkdocs.yml and every file under docs/ (the pictures in docs/screenshots/ too,
which screenshots/ links to), with the builder's version. Their digest is kept in
build/site-inputs.sha256; when it matches, site/ exists and the guide has been printed, nothing
is built, only each printed guide put (back) beside its page in the built site.
The builder is `mkdocs build --strict`; set SITE_BUILDER (e.g. "zensical build") to use
another that reads the same mkdocs.yml.
"""

from __future__ import annotations

import hashlib
import os
import shlex
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from driftless.model.project import Project
from driftless.publish import accessibility_check, language_sites, pdf

BUILDER = "mkdocs build --strict --quiet"


def inputs_digest(root: Path, builder: str) -> str:
    """One digest of the builder and every file the site is built from."""
    digest = hashlib.sha256(builder.encode())
    for package in ("mkdocs", "mkdocs-material", "zensical"):
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package}=none".encode())
    files = [root / "mkdocs.yml"]
    for top in ("docs", "locale"):  # the pictures in docs/screenshots/ and translations too
        for folder, _, names in os.walk(root / top):
            files.extend(Path(folder) / name for name in names)
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def build(project: Project, force: bool = False) -> int:
    """Build the site and the PDF if their inputs changed; 1 with a message if a build fails.

    Then check both for accessibility; if a result changed, its statement is rewritten and the
    site built again to show it. 1 if the check found a problem.
    """
    builder = os.environ.get("SITE_BUILDER", BUILDER)
    root = project.root
    stamp = project.build / "site-inputs.sha256"
    printed_all = all(
        (project.printed_in(language) / f"{pdf.GUIDE_PAGE}.pdf").exists()
        for language in (None, *project.languages())
    )
    built = project.site.is_dir() and stamp.exists() and printed_all
    if not force and built and stamp.read_text().strip() == inputs_digest(root, builder):
        pdf.place_printed(project)  # a build by hand empties site/ of them
        print("Site: unchanged, not rebuilt.")
        return 0
    command = [sys.executable, "-m", *shlex.split(builder)]
    if _build_sites(project, command, builder) != 0:
        return 1
    printed = []
    for language in (None, *sorted(project.languages())):
        if language is None or (project.site / language).is_dir():
            if pdf.print_guide(project, language=language) != 0:
                return 1
            printed.append(project.printed_in(language) / f"{pdf.GUIDE_PAGE}.pdf")
    if accessibility_check.check(project, printed) and _build_sites(project, command, builder) != 0:
        return 1
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.write_text(inputs_digest(root, builder) + "\n")  # the check may have changed docs/
    return _verdict(accessibility_check.record_of(project))


def _build_sites(project: Project, command: list[str], builder: str) -> int:
    """The site, and each language's; 1 with a message if a build fails."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if subprocess.run(command, cwd=project.root, env=env, check=False).returncode != 0:
        print(f"Site: `{builder}` failed (see above); fix docs/ or mkdocs.yml.", file=sys.stderr)
        return 1
    for language in sorted(project.languages()):
        home = project.root / "docs" / language / "index.md"  # a language's site starts there
        if home.exists() and language_sites.build_site(project, language, command) != 0:
            return 1
    pdf.place_printed(project)  # the last printed guides, until they are printed again
    return 0


def _verdict(check: dict[str, object] | None) -> int:
    """1, saying so, when the last accessibility check found a problem."""
    if check and (check["violations"] or check["pdf_findings"]):
        print(
            "Accessibility: the guide does not meet WCAG 2.1 AA or PDF/UA-1 as its statement "
            f"says; see docs/generated/{accessibility_check.RECORD} and run the tests in "
            "tests/guide/test_site_accessibility.py and tests/guide/test_printed_accessibility.py.",
            file=sys.stderr,
        )
        return 1
    return 0
