"""In the browser: actions, the recorder, accessibility audits, Chromium (Playwright, no pytest)."""
