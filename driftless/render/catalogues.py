"""The guide's words in another language, from gettext catalogues.

English is the language the feature files and templates are written in; every sentence the
guide shows goes through a `Words`, which hears it (for the catalogue template, `.pot`) and
gives the translation a catalogue holds, or the English with the sentence noted as missing.
A fuzzy or empty translation counts as missing: it may no longer say what the English says.

The portal is in English, so a translation quotes what it shows as it shows it (Seleccione
“Submit”); `Words.marked` marks each such phrase as English for the page (`lang="en"`), so a
screen reader says it in English, and the rest in the page's language.
"""

from __future__ import annotations

import gettext
import io
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, normalize, read_po, write_po

ENGLISH = "en"
DOMAIN = "guide"
QUOTED = re.compile("\u201c([^\u201c\u201d]+)\u201d")  # a phrase between typographic quotes
STRAIGHT = re.compile(r'"([^"]*)"')  # as a feature file quotes it; its translation curls them
WORDS = re.compile(r"[^\W\d_]{2}")  # a phrase with a word in it, not a number or code typed
FIXED_DATE = datetime(2000, 1, 1, tzinfo=UTC)  # catalogue header dates: same input, same bytes
PROJECT = "Tulsa utility linking guide"
HEADER = """\
# The help guide's sentences, as the features and page templates say them in English.
# `make run` writes guide.pot; `python -m driftless translations update` merges it into each
# locale/<language>/LC_MESSAGES/guide.po, where the translations are kept.
#"""


@dataclass
class Words:
    """One language's sentences: what was asked, and what the catalogue did not have."""

    language: str = ENGLISH
    catalog: Catalog | None = None  # compiled when the Words are made: gettext reads that
    heard: dict[str, set[str]] = field(default_factory=dict)  # msgid -> where it comes from
    missing: dict[str, set[str]] = field(default_factory=dict)
    page: str = ""  # the page being written (set by `on`): what is missing is noted per page
    missing_on: dict[str, dict[str, None]] = field(default_factory=dict)
    # Phrases a translation quotes as the English does: what the portal shows, in English.
    quoted: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._compiled: gettext.NullTranslations | None = None
        self._known: set[str] = set()
        if self.catalog is not None:
            self._compiled = gettext.GNUTranslations(io.BytesIO(compiled(self.catalog)))
            self._known = {str(m.id) for m in self.catalog if m.id and m.string and not m.fuzzy}

    @contextmanager
    def on(self, page: str) -> Iterator[Words]:
        """While the block runs, what is missing is noted as missing on `page`; then as before."""
        before, self.page = self.page, page
        try:
            yield self
        finally:
            self.page = before

    def __call__(self, text: str, where: str = "", **values: object) -> str:
        """The sentence in this language, `{name}` fields filled from `values`."""
        if not text:
            return text
        self.heard.setdefault(text, set()).update([where] if where else [])
        said = text
        if self._compiled is not None:
            if text in self._known:
                said = self._compiled.gettext(text)
            else:
                self.missing.setdefault(text, set()).update([where] if where else [])
                self.missing_on.setdefault(self.page, {})[text] = None
        said = said.format(**values) if values else said
        if self.language != ENGLISH:
            english = STRAIGHT.sub("\u201c\\1\u201d", text.format(**values) if values else text)
            self.quoted.update(set(QUOTED.findall(said)) & set(QUOTED.findall(english)))
        return said

    def shown(self, text: str) -> str:
        """Words the portal shows, which every language quotes as they are (its messages)."""
        if self.language != ENGLISH:
            self.quoted.add(text)
        return text

    def marked(self, text: str) -> str:
        """Text for a page, each phrase it quotes from the English portal marked as English.

        Only words: a number, or a code typed such as "48I207", is in no language. Unchanged in
        English, the page's own language.
        """
        if self.language == ENGLISH:
            return text

        def mark(match: re.Match[str]) -> str:
            phrase = match[1]
            if phrase not in self.quoted or not WORDS.search(phrase):
                return match[0]
            return f'\u201c<span lang="{ENGLISH}">{phrase}</span>\u201d'

        return QUOTED.sub(mark, text)

    def gettext(self, text: str) -> str:
        """For Jinja's i18n extension (newstyle: it fills %(name)s fields itself)."""
        return self(text)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """For Jinja's i18n extension; the guide's templates use no plural forms."""
        return self(singular if count == 1 else plural)


