"""What the suite tells the recorder about a scenario: the one thing they share at run time.

The suite provides a fixture named `scenario_settings` that returns a `ScenarioSettings`
(steps/portal_fixtures.py); the recorder asks for it when a guide scenario starts, and a suite
without one gets the defaults. The suite does not reach into the recorder, nor the recorder
into the suite's own fixtures.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

FIXTURE = "scenario_settings"


@dataclass(frozen=True)
class ScenarioSettings:
    """A scenario's screen, what its pictures mask, and the time its portal shows."""

    screen: str = "screen"  # the screen's name, as the record and the reports give it
    redact: tuple[str, ...] = ()  # selectors of personal data to mask, besides --redact
    clock: str = ""  # the portal's frozen time (ISO 8601); "" if it shows the real time


def settings_of(request: pytest.FixtureRequest) -> ScenarioSettings:
    """The suite's settings for the scenario `request` runs, or the defaults."""
    try:
        settings = request.getfixturevalue(FIXTURE)
    except pytest.FixtureLookupError as error:
        if error.argname != FIXTURE:
            raise  # the suite's fixture is there but needs one that is not: say so
        return ScenarioSettings()
    if not isinstance(settings, ScenarioSettings):
        raise TypeError(f"The fixture {FIXTURE} must return a ScenarioSettings, not {settings!r}")
    return settings
