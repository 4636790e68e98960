"""A count and its noun, as the project's own messages say it in English: "1 page", "2 pages"."""

from __future__ import annotations


def counted(count: int, one: str, many: str | None = None) -> str:
    """`count` with `one` (a noun, or a noun and its verb), or `many` (default: `one` + "s")."""
    return f"{count} {one if count == 1 else many or one + 's'}"
