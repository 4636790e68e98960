"""The test data a scenario works with: who the resident is and what their bill says."""

from __future__ import annotations

from dataclasses import dataclass

from reference_app import demo


@dataclass(frozen=True)
class SignInDetails:
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


# The bill the feature files' examples are written for (the reference portal's demo resident's):
# a number typed in an example is read against it, and typed on another portal against its own.
EXAMPLE_BILL = Bill("481207", "7305186")


@dataclass(frozen=True)
class Typed:
    """A number as a scenario types it on this portal, and what it tests, in words."""

    value: str
    what: str = ""  # "" when it is the bill's own number, as printed


def as_on_bill(value: str, example: str, own: str, name: str) -> Typed | None:
    """An example's `value`, written for the `example` number, made from this portal's `own`.

    None if `value` is not made from `example`. So an account number one digit short on the
    reference portal is one digit short of the vendor's own, and hits a real prefix there.
    """
    if value == example:
        return Typed(own)
    if value and example.startswith(value):
        return Typed(
            own[: len(value)],
            f"the {name} one digit short"
            if len(value) == len(example) - 1
            else f"part of the {name}",
        )
    if example in value:
        before, _, after = value.partition(example)
        longer = len(value) - len(example)
        what = f"the {name} one digit long" if longer == 1 else f"the {name} with digits added"
        if name == "account number" and len(value) == 9:
            what = "an account number in the old 9-digit form"
        return Typed(before + own + after, what)
    if len(value) == len(example) and len(own) == len(example):
        differ = [i for i, (a, b) in enumerate(zip(value, example, strict=True)) if a != b]
        if len(differ) == 1:
            i = differ[0]
            return Typed(
                own[:i] + value[i] + own[i + 1 :],
                f"the {name} with a letter for a digit"
                if value[i].isalpha()
                else f"the {name} with one digit changed",
            )
    return None


@dataclass(frozen=True)
class PortalUnderTest:
    """The portal a scenario runs against, with the residents and bills it may use."""

    url: str
    resident: SignInDetails
    bill: Bill
    newcomer: SignInDetails | None = None  # an email not yet registered, for registration
    second_resident: SignInDetails | None = None
    second_bill: Bill | None = None

    def typed(self, value: str, box: str) -> Typed:
        """A number an example types into `box` ("account number" or "customer ID"), as typed here.

        The examples are written for the reference portal's demo bill; on another portal each is
        made from its own bill the same way (one digit short, the customer ID in the account
        box, the old 9-digit form, ...), so a defect its own numbers would reveal is found.
        """
        if not value:
            return Typed("", f"an empty {box} box")
        for example, own, name in (
            (EXAMPLE_BILL.account_number, self.bill.account_number, "account number"),
            (EXAMPLE_BILL.customer_id, self.bill.customer_id, "customer ID"),
        ):
            if (found := as_on_bill(value, example, own, name)) is not None:
                if not found.what and name != box:
                    return Typed(found.value, f"the {name} in the {box} box")
                return found
        return Typed(value)


def reference_portal(url: str) -> PortalUnderTest:
    """The reference portal's demo residents and bills."""
    accounts = {account.number: account for account in demo.ACCOUNTS}
    jordan, priya = accounts["481207"], accounts["318290"]  # Jordan Rivera's and Priya Nair's
    return PortalUnderTest(
        url=url,
        resident=SignInDetails(demo.RESIDENTS[0], demo.DEMO_PASSWORD),
        bill=Bill(jordan.number, jordan.customer_id),
        newcomer=SignInDetails("casey.morgan@example.org", "Bluestem#2026"),
        second_resident=SignInDetails("priya.nair@example.org", demo.DEMO_PASSWORD),
        second_bill=Bill(priya.number, priya.customer_id),
    )
