"""The preview serves every language's built site and rebuilds it when its sources change."""

from __future__ import annotations

import threading
import urllib.request
from pathlib import Path

from driftless.publish.preview import Preview


def test_every_language_is_served_and_a_change_rebuilds(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (tmp_path / "docs").mkdir()
    built = tmp_path / "site"
    (built / "es").mkdir(parents=True)
    (built / "index.html").write_text("<h1>Linking your utility account</h1>")
    (built / "es" / "index.html").write_text("<h1>Cómo vincular su cuenta</h1>")
    rebuilt = threading.Event()
    preview = Preview(tmp_path, built, rebuilt.set, port=0)
    preview.start()
    try:
        for path, said in (("", "Linking"), ("es/", "Cómo vincular")):
            with urllib.request.urlopen(preview.url + path, timeout=10) as answer:
                assert answer.status == 200
                assert said in answer.read().decode()
        assert not rebuilt.wait(1.5)  # nothing changed: nothing rebuilt
        (tmp_path / "docs" / "index.md").write_text("# Linking your utility account\n")
        assert rebuilt.wait(10)
    finally:
        preview.stop()
