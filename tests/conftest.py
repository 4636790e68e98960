"""Every test's marks and their order on several cores; each subject's fixtures are in its folder.

tests/portal (the reference portal through Flask's test client), tests/suite (the suite and its
plugins), tests/guide (the guide, its site, PDF and translations), tests/vendors (conformance on
other portals) and tests/project (architecture, environment, the program and the handbooks).
"""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    """On several cores, hand tests out one at a time (unless --maxschedchunk says otherwise).

    pytest-xdist's default first gives each worker a quarter of its share in one consecutive
    chunk; with the long tests first (below), one worker got every one of them and ran alone
    for minutes after the other had finished.
    """
    if config.pluginmanager.hasplugin("xdist") and config.getoption("maxschedchunk") is None:
        config.option.maxschedchunk = 1


# Fixtures that start a browser, and one that starts pytest in a process of its own: a test using
# them is marked so, for the fast tier (`make check`) to leave out. Tests that start another
# program themselves are marked `subprocess` where they are written.
BROWSER_FIXTURES = frozenset({"page", "context", "browser", "new_context"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark what each test starts; start those that run the suite against a whole portal first.

    The whole-portal tests take most of the time, so on several cores, handed out one by one in
    this order, the workers end close together, rather than one finishing a long run alone.
    """
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if names & BROWSER_FIXTURES and not item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.browser)
        if "pytester" in names:
            item.add_marker(pytest.mark.subprocess)
    items.sort(key=lambda item: item.get_closest_marker("whole_run") is None)
