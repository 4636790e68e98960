"""The thin layer every click and keystroke of the suite goes through.

Steps act through `Hands`; observers (the guide recorder) hear about an action just before it
happens, while its target is still on screen, and just after. Steps never depend on them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

from playwright.sync_api import Locator

Kind = Literal["click", "fill"]


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
        do()
        for observer in self.observers:
            observer.after_action(action)
