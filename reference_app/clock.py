"""The portal's clock: real time, or a frozen instant so guide screenshots never change."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app


@dataclass(frozen=True)
class Clock:
    """Tells the time shown on screen; security timers always use real time."""

    frozen: datetime | None = None

    @classmethod
    def from_setting(cls, value: str | datetime | None) -> Clock:
        """Build a clock from the FROZEN_TIME setting (ISO 8601 text, a datetime or None)."""
        if value is None or value == "":
            return cls()
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError(f"FROZEN_TIME needs a UTC offset, e.g. {moment.isoformat()}+00:00")
        return cls(moment.astimezone(UTC))

    def now(self) -> datetime:
        """The current instant in UTC, as the portal displays and records it."""
        return self.frozen if self.frozen is not None else datetime.now(UTC)

    def monotonic(self) -> float:
        """Seconds for measuring idle time; never frozen."""
        return time.time()


def current_clock() -> Clock:
    """The clock of the running app."""
    clock: Clock = current_app.extensions["clock"]
    return clock
