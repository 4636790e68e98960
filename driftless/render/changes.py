"""What changed on a screen, in words: its accessibility trees before and after, compared.

Pure: two trees (as `driftless.model.aria_tree` keeps them) in, changes told in sentences out.
A screen's outline is what a resident finds their way by: its sections (landmarks, regions,
menus, forms), headings, controls, boxes and messages, each with the section it is in. Two
outlines are compared with difflib on (role, name): an element gone and one come in the same
place, of the same role and section, is one renamed; the same element gone from one place and
come in another, one moved. A screen whose tree is the same but whose pixels differ changed
only to the eye (a colour, a font).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from driftless.model.aria_tree import Node, UnreadableTree, read
from driftless.render.guide_sentences import ROLE_WORDS

KINDS = {
    **dict.fromkeys(
        ("banner", "navigation", "main", "contentinfo", "complementary", "region", "form",
         "search", "menu", "menubar", "dialog", "alertdialog", "group", "tabpanel", "toolbar"),
        "section",
    ),
    "heading": "heading",
    **dict.fromkeys(
        ("button", "link", "menuitem", "menuitemcheckbox", "menuitemradio", "tab"), "control"
    ),
    **dict.fromkeys(
        ("textbox", "searchbox", "combobox", "spinbutton", "listbox", "checkbox", "radio",
         "switch", "slider"),
        "box",
    ),
    **dict.fromkeys(("alert", "status", "log"), "message"),
}  # fmt: skip
# How a section of each role is called, and how the unnamed ones are.
SECTION_NOUNS = {
    "banner": "header", "navigation": "navigation", "main": "main content",
    "contentinfo": "footer", "complementary": "sidebar", "region": "section", "form": "form",
    "search": "search", "menu": "menu", "menubar": "menu bar", "dialog": "dialog",
    "alertdialog": "dialog", "group": "group", "tabpanel": "tab", "toolbar": "toolbar",
}  # fmt: skip
# The kinds of screen change: its controls, headings, boxes, messages or sections changed; only
# other words on it; only its pixels (a colour, a font); its pixels, with no words to compare.
STRUCTURE, WORDS, VISUAL, UNKNOWN = "structure", "words", "visual", "unknown"
LONGEST = 90  # characters of a name quoted in a sentence
LISTED = 6  # other words changed, told one by one before "and N more"


@dataclass(frozen=True)
class Element:
    """One entry of a screen's outline, and the section it is in (role and name)."""

    kind: str  # section, heading, control, box or message
    role: str
    name: str
    section: tuple[str, str] = ("", "")

    def as_section(self) -> tuple[str, str]:
        """How the elements inside it name it, if it is a section."""
        return self.role, self.name


@dataclass(frozen=True)
class Change:
    """An element added, removed, renamed, recast (another role) or moved on a screen."""

    what: str
    before: Element | None
    after: Element | None
    near: str = ""  # where it now is in its section: after “X”, or first
    place: float = 0  # where in the new outline it is, or would be

    def words(self) -> str:
        """The change as a sentence for the guide's writers."""
        old, new = self.before, self.after
        if new is None:
            assert old is not None
            return f"{called(old)} is gone (it was in {section_words(old.section)})"
        if old is None:
            where = f", {self.near}" if self.near else ""
            return f"{called(new, 'a new')} in {section_words(new.section)}{where}"
        if self.what == "renamed" and old.kind == "message":
            return f"{called(old)} now says \u201c{short(new.name)}\u201d"
        if self.what == "renamed":
            return f"{called(old)} is now called \u201c{short(new.name)}\u201d"
        if self.what == "recast":
            return f"{called(old)} is now a {noun(new)}"
        if old.section != new.section:
            return (
                f"{called(old)} moved from {section_words(old.section)} to "
                f"{section_words(new.section)}"
            )
        return f"{called(old)} moved within {section_words(new.section)}: now {self.near}"


@dataclass(frozen=True)
class Difference:
    """How a screen changed: its kind, the outline's changes and the other words changed."""

    kind: str  # STRUCTURE, WORDS, VISUAL or UNKNOWN; "" when it did not change at all
    changes: tuple[Change, ...] = ()
    words: tuple[str, ...] = ()


def short(name: str) -> str:
    """A name as quoted in a sentence: on one line, cut at `LONGEST` characters."""
    name = " ".join(name.split())
    return name if len(name) <= LONGEST else name[: LONGEST - 1].rstrip() + "\u2026"


def noun(element: Element) -> str:
    """What a resident calls an element of this role: "button", "box", "menu item"."""
    if element.kind == "section":
        return SECTION_NOUNS.get(element.role, element.role)
    return ROLE_WORDS.get(element.role) or element.role


