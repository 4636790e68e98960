"""The suite as a pytest plugin: its options, its checks before any browser starts, its fixtures.

The root `conftest.py` loads it; a test that runs scenarios of its own loads it with
`-p steps.plugin`. Its parts (`PARTS`) are the step definitions (`steps.signing_in`,
`steps.linking`, `steps.protecting`) and the fixtures, in `steps.portal_fixtures` (the portal
under test, its data, and what the recorder is told of each scenario) and `steps.browsers`
(screens, launch and connection). All are registered at configure time, after pytest-playwright
has registered its own, so that the suite's overrides of its fixtures win however the plugin
was loaded (a `-p` plugin is otherwise registered before the entry points).
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path

import pytest
from playwright.sync_api import expect

from driftless.model.project import Project, ProjectNotFound
from driftless.model.record import GUIDE_TAGS
from driftless.plugin import provenance
from driftless.plugin.compat import rendered_scenarios
from steps import (
    browsers,
    linking,
    portal_fixtures,
    protecting,
    sentences,
    signing_in,
    vendor_config,
)
from steps.contract import PortalContract, UnknownElement
from steps.portal_fixtures import VENDOR

# The suite's parts, each registered at configure, one way for all: the step definitions, and the
# fixtures (after pytest-playwright's own, so that the suite's overrides of them win).
PARTS = (signing_in, linking, protecting, portal_fixtures, browsers)


def pytest_addoption(parser: pytest.Parser) -> None:
    """Options of the suite's own, beside pytest-playwright's."""
    group = parser.getgroup("portal-and-browser", "portal and browser")
    group.addoption(
        "--chromium",
        metavar="PATH",
        help="Chromium or Chrome executable to drive (default: $DRIFTLESS_CHROMIUM, "
        "Playwright's own Chromium, then the system's).",
    )
    group.addoption(
        "--portal-config",
        metavar="FILE",
        help="TOML file describing a portal under test (with --base-url): its test resident, "
        "a bill's numbers, locator overrides, redactions; see handbooks/vendors.md",
    )
    group.addoption(
        "--portal-check",
        action="store_true",
        help="in about a minute, before a whole run: the config file, the address, signing in "
        "and the contract's elements on the first pages, each told in a sentence; nothing is "
        "submitted",
    )
    browsers.add_options(group)


def pytest_configure(config: pytest.Config) -> None:
    """Check the options; against another portal, read its config first; add the fixtures."""
    browsers.check_options(config)
    url, path = config.getoption("base_url"), config.getoption("portal_config")
    if url or path:
        if not url or not path:
            raise pytest.UsageError(
                "Run against another portal with both --base-url URL and --portal-config FILE "
                "(see handbooks/vendors.md); without them the suite starts the reference portal."
            )
        try:
            loaded = vendor_config.load(Path(path))
            PortalContract(loaded.locators)
        except (vendor_config.ConfigError, UnknownElement) as error:
            raise pytest.UsageError(str(error).strip('"')) from None
        check_wording(loaded.wording, config)
        reachable(url)
        config.stash[VENDOR] = loaded
        locators = {key: as_toml(how) for key, how in loaded.locators.items()}
        provenance.declare(config, Path(path), locators, dict(loaded.wording))
    check_sentences(config)
    seconds = browsers.step_timeout(config, vendor=VENDOR in config.stash)
    config.stash[browsers.STEP_TIMEOUT] = seconds
    expect.set_options(timeout=seconds * 1000)
    for module in PARTS:
        config.pluginmanager.register(module, f"driftless-suite-{module.__name__}")


@pytest.hookimpl(tryfirst=True)
def pytest_runtestloop(session: pytest.Session) -> None:
    """Before the first test, make room for the run's screenshots and traces."""
    if not session.config.option.collectonly:
        browsers.empty_output_dir(session.config)


