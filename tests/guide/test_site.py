"""The built help guide in Chromium, as a reader opens it: offline, every page, picture, link.

Every check runs on the site as mkdocs-material builds it and as Zensical, its successor,
builds the same mkdocs.yml.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import math
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page
from pypdf import PdfReader

from driftless.model.handout import Handout
from driftless.model.project import Project
from driftless.model.record import GUIDE, TROUBLESHOOTING, slug
from driftless.plugin.compat import rendered_scenarios
from driftless.publish import language_sites
from driftless.publish.pdf import place_printed

ROOT = Path(__file__).resolve().parents[2]


def guide_pages(features: Path) -> list[str]:
    """The site's pages as the features make them: home, each guide scenario's, Troubleshooting."""
    pages: dict[str, None] = {"": None}
    for scenario, _ in rendered_scenarios(features):
        tags = set(scenario.tags) | set(scenario.feature.tags)
        if tags & {GUIDE, TROUBLESHOOTING}:
            name = TROUBLESHOOTING if TROUBLESHOOTING in tags else slug(scenario.name)
            pages[f"generated/{name}/"] = None
    return list(pages)


PAGES = guide_pages(ROOT / "features")
pytestmark = pytest.mark.browser


class QuietFiles(SimpleHTTPRequestHandler):
    """Serves the built site without logging each request."""

    def log_message(self, format: str, *args: object) -> None:
        """Say nothing."""


class QuietServer(ThreadingHTTPServer):
    """Serves files; a browser that leaves a page before its pictures arrive is no error."""

    def handle_error(self, request: object, client_address: object) -> None:
        """Stay quiet about a closed connection; report anything else as usual."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


def build_with_mkdocs(folder: Path) -> None:
    """mkdocs-material's build, strict, straight from the checkout."""
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(folder)],
        cwd=ROOT,
        check=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


def build_with_zensical(folder: Path) -> None:
    """Zensical's build of the same mkdocs.yml, in a copy of the checkout as it is, links and all.

    The copy only because Zensical takes no --site-dir; the site must not be built over site/.
    """
    source = folder.parent / f"{folder.name}-source"
    shutil.copytree(ROOT / "docs", source / "docs", symlinks=True)  # a link inside stays a link
    shutil.copy2(ROOT / "mkdocs.yml", source / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", source / "overrides")  # the theme templates it changes
    built = subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--strict", "--clean"],
        cwd=source,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "HOME": str(source)},
    )
    report = built.stdout + built.stderr
    assert built.returncode == 0, report
    assert "No issues found" in report, report  # strict: a warning is a failure here too
    shutil.copytree(source / "site", folder, dirs_exist_ok=True)


