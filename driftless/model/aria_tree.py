"""A screen in words: the accessibility tree Playwright's ARIA snapshot gives of a page.

The snapshot is YAML of one shape: each line `- role "name" [attribute]: words`, a line ending
in `:` holds the indented lines below it, `- text: words` is words on their own and `- /url:`
a link's address. Read here into nodes in reading order, with the standard library only, and
tidied into the form kept beside each picture: what a resident perceives, nothing per run.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass

# Boxes whose value is what the resident typed (the feature's words, or a password), not the
# portal's: the value is left out of the stored tree.
BOX_ROLES = frozenset({"textbox", "searchbox", "combobox", "spinbutton"})
MASKED = "(masked)"
_ITEM = re.compile(r"^(?P<indent> *)- (?P<rest>.*)$")
_KEY = re.compile(
    r'^(?P<role>/?[A-Za-z][\w-]*)(?: "(?P<name>(?:[^"\\]|\\.)*)")?(?P<attributes>(?: \[[^\]]*\])*)'
)
_HEX = re.compile(r"\\x([0-9a-fA-F]{2})")


@dataclass(frozen=True)
class Node:
    """One line of the tree: an element (or words on their own, role "text") and its depth."""

    role: str
    name: str = ""
    words: str = ""  # the words it shows, after the colon
    depth: int = 0
    attributes: tuple[str, ...] = ()  # e.g. "level=1", "expanded"


class UnreadableTree(ValueError):
    """A line that is not of the ARIA snapshot's shape."""


def read(snapshot: str) -> list[Node]:
    """The tree's nodes in reading order; the properties (`/url`, ...) are left out."""
    nodes = []
    for number, line in enumerate(snapshot.splitlines(), 1):
        if not line.strip():
            continue
        node = node_of(line)
        if node is None:
            raise UnreadableTree(f"line {number} is not an ARIA snapshot line: {line!r}")
        if not node.role.startswith("/"):
            nodes.append(node)
    return nodes


def node_of(line: str) -> Node | None:
    """One line of a snapshot as a node; None if it is not of the snapshot's shape."""
    item = _ITEM.match(line)
    if item is None:
        return None
    key, rest = _split(item["rest"])
    found = _KEY.match(key)
    if found is None or found.end() != len(key):
        return None
    name = re.sub(r"\\(.)", r"\1", found["name"] or "")
    attributes = tuple(part.strip("[] ") for part in found["attributes"].split("]") if part.strip())
    words = _value(rest.removeprefix(":").strip()) if rest.startswith(": ") else ""
    return Node(found["role"], name, words, len(item["indent"]) // 2, attributes)


def _split(rest: str) -> tuple[str, str]:
    """A line's key and what follows it (`""`, `":"` or `": words"`)."""
    end = _key_end(rest)
    if rest.startswith("'"):  # a key YAML had to quote: '' stands for '
        return rest[1 : end - 1].replace("''", "'"), rest[end:]
    return rest[:end], rest[end:]


def _key_end(rest: str) -> int:
    """Where a line's key ends: after its closing quote if YAML quoted it, else at its colon."""
    if not rest.startswith("'"):
        return _colon(rest)
    end = 1
    while end < len(rest):
        if rest[end] == "'" and rest[end + 1 : end + 2] == "'":
            end += 2
        elif rest[end] == "'":
            return end + 1
        else:
            end += 1
    return len(rest)


def _colon(rest: str) -> int:
    """Where the key ends: the first colon outside its quoted name that ends a word."""
    quoted = escaped = False
    for index, char in enumerate(rest):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == '"':
            quoted = not quoted
        elif char == ":" and not quoted and rest[index + 1 : index + 2] in ("", " "):
            return index
    return len(rest)


def _value(text: str) -> str:
    """Words as YAML wrote them: double-quoted (with escapes) when they had to be."""
    if len(text) > 1 and text[0] == text[-1] == '"':
        try:
            decoded = json.loads(_HEX.sub(r"\\u00\1", text))
        except ValueError:
            return text
        return str(decoded)
    return text


def tidy(snapshot: str, masked: Collection[str] = ()) -> str:
    """The tree as kept beside a picture: what a resident perceives, and nothing per run.

    Addresses are left out (a resident follows a link's words, and an address may carry a
    session); so are the values of boxes (typed by the resident: a password among them); the
    words of elements masked in the picture are masked here too.
    """
    lines = [line for line in snapshot.splitlines() if line.strip()]
    kept = []
    for line in lines:
        node = node_of(line)
        if node is not None and node.role.startswith("/"):
            continue
        if node is not None and node.role in BOX_ROLES and node.words:
            start = len(line) - len(line.lstrip(" ")) + 2  # after the indent and "- "
            line = line[: start + _key_end(line[start:])]
        kept.append(line)
    tidied = []
    for index, line in enumerate(kept):  # a line whose children were all left out ends bare
        following = kept[index + 1] if index + 1 < len(kept) else ""
        deeper = _indent(following) > _indent(line)
        tidied.append(line[:-1] if line.endswith(":") and not deeper else line)
    text = "\n".join(tidied) + "\n" if tidied else ""
    for words in sorted({" ".join(m.split()) for m in masked} - {""}, key=len, reverse=True):
        text = text.replace(words, MASKED)
    return text


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
