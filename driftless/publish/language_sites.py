"""The guide in other languages: their catalogues, and their sites beside the English one.

    python -m driftless translations update [LANGUAGE ...]

Each language with a catalogue (locale/<language>/LC_MESSAGES/guide.po) and a line in
mkdocs.yml's language switch (`extra.alternate`, which names it in its own words) gets its pages
in docs/<language>/generated/ and its home page docs/<language>/index.md (both written by
`publish`, the home page from docs/index.md through the catalogue), and its own site in
site/<language>/, built from a configuration made from mkdocs.yml: the same theme and
extensions, the language's name for the theme, its page titles, and a language switch. Its
pictures are the English site's: the pages are built in a folder that holds them beside the
translated pages. Adding a language is its catalogue and its line in the switch.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from driftless.model.project import Project
from driftless.render.catalogues import Words, load, update
from driftless.render.counts import counted

# An entry of mkdocs.yml's extra.alternate: the language switch, which names each language in
# its own words.
SWITCH_ENTRY = re.compile(
    r"^ +- name: (?P<name>.+)\n +link: (?P<link>\S+)\n +lang: (?P<lang>[a-z]{2,3}(?:_[A-Z]{2})?)$",
    re.MULTILINE,
)
# The hand-written pages of the site's menu (the rest are generated/), made in each language.
MENU_PAGE = re.compile(r"^  - (?!generated/)(\S+\.md)$", re.MULTILINE)


def names(project: Project) -> dict[str, str]:
    """Each language of the switch in mkdocs.yml (`extra.alternate`), named in its own words."""
    text = (project.root / "mkdocs.yml").read_text("utf-8")
    return {
        found["lang"]: found["name"].strip().strip("\"'") for found in SWITCH_ENTRY.finditer(text)
    }


def handwritten(project: Project) -> dict[str, str]:
    """The hand-written pages of the site's menu (docs/index.md), by name, with their text."""
    text = (project.root / "mkdocs.yml").read_text("utf-8")
    docs = project.root / "docs"
    named = MENU_PAGE.findall(text)
    return {name: (docs / name).read_text("utf-8") for name in named if (docs / name).is_file()}


def update_catalogues(project: Project, languages: tuple[str, ...]) -> int:
    """Merge guide.pot into each catalogue (those given, or every one there is); 0 when done."""
    pot = project.locale / "guide.pot"
    if not pot.exists():
        print(f"No {pot}: run `make run` first, which writes it.", file=sys.stderr)
        return 1
    chosen = languages or tuple(project.languages())
    if not chosen:
        print("No catalogue yet: name a language, e.g. `translations update es`.", file=sys.stderr)
        return 1
    for language in chosen:
        if not re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?", language):
            print(
                f'"{language}" is no language code; use one such as es or pt_BR.', file=sys.stderr
            )
            return 1
        po = project.locale / language / "LC_MESSAGES" / "guide.po"
        try:
            merged = update(po, pot.read_bytes(), language)
        except ValueError as error:
            print(f"{error}; the catalogue is unchanged.", file=sys.stderr)
            return 1
        po.parent.mkdir(parents=True, exist_ok=True)
        if not po.exists() or po.read_bytes() != merged:
            po.write_bytes(merged)
        print(f"Catalogue: {po.relative_to(project.root)}: {to_do(po, language)}")
    return 0


def to_do(po: Path, language: str) -> str:
    """What a merged catalogue asks of its translator, in their words."""
    entries = [message for message in load(po, language) if message.id]
    new = sum(1 for message in entries if not message.string and not message.fuzzy)
    check = sum(1 for message in entries if message.fuzzy)
    if not new and not check:
        return "every sentence is translated; `make run` publishes it."
    said = []
    if new:
        said.append(f"{counted(new, 'sentence')} to translate (empty msgstr)")
    if check:
        said.append(
            f"{counted(check, 'sentence')} to check (changed in English: marked fuzzy, the old "
            "English beside it as #| msgid)"
        )
    return (
        " and ".join(said) + ". Translate in a PO editor or a text editor, remove each "
        "'#, fuzzy' line once checked, then `make run` publishes them."
    )


SITE_WORDS = re.compile(r"^(?:site_name|site_description|copyright): (.*)$", re.MULTILINE)
SITE_URL = re.compile(r"^site_url: (\S+)$", re.MULTILINE)


def site_url(project: Project, language: str | None = None) -> str:
    """Where the guide is published (mkdocs.yml's site_url), in a language: "" if not said.

    A translation's site is the language's folder of it, as site/<language>/ is of site/.
    """
    found = SITE_URL.search((project.root / "mkdocs.yml").read_text("utf-8"))
    if not found:
        return ""
    home = found[1].strip("\"'").rstrip("/") + "/"
    return f"{home}{language}/" if language and language != "en" else home


def site_words(project: Project) -> list[str]:
    """The site's name and description in mkdocs.yml: each language's site says them too."""
    return SITE_WORDS.findall((project.root / "mkdocs.yml").read_text("utf-8"))


