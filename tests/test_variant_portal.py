"""Portals a resident can use by following the handout conform, however they are built.

Each variation of `tests/variant_portal.py` (its own markup and wording, required-field stars,
menu items as menu items or plain links and buttons, sections as regions, fieldsets, table rows
or headings, remove as a button or a link, messages as alerts, statuses or live regions, one- or
two-step sign-in) passes every core requirement with one override: the user menu's name.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server

from steps.portal import QuietHandler
from tests.support import run_suite
from tests.variant_portal import PASSWORD, Variant, create_app

pytestmark = pytest.mark.browser
CONFIG = f"""
[user]
email = "jordan.rivera@example.org"
password = "{PASSWORD}"

[utility_account]
number = "123456"
customer_id = "1234567"

[second_user]
email = "priya.nair@example.org"
password = "{PASSWORD}"

[locators]
user_menu = {{ role = "button", name = "Account menu" }}
"""
# Every value of every switch appears at least once.
VARIANTS = {
    "regions": Variant(),
    "fieldsets": Variant("two-step", "plain", "fieldsets", "link", "status"),
    "table": Variant("one-step", "plain", "table", "link", "live"),
    "headings": Variant("two-step", "menuitems", "headings", "button", "live"),
}


def serve(variant: Variant) -> Iterator[str]:
    server = make_server(
        "127.0.0.1", 0, create_app(variant), threaded=True, request_handler=QuietHandler
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.port}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_a_compatible_variation_passes_every_core_requirement(
    pytester: pytest.Pytester, name: str
) -> None:
    config = pytester.path / "portal.toml"
    config.write_text(CONFIG)
    for url in serve(VARIANTS[name]):
        result = run_suite(
            pytester,
            "-m", "core",
            f"--base-url={url}",
            f"--portal-config={config}",
            f"--conformance-report={pytester.path / 'report'}",
        )  # fmt: skip
    report = json.loads((pytester.path / "report" / "report.json").read_text())
    failed = [
        (r["title"], r.get("failure")) for r in report["requirements"] if r["status"] == "FAIL"
    ]
    assert failed == [], result.stdout.str()[-3000:]
    assert report["conforms"] is True
    statuses = [r["status"] for r in report["requirements"] if r["core"]]
    assert statuses.count("PASS") >= 17, statuses  # all but the reference portal's own
