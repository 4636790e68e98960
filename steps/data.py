"""The test data a scenario works with: who the resident is and what their bill says."""

from __future__ import annotations

from dataclasses import dataclass


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