def site_config(project: Project, language: str, folder: Path) -> str:
    """The language's site configuration, made from mkdocs.yml (the config file sits in `folder`).

    ValueError if mkdocs.yml lacks a setting this needs to change.
    """
    english = (project.root / "mkdocs.yml").read_text("utf-8")
    catalog = load(project.locale / language / "LC_MESSAGES" / "guide.po", language)
    words = Words(language, catalog)
    changes = {
        r"^docs_dir: .*$": "docs_dir: docs",  # stage_docs puts the pages beside the config
        r"^site_dir: .*$": "site_dir: site",  # inside `folder`, as Zensical wants; then moved
        r"^  language: en$": f"  language: {language}",
        r"^site_name: (.*)$": lambda m: f"site_name: {_yaml(words(m[1]))}",
        r"^site_description: (.*)$": lambda m: f"site_description: {_yaml(words(m[1]))}",
    }
    optional = {  # changed where mkdocs.yml has them
        r"^site_url: .*$": f"site_url: {site_url(project, language)}",
        r"^copyright: (.*)$": lambda m: f"copyright: {_yaml(words(m[1]))}",
        # the theme's own templates: the language's config sits elsewhere than mkdocs.yml
        r"^  custom_dir: (.*)$": lambda m: f"  custom_dir: {project.root / m[1]}",
    }
    config = english
    for pattern, change in changes.items():
        config, count = re.subn(pattern, change, config, count=1, flags=re.MULTILINE)  # type: ignore[call-overload]
        if not count:
            raise ValueError(f"mkdocs.yml has no line matching {pattern!r}")
    for pattern, change in optional.items():
        config = re.sub(pattern, change, config, count=1, flags=re.MULTILINE)  # type: ignore[call-overload]
    # Its own language switch below; the rest of `extra` as mkdocs.yml has it.
    config = re.sub(
        r"^  alternate:\n(?:    .*\n)*",
        lambda _: alternate(language, project.languages(), names(project)),
        config, count=1, flags=re.MULTILINE,
    )  # fmt: skip
    # The menu names each page by its translated title; a page not translated yet is left out
    # (the build would stop at it).
    return re.sub(
        r"^  - (\S+\.md)\n",
        lambda m: _menu_entry(folder / "docs", m[1]),
        config,
        flags=re.MULTILINE,
    )


def _yaml(text: str) -> str:
    """A string as YAML reads it back whatever it holds (JSON's strings are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _menu_entry(docs: Path, page: str) -> str:
    path = docs / page
    if not path.exists():
        return ""
    title = next(
        (
            line[2:].strip()
            for line in path.read_text("utf-8").splitlines()
            if line.startswith("# ")
        ),
        "",
    )
    return f"  - {_yaml(title)}: {page}\n" if title else f"  - {page}\n"


def alternate(language: str, languages: dict[str, Path], named: dict[str, str]) -> str:
    """The language switch (mkdocs-material's extra.alternate) for one site.

    ValueError if a language with a catalogue has no line in mkdocs.yml's switch.
    """
    if unnamed := sorted(set(languages) - set(named)):
        code = unnamed[0]
        raise ValueError(
            f"locale/{code}/ has a catalogue, but mkdocs.yml's language switch (extra.alternate) "
            f"does not name it: add\n    - name: (the language's name, in it)\n"
            f"      link: ./{code}/\n      lang: {code}"
        )
    home = "./" if language == "en" else "../"
    lines = ["  alternate:"]
    for code in ["en", *sorted(languages)]:
        link = home if code == "en" else f"{home}{code}/"
        lines += [
            f"    - name: {named.get(code, code)}",
            f"      link: {link}",
            f"      lang: {code}",
        ]
    return "\n".join(lines) + "\n"


def build_site(project: Project, language: str, builder: list[str]) -> int:
    """Build one language's site into site/<language>/; 1 with a message if it fails."""
    folder = project.build / f"site-{language}"
    try:
        stage_docs(project, language, folder / "docs")
        config = site_config(project, language, folder)
    except (OSError, ValueError) as error:
        print(f"Site ({language}): {error}", file=sys.stderr)
        return 1
    (folder / "mkdocs.yml").write_text(config, "utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [*builder, "-f", str(folder / "mkdocs.yml")]
    if subprocess.run(command, cwd=project.root, env=env, check=False).returncode != 0:
        print(
            f"Site ({language}): the build failed (see above); fix docs/{language}/ or "
            f"locale/{language}/.",
            file=sys.stderr,
        )
        return 1
    target = project.site / language
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(folder / "site", target)
    return 0


def stage_docs(project: Project, language: str, folder: Path) -> None:
    """The language's docs folder for its build: its pages, and the English site's pictures."""
    source = project.root / "docs" / language
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(source, folder)
    for shared in ("screenshots", "stylesheets"):
        shutil.copytree(project.root / "docs" / shared, folder / shared)