def check_sentences(config: pytest.Config) -> None:
    """Every step sentence of the project's features is one the suite knows, before a browser."""
    try:
        features = Project.find(config.rootpath).features
    except (ProjectNotFound, ValueError):
        return  # not the project's own run (a test's features are its own)
    if unknown := sentences.unknown_sentences(features):
        raise pytest.UsageError(sentences.told(unknown))


TOLD = re.compile(r'^I am told "(.+)"$')


def city_messages(features: Path) -> set[str]:
    """Every message of the City's that a scenario expects, Outline rows filled in."""
    return {
        told.group(1)
        for scenario, _ in rendered_scenarios(features)
        for step in scenario.steps
        if (told := TOLD.match(step.name))
    }


def check_wording(wording: Mapping[str, str], config: pytest.Config) -> None:
    """A [wording] entry must name a message the scenarios expect, as the handout words it."""
    if not wording:
        return
    try:
        features = Project.find(config.rootpath).features
    except (ProjectNotFound, ValueError):
        return
    known = city_messages(features)
    unknown = sorted(set(wording) - known)
    if unknown:
        listed = "\n".join(f"  - {message!r}" for message in unknown)
        choices = "\n".join(f"  - {message!r}" for message in sorted(known))
        raise pytest.UsageError(
            f"[wording] names messages the scenarios do not expect:\n{listed}\n"
            f"Use the City's words, one of:\n{choices}"
        )


def reachable(url: str, timeout: float = 15) -> None:
    """Raise a usage error saying why, if the portal does not answer."""
    try:
        with urllib.request.urlopen(url, timeout=timeout):
            return
    except urllib.error.HTTPError:
        return  # it answers; the scenarios will say what is wrong with the answer
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        raise pytest.UsageError(f"cannot reach {url} ({reason})") from None


CHECK_FILE = "test_portal_check.py"


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """The portal check is collected only when asked for."""
    if collection_path.name == CHECK_FILE and not config.getoption("portal_check"):
        return True
    return None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With --portal-check, that alone; against another portal, leave out what it cannot do.

    What a vendor's portal cannot be asked for is not evaluated, and the reason said.
    """
    if config.getoption("portal_check"):
        chosen = [item for item in items if item.path.name == CHECK_FILE]
        config.hook.pytest_deselected(items=[item for item in items if item not in chosen])
        items[:] = chosen
        return
    vendor = config.stash.get(VENDOR, None)
    if vendor is None:
        return
    for item in items:
        if item.get_closest_marker("reference"):
            reason = "not evaluated: needs the reference portal's own data or registration"
            item.add_marker(pytest.mark.skip(reason=reason))
        elif item.get_closest_marker("second_resident") and vendor.second_user is None:
            reason = "not evaluated: needs [second_user] in the portal config"
            item.add_marker(pytest.mark.skip(reason=reason))


def as_toml(how: str | Mapping[str, object]) -> str:
    """A locator override as the config file spells it, for the report's declared deviations."""
    if isinstance(how, str):
        return json.dumps(how)
    return "{ " + ", ".join(f"{key} = {json.dumps(value)}" for key, value in how.items()) + " }"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """When recording the guide, run its scenarios on a desktop and a phone screen."""
    guide = any(metafunc.definition.get_closest_marker(tag) for tag in GUIDE_TAGS)
    if guide and metafunc.config.getoption("guide_run") and "screen" in metafunc.fixturenames:
        metafunc.parametrize("screen", list(browsers.SCREENS))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The portal check's sentences, each marked as found or not."""
    told = [
        sentence
        for report in terminalreporter.stats.get("passed", [])
        + terminalreporter.stats.get("failed", [])
        if report.when == "call"
        for name, value in report.user_properties
        if name == "portal_check"
        for sentence in json.loads(str(value))
    ]
    if not told:
        return
    terminalreporter.section("Portal check")
    for found, sentence in told:
        terminalreporter.line(f"  {'ok  ' if found else 'NO  '} {sentence}")
    if all(found for found, _ in told):
        terminalreporter.line("Ready for a whole run: the same command without --portal-check.")