def template(heard: dict[str, set[str]]) -> bytes:
    """The catalogue template (.pot) of every sentence heard, with where each comes from."""
    catalog = Catalog(
        project=PROJECT,
        domain=DOMAIN,
        header_comment=HEADER,
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        fuzzy=False,
    )
    for text, where in heard.items():
        catalog.add(text, locations=[_location(place) for place in sorted(where)])
    return _po_bytes(catalog)


def same(one: bytes, other: bytes) -> bool:
    """Whether two catalogues hold the same messages, with the same places, in any order."""

    def entries(data: bytes) -> set[tuple[object, ...]]:
        catalog = read_po(io.BytesIO(data), domain=DOMAIN)
        return {
            (str(m.id), str(m.string), tuple(sorted(m.locations)), tuple(sorted(m.flags)))
            for m in catalog
            if m.id
        }

    return entries(one) == entries(other)


def _location(place: str) -> tuple[str, int]:
    name, _, line = place.rpartition(":")
    return (name, int(line)) if name and line.isdigit() else (place, 0)


WIDTH = 96  # the catalogues' line width


def _po_bytes(catalog: Catalog) -> bytes:
    """The catalogue as a .po file that gettext's own tools (msgfmt) and polib accept.

    A changed sentence keeps its old English as `#| msgid` lines. Babel wraps those as a
    comment, breaking the string inside its quotes (msgfmt: "end-of-line within string"), so
    they are written here, each line of the string quoted, as gettext's msgmerge writes them.
    """
    out = io.BytesIO()
    write_po(out, catalog, width=WIDTH, sort_output=False, include_previous=False)
    text = out.getvalue().decode("utf-8")
    for message in catalog:
        if not message.id or not message.previous_id or not isinstance(message.id, str):
            continue
        entry = f"\nmsgid {normalize(message.id, width=WIDTH)}\nmsgstr"
        first, *rest = normalize(message.previous_id[0], width=WIDTH - 3).splitlines()
        before = "".join([f"\n#| msgid {first}", *(f"\n#| {line}" for line in rest)])
        text = text.replace(entry, before + entry, 1)
    return text.encode("utf-8")


def load(po: Path, language: str) -> Catalog:
    """A language's catalogue (.po); ValueError naming the file if it cannot be read."""
    try:
        with po.open("rb") as opened:
            return read_po(opened, locale=language, domain=DOMAIN, abort_invalid=True)
    except (OSError, ValueError, SyntaxError, PoFileError) as error:
        raise ValueError(f"cannot read {po}: {error}") from error


def update(po: Path, pot: bytes, language: str) -> bytes:
    """The catalogue merged with a new template: new sentences empty, changed ones fuzzy.

    A changed sentence keeps its old translation marked fuzzy, with the old English beside it
    (`#| msgid`), for the translator to check; it is not used until they do.
    """
    catalog = load(po, language) if po.exists() else Catalog(locale=language, domain=DOMAIN)
    catalog.update(read_po(io.BytesIO(pot), domain=DOMAIN), update_header_comment=False)
    catalog.header_comment = HEADER
    catalog.fuzzy = False
    catalog.revision_date = FIXED_DATE
    catalog.creation_date = FIXED_DATE
    catalog.project = PROJECT
    return _po_bytes(catalog)


def compiled(catalog: Catalog) -> bytes:
    """The catalogue compiled (.mo), as gettext's tools read it."""
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def untranslated(words: Words) -> Iterable[tuple[str, str]]:
    """Each sentence needing a translation, with the first place it comes from."""
    for text, where in words.missing.items():
        yield text, min(where, default="")
