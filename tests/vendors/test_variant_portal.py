"""Portals a resident can use by following the handout conform, however they are built.

Each variation of `tests/vendors/variant_portal.py` (its own markup and wording, required-field
stars, menu items as menu items or plain links and buttons, sections as regions, fieldsets,
table rows or headings, remove as a button or a link, messages as alerts, statuses, live regions
or the descriptions of invalid boxes, one- or two-step sign-in) passes every core requirement
with one override: the user menu's name.
"""

from __future__ import annotations

import pytest

from tests.support import conformance_run, core_runs, served, vendor_config
from tests.vendors.variant_portal import PASSWORD, Variant, create_app

pytestmark = [pytest.mark.browser, pytest.mark.whole_run]
CONFIG = vendor_config(PASSWORD, user_menu='{ role = "button", name = "Account menu" }')
UNTRACED = ("--conformance-traces=off",)  # the verdicts are what is checked, not the evidence
# Every value of every switch appears at least once, in as few whole core runs as that takes
# (four: sections and messages each have four ways).
VARIANTS = {
    "regions": Variant(),
    "fieldsets": Variant("two-step", "plain", "fieldsets", "link", "status"),
    "table": Variant("one-step", "plain", "table", "link", "live"),
    "headings": Variant("two-step", "menuitems", "headings", "button", "described"),
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_a_compatible_variation_passes_every_core_requirement(
    pytester: pytest.Pytester, name: str
) -> None:
    with served(create_app(VARIANTS[name])) as url:
        result, report = conformance_run(pytester, url, CONFIG, *UNTRACED)
    failed = [
        (r["title"], r.get("failure")) for r in report["requirements"] if r["status"] == "FAIL"
    ]
    assert failed == [], result.stdout.str()[-3000:]
    assert report["conforms"] is True
    statuses = [r["status"] for r in report["requirements"] if r["core"]]
    assert statuses == ["PASS"] * core_runs()[0], statuses  # all but the reference portal's own
