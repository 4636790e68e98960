"""Step definitions: what a resident does, in the resident's words, through the portal contract."""

import pytest

# The step definitions are registered by the suite's plugin at configure (steps/plugin.py), not
# through pytest_plugins, so pytest is told to show the values of their failed asserts.
pytest.register_assert_rewrite("steps.signing_in", "steps.linking", "steps.protecting")
