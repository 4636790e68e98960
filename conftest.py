"""Wiring only: the suite's plugin (steps/plugin.py) and pytest's own tester for the tests.

The recorder's plugin, driftless.plugin, is loaded by its entry point.
"""

pytest_plugins = ["pytester", "steps.plugin"]
