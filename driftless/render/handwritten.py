"""The guide's hand-written pages (docs/index.md) in another language, through the catalogue.

A docs writer writes them in English; each paragraph and heading is a sentence of the catalogue,
heard where it stands ("docs/index.md:3"), so a language's home page is made like its other
pages, and a new language needs only its catalogue. The list of pages (`--8<--` snippets) points
at the language's own; a note after the first paragraph says the portal is in English, and each
phrase quoted from the portal is marked as English (`lang="en"`) for screen readers.
"""

from __future__ import annotations

import re
import textwrap

from driftless.render.catalogues import Words

WIDTH = 96
SNIPPET = re.compile(r'^--8<-- "docs/(generated/[^"]+)"$')
# Said in every translation, not in English: the portal's words are quoted as it shows them.
PORTAL_IN_ENGLISH = (
    "The portal is in English: the names of its buttons and links are quoted as they appear on "
    "the screen, for example “Submit”."
)


def blocks(text: str) -> list[tuple[int, str]]:
    """The page's blocks (paragraphs, headings, includes), each with its first line's number."""
    found: list[tuple[int, str]] = []
    lines: list[str] = []
    start = 0
    for number, line in enumerate([*text.splitlines(), ""], 1):
        if line.strip():
            start = start or number
            lines.append(line.strip())
        elif lines:
            found.append((start, " ".join(lines)))
            lines, start = [], 0
    return found


def _wrapped(paragraph: str) -> str:
    """A paragraph in lines of the docs' width (Markdown joins them again)."""
    return textwrap.fill(paragraph, WIDTH, break_long_words=False, break_on_hyphens=False)


def translated(text: str, where: str, words: Words, language: str) -> str:
    """The page in `words`' language (`where`: its path, for the catalogue's references)."""
    note = words(PORTAL_IN_ENGLISH, where)  # heard in English too, for the catalogue
    out = []
    for line, block in blocks(text):
        if snippet := SNIPPET.match(block):
            out.append(f'--8<-- "docs/{language}/{snippet[1]}"')
            continue
        heading = re.match(r"^(#+) (.*)$", block)
        said = heading[2] if heading else block
        shown = words.marked(words(said, f"{where}:{line}"))  # the portal's English marked so
        out.append(f"{heading[1]} {shown}" if heading else _wrapped(shown))
        if not heading and note:  # after the opening paragraph, once
            out.append(_wrapped(words.marked(note)))
            note = ""
    return "\n\n".join(out) + "\n"
