"""The test data a scenario works with: who the resident is and what their bill says."""

from __future__ import annotations

from dataclasses import dataclass

from reference_app import demo


@dataclass(frozen=True)
class Resident:
    """A resident's sign-in."""

    email: str
    password: str

    @property
    def wrong_password(self) -> str:
        """A password that is surely not theirs."""
        return "Not-" + self.password


@dataclass(frozen=True)
class Bill:
    """The two numbers printed near the top of a utility bill."""

    account_number: str
    customer_id: str

    @property
    def wrong_customer_id(self) -> str:
        """A well-formed customer ID that is not on this bill."""
        width = len(self.customer_id)
        return str((int(self.customer_id) + 1_000_003) % 10**width).zfill(width)


@dataclass(frozen=True)
class PortalUnderTest:
    """The portal a scenario runs against, with the residents and bills it may use."""

    url: str
    resident: Resident
    bill: Bill
    newcomer: Resident | None = None  # an email not yet registered, for registration
    second_resident: Resident | None = None
    second_bill: Bill | None = None


def reference_portal(url: str) -> PortalUnderTest:
    """The reference portal's demo residents and bills."""
    accounts = {account.number: account for account in demo.ACCOUNTS}
    jordan, priya = accounts["481207"], accounts["318290"]  # Jordan Rivera's and Priya Nair's
    return PortalUnderTest(
        url=url,
        resident=Resident(demo.RESIDENTS[0], demo.DEMO_PASSWORD),
        bill=Bill(jordan.number, jordan.customer_id),
        newcomer=Resident("casey.morgan@example.org", "Bluestem#2026"),
        second_resident=Resident("priya.nair@example.org", demo.DEMO_PASSWORD),
        second_bill=Bill(priya.number, priya.customer_id),
    )