BUILDERS = {"mkdocs": build_with_mkdocs, "zensical": build_with_zensical}
BUILD_COMMANDS = {
    "mkdocs": [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
    "zensical": [sys.executable, "-m", "zensical", "build", "--strict", "--clean"],
}


def build_spanish(folder: Path, builder: str) -> None:
    """The Spanish site, as `driftless site` builds it, into folder/es/ beside the English."""
    project = dataclasses.replace(
        Project.find(ROOT), site=folder, build=folder.parent / f"{folder.name}-build"
    )
    assert language_sites.build_site(project, "es", BUILD_COMMANDS[builder]) == 0
    assert (folder / "es" / "index.html").exists()


@pytest.fixture(scope="module", params=sorted(BUILDERS))
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The guide as committed, built strictly with each builder and served on a loopback port."""
    folder = tmp_path_factory.mktemp(f"site-{request.param}")
    BUILDERS[request.param](folder)
    build_spanish(folder, request.param)
    place_printed(dataclasses.replace(Project.find(ROOT), site=folder))  # as `driftless site`
    server = QuietServer(("127.0.0.1", 0), partial(QuietFiles, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def offline_page(page: Page, site: str) -> Iterator[Page]:
    """A page whose requests may only reach the local site: anything else fails the test."""
    host = urlsplit(site).netloc
    outside: list[str] = []

    def check(route: object) -> None:
        request = route.request  # type: ignore[attr-defined]
        if urlsplit(request.url).netloc != host and not request.url.startswith("data:"):
            outside.append(request.url)
            route.abort()  # type: ignore[attr-defined]
        else:
            route.continue_()  # type: ignore[attr-defined]

    page.route("**/*", check)
    yield page
    assert outside == [], f"the site reached outside itself: {outside}"


@pytest.mark.parametrize("path", PAGES)
def test_every_page_and_picture_loads_offline(offline_page: Page, site: str, path: str) -> None:
    response = offline_page.goto(site + path)
    assert response is not None
    assert response.ok
    sizes = offline_page.evaluate(
        """async () => {
             const images = Array.from(document.images);
             images.forEach((image) => { image.loading = "eager"; });
             await Promise.all(images.map((image) => image.decode().catch(() => null)));
             return images.map((image) => [image.getAttribute("src"), image.naturalWidth]);
           }"""
    )
    assert sizes or not path, "no pictures on the page"
    assert [src for src, width in sizes if width == 0] == []


@pytest.mark.parametrize("path", PAGES)
def test_every_internal_link_resolves(page: Page, site: str, path: str) -> None:
    page.goto(site + path)
    links = page.evaluate("Array.from(document.querySelectorAll('a[href]')).map((a) => a.href)")
    internal = sorted({link.split("#")[0] for link in links if link.startswith(site)})
    assert internal
    for link in internal:
        response = page.request.get(link)
        assert response.ok, f"{path}: {link} answers {response.status}"


@pytest.mark.parametrize("path", [p for p in PAGES if p and "troubleshooting" not in p])
def test_each_step_number_matches_its_picture(page: Page, site: str, path: str) -> None:
    page.goto(site + path)
    headings = page.locator("h2").all_inner_texts()
    steps = [int(match[1]) for text in headings if (match := re.match(r"(\d+)\. ", text))]
    assert steps == list(range(1, len(steps) + 1)), headings
    images = page.evaluate(
        "Array.from(document.querySelectorAll('article img'))"
        ".map((i) => [i.alt, i.getAttribute('src')])"
    )
    assert images
    for alt, src in images:
        if alt.startswith("QR code for "):  # on paper: the address of a page it names
            continue
        number = int(re.match(r"Step (\d+), on a (computer|phone): ", alt)[1])  # type: ignore[index]
        # 04-desktop.png, 04-2-phone.png, 04-if-not-desktop.png, 04-where-to-find-...-phone.png
        shown = rf"/{number:02d}(-\d+|-if-not|-[a-z][a-z-]*)?-(desktop|phone|print)\.png$"
        assert re.search(shown, src), (alt, src)
        picture = (
            ROOT
            / "screenshots"
            / Path(urlsplit(urljoin(site + path, src)).path).relative_to("/screenshots")
        )
        if picture.name.endswith("-print.png"):  # the crop of the computer's (or only) picture
            stem = picture.name.removesuffix("-print.png")
            picture = next(
                p
                for s in ("desktop", "phone")
                if (p := picture.with_name(f"{stem}-{s}.png")).exists()
            )
        sidecar = picture.with_suffix(".json")
        about = json.loads(sidecar.read_text())
        assert about["number"] == number
        for mark in about["marks"]:  # the picture's description names what it marks
            assert " ".join(mark["name"].split())[:40] in alt.replace("\u201c", ""), (alt, mark)


@pytest.mark.parametrize(("width", "screen"), [(390, "phone"), (1280, "desktop")])
def test_each_screen_shows_and_loads_its_own_pictures(
    offline_page: Page, site: str, width: int, screen: str
) -> None:
    offline_page.set_viewport_size({"width": width, "height": 844})
    loaded: list[str] = []
    # the guide's pictures (a full Chromium also asks for the site's favicon; its headless shell
    # does not)
    offline_page.on("request", lambda r: loaded.append(r.url) if "/screenshots/" in r.url else None)
    offline_page.goto(site + "generated/link-your-utility-account/")
    for _ in range(40):  # scroll to the end, so that every lazy picture shown is loaded
        offline_page.mouse.wheel(0, 800)
        offline_page.wait_for_timeout(50)
    offline_page.wait_for_load_state("networkidle")
    shown = offline_page.evaluate(
        "Array.from(document.querySelectorAll('article img.guide-shot'))"
        ".filter((i) => getComputedStyle(i).display !== 'none').map((i) => i.getAttribute('src'))"
    )
    published = offline_page.locator("article img.guide-shot:not(.on-paper)").count()
    assert len(shown) == published / 2  # each picture once, on its screen, with no tab to choose
    assert all(src.endswith(f"-{screen}.png") for src in shown), shown
    assert loaded
    assert all(url.endswith(f"-{screen}.png") for url in loaded), loaded
    link = offline_page.locator("article a:has(img.guide-shot)").first  # opens full size
    assert link.get_attribute("href") == offline_page.locator(
        "article img.guide-shot"
    ).first.get_attribute("src")


@pytest.mark.parametrize(
    ("folder", "name", "printed"),
    [("", "Printable version", "printed"), ("es/", "Versión para imprimir", "printed/es")],
)
def test_the_printable_pdf_is_linked(
    page: Page, site: str, folder: str, name: str, printed: str
) -> None:
    """Each language's page links its own printed guide, put beside it in the built site."""
    page.goto(site + folder + "generated/link-your-utility-account/")
    href = page.get_by_role("link", name=re.compile(name)).get_attribute("href")
    assert href
    response = page.request.get(urljoin(page.url, href))
    assert response.ok
    assert response.body() == (ROOT / printed / "link-your-utility-account.pdf").read_bytes()


def printed_pictures(pdf: Path) -> list[tuple[int, int, float]]:
    """(page, width in pixels, pixels an inch as printed) of each picture, as `pdfimages -list`."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # it cannot read the theme's icons
    found: list[tuple[int, int, float]] = []
    for number, page in enumerate(PdfReader(pdf).pages, start=1):
        resources: Any = page["/Resources"].get_object()
        named = resources["/XObject"].get_object() if "/XObject" in resources else {}
        drawn: list[tuple[str, list[float]]] = []

        def heard(
            op: bytes, args: list[Any], matrix: list[float], _: object, into: list[Any] = drawn
        ) -> None:
            if op == b"Do":
                into.append((args[0], list(matrix)))

        page.extract_text(visitor_operand_before=heard)
        for name, matrix in drawn:
            shown = named[name].get_object() if name in named else {}  # else inside an icon
            if shown.get("/Subtype") == "/Image":
                inches = math.hypot(matrix[0], matrix[1]) / 72
                found.append((number, int(shown["/Width"]), shown["/Width"] / inches))
    return found


def test_the_printed_guide_is_five_letter_pages_with_pictures_read_at_8_pt() -> None:
    """Cropped pictures, printed so the portal's 16-px text is 8 pt or more (<= 144 px an inch)."""
    pdf = ROOT / "printed" / "link-your-utility-account.pdf"
    reader = PdfReader(pdf)
    assert 1 <= len(reader.pages) <= 5
    assert {(page.mediabox.width, page.mediabox.height) for page in reader.pages} == {(612, 792)}
    pictures = printed_pictures(pdf)
    page = (ROOT / "docs" / "generated" / "link-your-utility-account.md").read_text()
    assert len(pictures) == page.count("-print.png)") > 10  # every crop on the page, printed
    for where, width, per_inch in pictures:
        assert 16 * 72 / per_inch >= 8, f"a picture on page {where} prints its text too small"
        assert width < 1280  # a crop, not the whole screen
    words = [" ".join(page.extract_text().split()) for page in reader.pages]
    for number, text in enumerate(words, start=1):
        assert "City of Tulsa Customer Care Helpline: 311 or www.tulsa311.com" in text
        assert f"Page {number} of {len(words)}" in text
        assert "This guide online: guide.example.org/" in text  # a page alone says where it is
    assert "Need help?" in words[-1]  # the helpline ends it
    whole = " ".join(words)
    assert whole.index("Next time") < whole.index("If something is not right")


def test_the_pdf_names_no_path_of_the_machine_that_printed_it() -> None:
    """Links within the site print as words; a PDF printed anywhere has the same bytes."""
    pdf = (ROOT / "printed" / "link-your-utility-account.pdf").read_bytes()
    assert b"file:" not in pdf
    assert b"(https://www.tulsa311.com/)" in pdf  # the helpline's address stays a link


def test_every_handout_instruction_is_on_the_main_page_and_its_pdf_in_order() -> None:
    """The handout's numbered steps, its "My Account" fallback, Register, next time, helpline."""
    handout = Handout.load(ROOT / "features" / "handout.toml")
    page = (ROOT / "docs" / "generated" / "link-your-utility-account.md").read_text()
    cited = re.findall(r"handout step (\d+)", page)
    numbered = [i.number.strip("()") for i in handout.instructions if i.number]
    assert list(dict.fromkeys(cited)) == numbered  # every numbered instruction, in order
    steps = re.findall(r"^## (\d+)\. (.+)$", page, re.MULTILINE)
    pdf = PdfReader(ROOT / "printed" / "link-your-utility-account.pdf")
    printed = " ".join(" ".join(sheet.extract_text().split()) for sheet in pdf.pages)
    where = [printed.find(f"{number}. {text}"[:60]) for number, text in steps]
    assert -1 not in where, steps
    assert where == sorted(where)  # in the handout's order on paper too
    sections = re.findall(r"^## ([A-Z].+)$", page, re.MULTILINE)
    assert sections[0] == "Before you start"
    assert sections[-3:] == ["Next time", "If something is not right", "Need help?"]
    for words in (
        "select \u201cMy Account\u201d from the user menu icon at the top right",  # step 3's
        "[Register](register.md)",
        "select \u201cUtility Billing\u201d",  # the closing sentence
        f"Helpline at {handout.helpline_phone}",
    ):
        assert words in page, words
    for words in ("If you do not see it", "Register first", "Next time", "Need help?"):
        assert words in printed, words


SPANISH = [f"es/{path}" for path in PAGES]


@pytest.mark.parametrize("path", SPANISH)
def test_every_spanish_page_loads_offline_in_spanish(
    offline_page: Page, site: str, path: str
) -> None:
    """Its pictures are the English site's; its words, its menu and the theme's are Spanish."""
    failed: list[str] = []
    offline_page.on("requestfailed", lambda request: failed.append(request.url))
    response = offline_page.goto(site + path)
    assert response is not None
    assert response.ok
    offline_page.wait_for_load_state("networkidle")
    assert failed == []
    assert offline_page.locator("html").get_attribute("lang") == "es"
    broken = offline_page.evaluate(
        "Array.from(document.images).filter((i) => i.complete && i.naturalWidth === 0 && "
        "getComputedStyle(i).display !== 'none').map((i) => i.src)"
    )
    assert broken == []
    words = offline_page.locator("article").inner_text()
    for english in ("Before you start", "Something not right?", "Need help?", "Select the"):
        assert english not in words
    switch = offline_page.evaluate(
        "Array.from(document.querySelectorAll('a[hreflang]')).map((a) => [a.hreflang, a.href])"
    )
    assert ["en", site + path.removeprefix("es/")] in switch  # the same page, in English


def test_the_english_site_switches_to_spanish(page: Page, site: str) -> None:
    page.goto(site + "generated/link-your-utility-account/")
    links = page.evaluate(
        "Array.from(document.querySelectorAll('a[hreflang]')).map((a) => [a.hreflang, a.href])"
    )
    assert ["es", site + "es/generated/link-your-utility-account/"] in links  # the same page
    page.goto(site + "es/")
    assert page.locator("h1").first.inner_text() == "Cómo vincular su cuenta de servicios públicos"


def test_the_spanish_pdf_is_the_handout_in_spanish() -> None:
    pdf = PdfReader(ROOT / "printed" / "es" / "link-your-utility-account.pdf")
    assert 1 <= len(pdf.pages) <= 5
    words = [" ".join(sheet.extract_text().split()) for sheet in pdf.pages]
    for number, text in enumerate(words, start=1):
        assert "Línea de Atención al Cliente de la Ciudad de Tulsa: 311 o www.tulsa311.com" in text
        assert f"Página {number} de {len(words)}" in text
        assert "Esta guía en línea: guide.example.org/es/" in text
    assert "City of Tulsa" not in " ".join(words)  # one name for the City in each language
    assert "1. Vaya a www.cityoftulsa.org/utilities y seleccione “Sign in”." in words[0]
    assert "El portal está en inglés" in " ".join(words)  # on paper too, before the steps
    assert "¿Necesita ayuda?" in words[-1]


@pytest.mark.parametrize("path", PAGES + SPANISH)
def test_the_language_switch_opens_the_same_page(page: Page, site: str, path: str) -> None:
    """Each language's link in the switch leads to this page in that language, which exists."""
    page.goto(site + path)
    links = page.evaluate(
        "Array.from(document.querySelectorAll('a[hreflang]')).map((a) => [a.hreflang, a.href])"
    )
    same = path.removeprefix("es/")
    assert sorted(links) == [["en", site + same], ["es", site + "es/" + same]]
    for _, href in links:
        assert page.request.get(href).ok, href
    other = "en" if path.startswith("es/") else "es"
    page.locator(f"a[hreflang={other}]").first.dispatch_event("click")  # as the theme hears it
    page.wait_for_url(dict(links)[other])


def test_the_sitemap_lists_every_page_in_each_language(page: Page, site: str) -> None:
    for language, pages in (("", PAGES), ("es/", SPANISH)):
        text = page.request.get(f"{site}{language}sitemap.xml").text()
        listed = re.findall(r"<loc>([^<]+)</loc>", text)
        for path in pages:
            assert f"https://guide.example.org/{path}" in listed, (path, listed)


@pytest.mark.parametrize("language", ["", "es/"])
def test_on_paper_no_link_goes_nowhere(page: Page, site: str, language: str) -> None:
    """Printed, a page shows no link to another page of the guide: its address instead."""
    page.goto(f"{site}{language}generated/link-your-utility-account/")
    page.emulate_media(media="print")
    inside = page.evaluate(
        """(site) => Array.from(document.querySelectorAll("article a[href]"))
             .filter((a) => a.checkVisibility() && a.textContent.trim()
                            && a.href.startsWith(site))
             .map((a) => a.innerText)""",
        site,
    )
    assert inside == []
    printed = page.locator("article").inner_text()
    for name in ("register", "troubleshooting", "find-your-accounts-next-time"):
        assert f"guide.example.org/{language}generated/{name}/" in printed
    assert page.locator("article img.qr-code").count() == 3  # one for each page it names
