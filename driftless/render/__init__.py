"""Outputs drawn from the record: guide pages, marked pictures, reports; no browser, no pytest."""