def called(element: Element, article: str = "the") -> str:
    """An element named as a writer reads it: 'the \u201cSubmit\u201d button'."""
    if element.kind == "section":
        return section_words((element.role, element.name), article)
    if element.kind == "message":
        return f"{article} message \u201c{short(element.name)}\u201d"
    return f"{article} \u201c{short(element.name)}\u201d {noun(element)}"


def section_words(section: tuple[str, str], article: str = "the") -> str:
    """A section as a writer reads it: 'the \u201cUtility Billing Accounts\u201d section'."""
    role, name = section
    if not role:
        return "the page"
    kind = SECTION_NOUNS.get(role, role)
    if not name:
        return f"{article} {kind}"
    if name.lower().endswith(kind):  # the "User menu", not the "User menu" menu
        return f"{article} \u201c{short(name)}\u201d"
    return f"{article} \u201c{short(name)}\u201d {kind}"


def outline(nodes: list[Node]) -> list[Element]:
    """The sections, headings, controls, boxes and messages of a tree, in reading order.

    A message is one entry, its words all of the words inside it: what it says is what counts.
    """
    found: list[Element] = []
    open_sections: list[tuple[int, tuple[str, str]]] = []
    inside_message: int | None = None
    for index, node in enumerate(nodes):
        if inside_message is not None and node.depth > inside_message:
            continue
        inside_message = None
        while open_sections and open_sections[-1][0] >= node.depth:
            open_sections.pop()
        kind = KINDS.get(node.role)
        if kind is None:
            continue
        name = node.name or node.words
        if kind == "message":
            name = node.name or _said_below(nodes, index)
            inside_message = node.depth
        section = open_sections[-1][1] if open_sections else ("", "")
        found.append(Element(kind, node.role, " ".join(name.split()), section))
        if kind == "section":
            open_sections.append((node.depth, (node.role, found[-1].name)))
    return found


def _said_below(nodes: list[Node], index: int) -> str:
    """Every word in the nodes under the one at `index`."""
    depth, said = nodes[index].depth, [nodes[index].words]
    for node in nodes[index + 1 :]:
        if node.depth <= depth:
            break
        said += [node.name, node.words]
    return " ".join(" ".join(said).split())


@dataclass
class _Loose:
    """An element gone from the old outline or come in the new, not yet paired."""

    element: Element
    block: int  # the difflib block it is in: the same block is the same place
    place: float  # where it is (or was) in the new outline's reading order


def _pair(
    gone: list[_Loose], come: list[_Loose], fits: Callable[[_Loose, _Loose], bool]
) -> list[tuple[_Loose, _Loose]]:
    """Pair each gone element with the first come one that fits it; both leave their lists."""
    pairs = []
    for old in list(gone):
        new = next((new for new in come if fits(old, new)), None)
        if new is not None:
            pairs.append((old, new))
            gone.remove(old)
            come.remove(new)
    return pairs


def compare(before: list[Element], after: list[Element]) -> list[Change]:
    """What changed from one outline to the other, in the new outline's reading order."""
    gone, come, stayed = _loose(before, after)
    sections = _pair(gone, come, lambda o, n: _same_place(o, n) and o.element.kind == "section")
    renamed_sections = {o.element.as_section(): n.element.as_section() for o, n in sections}

    def section(element: Element) -> tuple[str, str]:
        return renamed_sections.get(element.section, element.section)

    moved = _pair(gone, come, lambda o, n: _key(o.element) == _key(n.element))
    renamed = _pair(
        gone, come, lambda o, n: _same_place(o, n) and section(o.element) == n.element.section
    )
    recast = _pair(gone, come, lambda o, n: o.block == n.block and _same_name(o, n))
    changes = [
        *(Change("renamed", o.element, n.element, place=n.place) for o, n in sections + renamed),
        *(Change("recast", o.element, n.element, place=n.place) for o, n in recast),
        *(
            Change("moved", o.element, n.element, _near(after, int(n.place)), n.place)
            for o, n in moved
        ),
        *(
            Change("moved", old, new, _near(after, place), place)
            for old, new, place in stayed
            if section(old) != new.section
        ),
        *(Change("removed", o.element, None, place=o.place) for o in gone),
        *(Change("added", None, n.element, _near(after, int(n.place)), n.place) for n in come),
    ]
    return sorted(_untold_twice(changes), key=lambda change: change.place)


