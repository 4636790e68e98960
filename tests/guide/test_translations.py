"""The guide in other languages: gettext catalogues, never a stale or half-English page."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from babel.messages.pofile import read_po, write_po

from driftless.model.project import Project
from driftless.model.record import dump
from driftless.publish import guide_update as publish
from driftless.publish import language_sites
from driftless.render.catalogues import Words, load, template, update
from driftless.render.guide_pages import build
from tests.guide.test_guide_rendering import HANDOUT, TEMPLATES, png, scenario

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "es" / "LC_MESSAGES" / "guide.po"


def catalogue(pot: bytes, translate: dict[str, str] | None = None) -> bytes:
    """A Spanish catalogue of a template: each sentence as `translate` says, else "ES <it>"."""
    catalog = read_po(io.BytesIO(pot), locale="es", domain="guide")
    for message in catalog:
        if message.id:
            message.string = (translate or {}).get(str(message.id), f"ES {message.id}")
    out = io.BytesIO()
    write_po(out, catalog)
    return out.getvalue()


def test_words_give_a_translation_and_note_what_is_missing_or_fuzzy(tmp_path: Path) -> None:
    pot = template({"Select “Submit”.": {"features/a.feature:3"}, "Next time": set()})
    po = tmp_path / "guide.po"
    po.write_bytes(catalogue(pot, {"Select “Submit”.": "Seleccione “Submit”.", "Next time": ""}))
    words = Words("es", load(po, "es"))
    assert words("Select “Submit”.") == "Seleccione “Submit”."
    assert words("Next time") == "Next time"  # empty: English, and noted
    assert words("Step {number}", number=4) == "Step 4"
    assert list(words.missing) == ["Next time", "Step {number}"]
    assert b"#: features/a.feature:3" in pot  # the translator sees where a sentence comes from
    assert template({"Next time": set()}) == template({"Next time": set()})  # byte-identical


def test_the_portals_english_quoted_in_a_translation_is_marked_as_english(tmp_path: Path) -> None:
    """What the English quotes too is the portal's; a phrase of the translation's own is not."""
    texts = {
        'Select "Submit".': "Seleccione “Submit”.",
        "See the “Troubleshooting” page.": "Vea la página “Solución de problemas”.",
        "You typed “{value}”.": "Usted escribió “{value}”.",
    }
    po = tmp_path / "guide.po"
    po.write_bytes(catalogue(template({text: set() for text in texts}), texts))
    words = Words("es", load(po, "es"))
    said = [words('Select "Submit".'), words("See the “Troubleshooting” page.")]
    said += [words("You typed “{value}”.", value=value) for value in ("48I207", "Sign in")]
    assert [words.marked(text) for text in said] == [
        'Seleccione “<span lang="en">Submit</span>”.',
        "Vea la página “Solución de problemas”.",
        "Usted escribió “48I207”.",  # a code typed is in no language
        'Usted escribió “<span lang="en">Sign in</span>”.',
    ]
    assert words.marked(f"“{words.shown('Enter your customer ID.')}”") == (
        '“<span lang="en">Enter your customer ID.</span>”'  # a message the portal shows
    )
    english = Words()
    assert english.marked(english('Select "Submit".')) == 'Select "Submit".'  # the page's own


def test_an_update_keeps_translations_and_marks_changed_sentences_fuzzy(tmp_path: Path) -> None:
    po = tmp_path / "guide.po"
    po.write_bytes(
        catalogue(template({"Select “Submit” once.": set()}), {"Select “Submit” once.": "Una vez."})
    )
    merged = update(po, template({"Select “Submit” twice.": set(), "New words.": set()}), "es")
    po.write_bytes(merged)
    catalog = load(po, "es")
    changed = catalog.get("Select “Submit” twice.")
    assert changed is not None
    assert changed.fuzzy  # the old translation, offered but not used
    assert '#| msgid "Select “Submit” once."' in merged.decode()  # the old English, beside it
    assert not catalog.get("New words.").string  # type: ignore[union-attr]
    words = Words("es", catalog)
    assert words("Select “Submit” twice.") == "Select “Submit” twice."
    assert "Select “Submit” twice." in words.missing


def test_an_update_tells_the_translator_what_is_left_to_do(tmp_path: Path) -> None:
    po = tmp_path / "guide.po"
    po.write_bytes(
        catalogue(template({"Select “Submit” once.": set()}), {"Select “Submit” once.": "Una vez."})
    )
    assert (
        language_sites.to_do(po, "es") == "every sentence is translated; `make run` publishes it."
    )
    po.write_bytes(
        update(po, template({"Select “Submit” twice.": set(), "New words.": set()}), "es")
    )
    said = language_sites.to_do(po, "es")
    assert said.startswith("1 sentence to translate (empty msgstr) and 1 sentence to check")
    assert "remove each '#, fuzzy' line once checked, then `make run`" in said


def test_a_spanish_page_says_every_sentence_in_spanish() -> None:
    records = [scenario("desktop"), scenario("phone")]
    english = build(records, HANDOUT, TEMPLATES)
    po = catalogue(template(english.words.heard))
    spanish = build(
        records, HANDOUT, TEMPLATES, words=Words("es", read_po(io.BytesIO(po), locale="es"))
    )
    assert not spanish.words.missing
    page = re.sub(r"<!--.*?-->", "", spanish.pages["link-your-utility-account.md"])
    for text in english.words.heard:
        if len(text) > 12 and "{" not in text and "%(" not in text:
            assert f"ES {text}" in page or text not in page, text


def project_in(folder: Path) -> Project:
    """A copy of this project's layout in `folder`, with no catalogue yet."""
    shutil.copytree(ROOT / "features", folder / "features")
    (folder / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text())
    (folder / "pyproject.toml").write_text("[tool.driftless]\n")
    return Project.find(folder)


