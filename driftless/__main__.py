"""The one command-line program: publish a recorded run, build the site and PDF, find Chromium.

    python -m driftless publish [--run DIR] [--fail-on-drift SHARE] [--fail-on-change KIND]
    python -m driftless site [--force]
    python -m driftless serve [--port 8000]
    python -m driftless pdf [--page NAME]
    python -m driftless browser ensure | which

Each sub-command is a few lines over a function of the stage that does the work.
"""

from __future__ import annotations

from pathlib import Path

import click

from driftless.capture import browser
from driftless.model.project import Project, ProjectNotFound
from driftless.publish import guide_update, pdf, portal_changes, preview, site
from driftless.publish import language_sites as language_files

FOLDER = click.Path(file_okay=False, path_type=Path)


def _project() -> Project:
    """The project of the current folder, or a message saying where it was looked for."""
    try:
        return Project.find()
    except (ProjectNotFound, ValueError) as error:
        raise click.ClickException(str(error)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """The help guide's tools: publish a recorded run, build the site and PDF, find Chromium."""


@cli.command()
@click.option(
    "--run",
    type=FOLDER,
    help="the run record, as written by pytest --guide-run DIR [default: build/guide-run]",
)
@click.option(
    "--docs", type=FOLDER, help="where the guide's pages go [default: pages in [tool.driftless]]"
)
@click.option(
    "--screenshots",
    type=FOLDER,
    help="where the annotated pictures and their sidecars go [default: screenshots in "
    "[tool.driftless]]",
)
@click.option(
    "--drift",
    type=FOLDER,
    help="where before | after | difference pictures of changed screenshots go "
    "[default: build/drift]",
)
@click.option(
    "--portal",
    default=guide_update.REFERENCE,
    show_default=True,
    help="how the sidecars name the portal",
)
@click.option(
    "--fail-on-drift",
    type=click.FloatRange(0, 1),
    metavar="SHARE",
    help="exit 1 if any screenshot changed by more than SHARE (0.01 = 1%)",
)
@click.option(
    "--fail-on-change",
    type=click.Choice(portal_changes.GATES),
    metavar="KIND",
    help="exit 1 if the portal changed in this way or a weightier one: structure (a control, "
    "heading, box or message added, removed, renamed or moved), words (also any other words "
    "on a screen), visual (also a colour or a font); see build/drift/review.html",
)
@click.option(
    "--strict-translations",
    is_flag=True,
    help="exit 1 if a translation lacks a sentence of the English guide (its page is kept)",
)
def publish(
    run: Path | None,
    docs: Path | None,
    screenshots: Path | None,
    drift: Path | None,
    portal: str,
    fail_on_drift: float | None,
    fail_on_change: str | None,
    strict_translations: bool,
) -> None:
    """Publish a recorded run as the guide: pages, marked pictures, sidecars and drift."""
    project = _project()
    raise SystemExit(
        guide_update.publish(
            project,
            run or project.run,
            docs or project.pages,
            screenshots or project.screenshots,
            drift or project.drift,
            portal,
            fail_on_drift,
            strict_translations,
            fail_on_change=fail_on_change,
        )
    )


@cli.group()
def translations() -> None:
    """The guide's gettext catalogues (locale/)."""


@translations.command("update")
@click.argument("languages", nargs=-1)
def update_translations(languages: tuple[str, ...]) -> None:
    """Merge locale/guide.pot into each language's guide.po (or start LANGUAGE's).

    New sentences come in empty, changed ones marked fuzzy with the old English beside them:
    neither is used until a translator fills or checks it.
    """
    raise SystemExit(language_files.update_catalogues(_project(), languages))


@cli.command("site")
@click.option("--force", is_flag=True, help="build even if nothing changed")
def build_site(force: bool) -> None:
    """Build the site (and print its PDF) when mkdocs.yml or docs/ changed."""
    raise SystemExit(site.build(_project(), force))


@cli.command("serve")
@click.option("--port", default=8000, show_default=True, help="the port on 127.0.0.1 to serve at")
def serve_site(port: int) -> None:
    """Serve the site in every language for a preview; rebuild it when its sources change."""
    raise SystemExit(preview.serve(_project(), port))


@cli.command("pdf")
@click.option("--page", default=pdf.GUIDE_PAGE, show_default=True, help="the built page to print")
def print_pdf(page: str) -> None:
    """Print a built guide page to PDF with Chromium, like the City's printed handout."""
    raise SystemExit(pdf.print_guide(_project(), page))


@cli.group("browser")
def chromium() -> None:
    """The Chromium the suite drives."""


@chromium.command()
def ensure() -> None:
    """Find a Chromium, or install one (Playwright's, else Debian's as root)."""
    raise SystemExit(browser.ensure())


@chromium.command()
def which() -> None:
    """Print the Chromium in use."""
    raise SystemExit(browser.which())


if __name__ == "__main__":
    cli(prog_name="python -m driftless")
