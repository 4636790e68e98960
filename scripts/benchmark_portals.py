"""The portals the benchmark runs against besides the reference: one closed, one broken.

A portal closed for maintenance fails every scenario (the vendor run's worst case); the
reference portal changed as an upgrade might change it fails 1, 5, then nearly all of them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from flask import Flask

CLOSED = (
    "<!doctype html><html lang=en><title>Closed</title><h1>Closed for maintenance</h1>"
    "<p>Please come back later.</p></html>"
)
VENDOR_CONFIG = """
[user]
email = "jordan.rivera@example.org"
password = "Tulsa-Water-2026"

[utility_account]
number = "481207"
customer_id = "7305186"

[second_user]
email = "priya.nair@example.org"
password = "Tulsa-Water-2026"
"""


def closed_portal() -> Flask:
    """A portal that fails every scenario: each of its pages says it is closed."""
    app = Flask("closed")

    def closed(path: str = "") -> str:
        return CLOSED

    app.add_url_rule("/", view_func=closed)
    app.add_url_rule("/<path:path>", view_func=closed)
    return app


# The reference portal changed as an upgrade might change it, failing 1, 5 and then nearly all
# of the scenarios: (file, text, replacement) each.
NOT_DIGITS = (
    "reference_app/messages.py",
    '"The {what} can only contain the digits 0 to 9."',
    '"Use only the digits 0 to 9 in the {what}."',
)
WRONG_LENGTH = (
    "reference_app/messages.py",
    '"The {what} is {expected} digits long; you entered {actual}."',
    '"The {what} has {expected} digits, not {actual}."',
)
SEND = ("reference_app/templates/utility/link.html", ">Submit<", ">Send<")
BREAKS = {"passing": [], "1 failing": [NOT_DIGITS], "5 failing": [NOT_DIGITS, WRONG_LENGTH],
          "all failing": [SEND]}  # fmt: skip


@contextlib.contextmanager
def broken(clone: Path, changes: list[tuple[str, str, str]]) -> Iterator[None]:
    """The clone's reference portal with these changes, put back afterwards."""
    kept = {name: (clone / name).read_text() for name, _, _ in changes}
    try:
        for name, text, instead in changes:
            path = clone / name
            assert text in path.read_text(), f"{name} no longer says {text}"
            path.write_text(path.read_text().replace(text, instead))
        yield
    finally:
        for name, text in kept.items():
            (clone / name).write_text(text)
