"""Acceptance tests that write their own help guide: the suite's recorder and its tools."""
