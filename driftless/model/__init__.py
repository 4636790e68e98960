"""The run record and the handout: plain data, no Playwright and no pytest."""