def _loose(
    before: list[Element], after: list[Element]
) -> tuple[list[_Loose], list[_Loose], list[tuple[Element, Element, int]]]:
    """The elements gone and come, each with its difflib block, and the pairs that stayed."""
    matcher = SequenceMatcher(None, [_key(e) for e in before], [_key(e) for e in after], False)
    gone: list[_Loose] = []
    come: list[_Loose] = []
    stayed: list[tuple[Element, Element, int]] = []
    for block, (tag, i1, i2, j1, j2) in enumerate(matcher.get_opcodes()):
        if tag == "equal":
            stayed += zip(before[i1:i2], after[j1:j2], range(j1, j2), strict=True)
            continue
        # A gone element's place: where it was among the block's new elements (before the next).
        gone += [
            _Loose(element, block, min(j1 + offset + 0.5, j2 - 0.5))
            for offset, element in enumerate(before[i1:i2])
        ]
        come += [_Loose(element, block, j) for j, element in enumerate(after[j1:j2], j1)]
    return gone, come, stayed


def _same_place(old: _Loose, new: _Loose) -> bool:
    """Of the same role, where the other was: a candidate for a renaming."""
    return old.block == new.block and old.element.role == new.element.role


def _same_name(old: _Loose, new: _Loose) -> bool:
    return (old.element.kind, old.element.name) == (new.element.kind, new.element.name)


def _key(element: Element) -> tuple[str, str]:
    return element.role, element.name


def _near(after: list[Element], place: int) -> str:
    """Where the element at `place` is in its section: after the one before it, or first."""
    section = after[place].section
    others = [e for e in after if e.section == section and e.kind != "section"]
    earlier = [e for e in after[:place] if e.section == section and e.kind != "section"]
    if earlier:
        return f"after \u201c{short(earlier[-1].name)}\u201d"
    later = [e for e in others if e is not after[place]]
    return f"first, before \u201c{short(later[0].name)}\u201d" if later else "alone there"


def _untold_twice(changes: list[Change]) -> list[Change]:
    """A section renamed with its heading is told once, as its heading (what residents read)."""
    headings = {
        (c.before.name, c.after.name)
        for c in changes
        if c.what == "renamed" and c.before and c.after and c.before.kind == "heading"
    }
    return [
        c
        for c in changes
        if not (
            c.what == "renamed"
            and c.before
            and c.after
            and c.before.kind == "section"
            and (c.before.name, c.after.name) in headings
        )
    ]


def difference(before: str | None, after: str, pixels_changed: bool) -> Difference:
    """How a screen changed between two trees (None or "": none was recorded).

    Its outline changed (STRUCTURE); only other words (WORDS); the same tree but other pixels
    (VISUAL); no tree to compare with (UNKNOWN, if its pixels changed); or nothing ("").
    """
    old, new = _readable(before), _readable(after)
    if not old or not new:  # words kept for the first time, or not taken
        if not pixels_changed:
            return Difference("")
        if before and not old:
            said = "the words kept with the last picture are not an ARIA snapshot (edited?)"
        else:
            said = f"no words were kept with {'this' if old else 'the last'} picture to compare"
        return Difference(UNKNOWN, words=(said,))
    if before == after:
        return Difference(VISUAL if pixels_changed else "")
    changes = compare(outline(old), outline(new))
    if changes:
        return Difference(STRUCTURE, tuple(changes))
    return Difference(WORDS, words=tuple(_other_words(old, new)))


def _readable(tree: str | None) -> list[Node]:
    """A tree's nodes; none if there is no tree, or it is not one (a file edited by hand)."""
    try:
        return read(tree or "")
    except UnreadableTree:
        return []


def _words(nodes: list[Node]) -> list[str]:
    """The words of a tree that are not of its outline (paragraphs, labels, cells, ...)."""
    kept = []
    for node in nodes:
        if node.role not in KINDS and (said := " ".join((node.words or node.name).split())):
            kept.append(said)
    return kept


def _other_words(old: list[Node], new: list[Node]) -> list[str]:
    """The words that changed outside the outline, each in a sentence (the first few)."""
    before, after = _words(old), _words(new)
    told = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, before, after, False).get_opcodes():
        if tag == "equal":
            continue
        gone, come = before[i1:i2], after[j1:j2]
        if tag == "replace":
            told += [
                f"\u201c{short(a)}\u201d now reads \u201c{short(b)}\u201d"
                for a, b in zip(gone, come, strict=False)
            ]
            gone, come = gone[len(come) :], come[len(gone) :]
        told += [f"\u201c{short(words)}\u201d is gone" for words in gone]
        told += [f"new words: \u201c{short(words)}\u201d" for words in come]
    if not told:  # the same words: a state or a level changed (expanded, a heading's level)
        return ["only what a screen reader announces about an element changed (a state, a level)"]
    more = len(told) - LISTED
    return told[:LISTED] + ([f"and {more} more changes of words"] if more > 0 else [])
