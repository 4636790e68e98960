"""The built site in every language, served for a docs writer to preview, rebuilt on a change.

    python -m driftless serve [--port 8000]      (make serve)

`mkdocs serve` serves the English site alone (each translation is a site of its own), so the
language switch led nowhere. This builds every language's site as `make run` does, serves
site/ (English at /, Spanish at /es/), and rebuilds a second after docs/, locale/ or mkdocs.yml
change; reload the page to see it.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from driftless.model.project import Project
from driftless.publish import language_sites, site

WATCHED = ("docs", "locale")  # with mkdocs.yml: what the sites are made from


def signature(root: Path) -> tuple[tuple[str, int, int], ...]:
    """The names, sizes and modification times of what the sites are made from."""
    files = [root / "mkdocs.yml"]
    for top in WATCHED:
        for folder, _, names in os.walk(root / top):
            files.extend(Path(folder) / name for name in names)
    stats = []
    for path in sorted(files):
        try:
            found = path.stat()
        except OSError:
            continue  # removed meanwhile
        stats.append((str(path), found.st_size, found.st_mtime_ns))
    return tuple(stats)


class Quiet(SimpleHTTPRequestHandler):
    """Serves files without a line per request."""

    def log_message(self, format: str, *args: object) -> None:
        """Say nothing."""


class Preview:
    """A server of a built site, and a watch that rebuilds it when its sources change."""

    def __init__(self, root: Path, folder: Path, rebuild: Callable[[], object], port: int) -> None:
        handler = functools.partial(Quiet, directory=str(folder))
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.root = root
        self.rebuild = rebuild
        self.stopped = threading.Event()
        self.seen = signature(root)

    @property
    def url(self) -> str:
        """Where the site is served."""
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def watch(self, every: float = 1.0) -> None:
        """Rebuild whenever the sources change, until stopped."""
        while not self.stopped.wait(every):
            now = signature(self.root)
            if now != self.seen:
                self.rebuild()
                self.seen = signature(self.root)  # the accessibility check may write under docs/

    def start(self) -> None:
        """Serve and watch, each in a thread of its own."""
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        threading.Thread(target=self.watch, daemon=True).start()

    def stop(self) -> None:
        """Stop serving and watching."""
        self.stopped.set()
        self.server.shutdown()
        self.server.server_close()


def serve(project: Project, port: int) -> int:
    """Build every language's site if needed, then serve site/ until interrupted."""
    if site.build(project) != 0:
        return 1
    preview = Preview(project.root, project.site, lambda: site.build(project), port)
    named = language_sites.names(project)
    where = ", ".join(
        f"{named.get(code, code)} at {preview.url}{'' if code == 'en' else code + '/'}"
        for code in ["en", *sorted(project.languages())]
    )
    print(f"Serving the guide: {where}", flush=True)
    print("It is rebuilt a second after docs/, locale/ or mkdocs.yml change: reload the page.")
    print("Ctrl-C to stop.", flush=True)
    preview.start()
    try:
        preview.stopped.wait()
    except KeyboardInterrupt:
        pass
    finally:
        preview.stop()
    return 0
