"""The run's state the plugin's modules share, in pytest's stash under typed keys."""

from __future__ import annotations

import pytest

from driftless.capture.actions import Observer
from driftless.capture.recorder import Recorder
from driftless.model.failure import StepFailure

FAILURE = pytest.StashKey[StepFailure]()  # on an item: the step that failed, and the screen
OBSERVERS = pytest.StashKey[list[Observer]]()  # on the config: who watches the steps' actions
RECORDER = pytest.StashKey[Recorder]()  # on the config, with --guide-run
RETRACING = pytest.StashKey[bool]()  # on the config: a failed scenario runs again for a trace
# On an item: the numbers a scenario typed on this portal, by box, each with what it tests
# ("the account number one digit short"): the report's title shows them, not the example's.
TYPED = pytest.StashKey[dict[str, tuple[str, str]]]()
UNDEFINED = pytest.StashKey[bool]()  # on an item: a step no definition matches (no retrace)
AUDITED = pytest.StashKey[set[str]]()  # on the config: pages axe-core has looked at
FINDINGS = pytest.StashKey[list[dict[str, object]]]()  # on an item: its pages' audits