def recorded(folder: Path, sentence: str) -> Path:
    run = folder / "run"
    run.mkdir(exist_ok=True)
    for record in (scenario("desktop"), scenario("phone")):
        record.steps[1].text = sentence
        dump(record, run / f"{record.key}.json")
        for step in record.steps:
            for shot in step.captures:
                (run / shot.image).write_bytes(png())
    return run


def test_a_changed_english_sentence_is_named_and_the_last_spanish_page_kept(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = project_in(tmp_path)
    run = recorded(tmp_path, "I go to the City of Tulsa utilities website")
    folders = (project.pages, project.screenshots, project.build / "drift")
    assert publish.publish(project, run, *folders) == 0  # English only: no catalogue yet
    po = project.locale / "es" / "LC_MESSAGES" / "guide.po"
    po.parent.mkdir(parents=True)
    po.write_bytes(catalogue((project.locale / "guide.pot").read_bytes()))
    assert publish.publish(project, run, *folders, strict_translations=True) == 0
    spanish = project.pages_in("es") / "link-your-utility-account.md"
    good = spanish.read_bytes()
    assert "## 1. ES Go to www.cityoftulsa.org/utilities." in good.decode()
    capsys.readouterr()

    run = recorded(tmp_path, "I open the City of Tulsa utilities website")  # the English changes
    assert publish.publish(project, run, *folders, strict_translations=True) == 1
    said = capsys.readouterr().out
    assert "Translation (es): 1 sentence needs translating" in said
    assert "es/link-your-utility-account.md:\n    - Open www.cityoftulsa.org/utilities." in said
    assert spanish.read_bytes() == good  # the last good Spanish page, never a mixed one
    english = (project.pages / "link-your-utility-account.md").read_text()
    assert "## 1. Open www.cityoftulsa.org/utilities." in english
    assert publish.publish(project, run, *folders) == 0  # not strict: said, and kept
    # A kept page whose pictures are no longer made is not published until it is translated.
    spanish.write_bytes(good.replace(b"/01-desktop.png", b"/09-desktop.png"))
    capsys.readouterr()
    assert publish.publish(project, run, *folders) == 0
    assert "link-your-utility-account.md (not published: its last good version shows pictures" in (
        capsys.readouterr().out
    )
    assert not spanish.exists()
    assert b"Open www.cityoftulsa.org/utilities." in (project.locale / "guide.pot").read_bytes()


def test_the_committed_spanish_pages_have_no_english_guide_sentence() -> None:
    """Every sentence of the English guide is translated in the Spanish pages that are kept."""
    pot = read_po((ROOT / "locale" / "guide.pot").open("rb"))
    catalog = load(PO, "es")
    pages = sorted((ROOT / "docs" / "es" / "generated").glob("*.md"))
    assert len(pages) == len(list((ROOT / "docs" / "generated").glob("*.md")))
    # What the portal shows is quoted as it shows it, in English: “Submit”, its messages.
    shown = r"<!--.*?-->|\u201c[^\u201d]*\u201d|\]\([^)]*\)|\{[^}]*\}"
    text = " ".join(re.sub(shown, " ", p.read_text(), flags=re.S) for p in pages)
    for message in list(pot)[1:]:  # after the header
        msgid = str(message.id)
        found = catalog.get(msgid)
        assert found is not None, f"untranslated: {msgid}"
        assert found.string, f"untranslated: {msgid}"
        assert not found.fuzzy, f"to check: {msgid}"
        sentence = len(msgid.split()) >= 3 and not re.search(r"[{%]", msgid)
        if sentence and found.string != msgid:
            assert msgid not in text, f"English on a Spanish page: {msgid}"


def test_a_catalogue_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    po = tmp_path / "guide.po"
    po.write_text('msgid "unterminated\n')
    with pytest.raises(ValueError, match=r"cannot read .*guide\.po"):
        load(po, "es")
    assert dataclasses.is_dataclass(Words)


@pytest.mark.subprocess
def test_an_updated_catalogue_is_one_gettexts_own_tools_read(tmp_path: Path) -> None:
    """After a long sentence changed: GNU msgfmt --check and polib accept the catalogue."""
    said = (
        "Use the same email and password you registered with: your username is the email "
        "connected to your account, and the one the City writes to."
    )
    now = said.replace("email and password", "email address and password")
    po = tmp_path / "guide.po"
    po.write_bytes(catalogue(template({said: {"features/a.feature:3"}}), {said: "Use el mismo."}))
    po.write_bytes(update(po, template({now: {"features/a.feature:3"}}), "es"))

    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "install GNU gettext (Debian/Ubuntu: apt-get install gettext)"
    checked = subprocess.run(
        [msgfmt, "--check", "-o", str(tmp_path / "guide.mo"), str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    [entry] = [e for e in polib.pofile(str(po)) if e.msgid == now]
    assert entry.fuzzy
    assert entry.previous_msgid == said  # the old English, for the translator to compare
    assert entry.msgstr == "Use el mismo."


@pytest.mark.subprocess
def test_the_committed_catalogues_are_ones_gettexts_own_tools_read() -> None:
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "install GNU gettext (Debian/Ubuntu: apt-get install gettext)"
    for po in [ROOT / "locale" / "guide.pot", *Project.find(ROOT).languages().values()]:
        checked = subprocess.run(
            [msgfmt, "--check", "-o", "/dev/null", str(po)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert checked.returncode == 0, (po, checked.stderr)
        assert len(polib.pofile(str(po))) > 50


def test_a_new_language_is_its_catalogue_and_a_line_in_the_switch(tmp_path: Path) -> None:
    """French: `translations update fr` makes its catalogue; its line in mkdocs.yml names it."""
    (tmp_path / "pyproject.toml").write_text("[tool.driftless]\n")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp_path / "docs", ignore=shutil.ignore_patterns("*.png"))
    (tmp_path / "locale").mkdir()
    shutil.copy(ROOT / "locale" / "guide.pot", tmp_path / "locale" / "guide.pot")
    project = Project.find(tmp_path)
    assert language_sites.names(project) == {"en": "English", "es": "Español"}
    assert language_sites.update_catalogues(project, ("fr",)) == 0
    assert "fr" in project.languages()

    with pytest.raises(ValueError, match=r"(?s)does not name it.*link: ./fr/\n      lang: fr"):
        language_sites.site_config(project, "fr", tmp_path / "build")
    switch = (tmp_path / "mkdocs.yml").read_text()
    (tmp_path / "mkdocs.yml").write_text(
        switch.replace(
            "      lang: es\n",
            "      lang: es\n    - name: Français\n      link: ./fr/\n      lang: fr\n",
        )
    )
    config = language_sites.site_config(project, "fr", tmp_path / "build")
    assert "    - name: Français\n      link: ../fr/\n      lang: fr" in config
    assert "  language: fr" in config
