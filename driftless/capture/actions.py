"""The thin layer every click and keystroke of the suite goes through.

Steps act through `Hands`; observers (the guide recorder) hear about an action just before it
happens, while its target is still on screen, and just after. Steps never depend on them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from playwright.sync_api import Locator
from playwright.sync_api import TimeoutError as PlaywrightTimeout

Kind = Literal["click", "fill"]
VERBS: dict[Kind, str] = {"click": "select", "fill": "type into"}  # as a resident says it


@dataclass(frozen=True)
class Action:
    """What a step is about to do, to which element."""

    kind: Kind
    target: Locator
    value: str = ""
    secret: bool = False


class Observer(Protocol):
    """Something that watches actions, such as the guide recorder."""

    def before_action(self, action: Action) -> None:
        """Called with the target still on screen."""

    def after_action(self, action: Action) -> None:
        """Called once the action is done."""

    def noticed(self, target: Locator) -> None:
        """Called when a step checks what an element shows."""


@dataclass
class Hands:
    """Clicks and types for the steps, telling the observers."""

    observers: list[Observer] = field(default_factory=list)

    def click(self, target: Locator) -> None:
        """Click an element, as a resident selects it."""
        self._perform(Action("click", target), lambda: target.click())

    def fill(self, target: Locator, value: str, *, secret: bool = False) -> None:
        """Type a value into a box, replacing what was there."""
        self._perform(Action("fill", target, value, secret), lambda: target.fill(value))

    def see(self, target: Locator) -> Locator:
        """Point out the element a step checks, and hand it back for `expect`."""
        for observer in self.observers:
            observer.noticed(target)
        return target

    def _perform(self, action: Action, do: Callable[[], None]) -> None:
        for observer in self.observers:
            observer.before_action(action)
        try:
            do()
        except PlaywrightTimeout as error:
            raise NotOnScreen.after(action, error) from error
        for observer in self.observers:
            observer.after_action(action)


class NotOnScreen(AssertionError):
    """An action's element never appeared, said as a resident would say it."""

    @classmethod
    def after(cls, action: Action, error: PlaywrightTimeout) -> NotOnScreen:
        """The sentence for a timed-out action, naming its element by its description."""
        what = action.target.description or "the element the step needs"
        waited = re.search(r"Timeout (\d+)ms", str(error))
        within = f" within {int(waited[1]) / 1000:g} s" if waited else ""
        verb = VERBS[action.kind]
        return cls(f"Could not {verb} {what}: it was not on the screen{within}.")
