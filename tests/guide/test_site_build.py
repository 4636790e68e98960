"""`python -m driftless site`: the site built once, its PDF printed out of the site's input."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from driftless.model.project import Project
from driftless.publish.pdf import place_printed

ROOT = Path(__file__).resolve().parents[2]
PAGE = "link-your-utility-account"


def site(folder: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "driftless", "site"]
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=300)


@pytest.mark.subprocess
def test_a_first_build_builds_once_and_links_the_pdf_it_prints(tmp_path: Path) -> None:
    """No printed guide yet: one build, the PDF beside its page; the next finds nothing to do.

    The project as committed, in English only (no catalogues), and with no printed/ folder.
    """
    for folder in ("docs", "overrides", "features"):
        shutil.copytree(ROOT / folder, tmp_path / folder, symlinks=True)
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp_path / name)
    first = site(tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    printed = tmp_path / "printed" / f"{PAGE}.pdf"
    assert printed.read_bytes()[:5] == b"%PDF-"
    assert (tmp_path / "site" / "generated" / f"{PAGE}.pdf").read_bytes() == printed.read_bytes()
    assert not list((tmp_path / "docs").rglob("*.pdf"))  # nothing printed into the site's input
    html = (tmp_path / "site" / "generated" / PAGE / "index.html").read_text()
    assert f'href="/generated/{PAGE}.pdf"' in html
    second = site(tmp_path)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Site: unchanged, not rebuilt." in second.stdout
    assert "PDF:" not in second.stdout
    (tmp_path / "site" / "generated" / f"{PAGE}.pdf").unlink()  # as a build by hand does
    third = site(tmp_path)
    assert "Site: unchanged, not rebuilt." in third.stdout
    assert (tmp_path / "site" / "generated" / f"{PAGE}.pdf").read_bytes() == printed.read_bytes()


def test_a_printed_guide_is_put_back_after_the_site_is_built_again(tmp_path: Path) -> None:
    """A build empties site/: each printed guide goes back beside its page, in its language."""
    project = dataclasses.replace(
        Project.find(ROOT), site=tmp_path / "site", printed=tmp_path / "printed"
    )
    for language, folder in ((None, ""), ("es", "es/")):
        (tmp_path / "site" / folder / "generated" / PAGE).mkdir(parents=True)
        project.printed_in(language).mkdir(parents=True, exist_ok=True)
        (project.printed_in(language) / f"{PAGE}.pdf").write_bytes(f"%PDF-{language}".encode())
    place_printed(project)
    assert (tmp_path / "site" / "generated" / f"{PAGE}.pdf").read_bytes() == b"%PDF-None"
    assert (tmp_path / "site" / "es" / "generated" / f"{PAGE}.pdf").read_bytes() == b"%PDF-es"
