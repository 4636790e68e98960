"""Bind every feature in features/ to pytest: one test per scenario (and per example)."""

from pytest_bdd import scenarios

scenarios("../features")
