"""The staged guide put in place, file by file, writing only what differs.

A run on an unchanged portal leaves every file as it was, so the site's build can tell that
nothing changed, and each changed file is replaced in one step.
"""

from __future__ import annotations

from pathlib import Path


def write(path: Path, data: bytes) -> None:
    """Write a file, making its folder."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def read_or_none(path: Path) -> bytes | None:
    """A file's bytes, or None if there is no such file."""
    return path.read_bytes() if path.exists() else None


def swap(
    staging: Path, docs: Path, shots: Path, drift: Path, languages: dict[str, Path] | None = None
) -> int:
    """Put the staged guide in place: changed and new files replaced, stale ones removed.

    Files whose bytes are the same are not touched, so a run on an unchanged portal leaves
    every file as it was (and the site build can tell that nothing changed). Returns how many
    guide files (pages and pictures) were written or removed.
    """
    sync(staging / "drift", drift)
    changed = sync(staging / "docs", docs) + sync(staging / "screenshots", shots)
    for language, pages in (languages or {}).items():
        changed += sync(staging / "languages" / language, pages)
        made = staging / "handwritten" / language
        for path in sorted(made.rglob("*")) if made.is_dir() else ():
            target = pages.parent / path.relative_to(made)  # beside its generated/ folder
            target.parent.mkdir(parents=True, exist_ok=True)
            path.replace(target)
            changed += 1
    return changed


def sync(built: Path, live: Path) -> int:
    """Make the folder `live` hold what `built` holds, writing only what differs.

    Returns the number of files written or removed.
    """
    wanted = (
        {p.relative_to(built) for p in built.rglob("*") if p.is_file()} if built.exists() else set()
    )
    changed = 0
    for name in sorted(wanted):
        source, target = built / name, live / name
        if target.is_file() and target.read_bytes() == source.read_bytes():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        source.replace(target)  # same file system: each file changes in one step
        changed += 1
    if not live.exists():
        return changed
    for path in sorted(live.rglob("*"), reverse=True):  # files before their folders
        if path.is_file() and path.relative_to(live) not in wanted:
            path.unlink()
            changed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return changed
