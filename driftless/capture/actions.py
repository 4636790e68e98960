"""The thin layer every click, keystroke and check of the suite goes through.

Steps act through `Hands`; observers (the guide recorder) hear about an action just before it
happens, while its target is still on screen, and just after. Steps check with this module's
`expect`, Playwright's own, and observers hear of each element a check found as it should
(`to_be_visible`, `to_have_text`, ...): that is what a step's picture marks, without the step
having to say so. Steps never depend on the observers.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol, overload

from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect as playwright_expect

from driftless.capture.patience import (
    Settled,
    keep_screen,
    patiently,
    wait_until_idle,
)

if TYPE_CHECKING:  # Playwright exports the assertion classes only through `expect`
    from playwright.sync_api._generated import LocatorAssertions, PageAssertions

Kind = Literal["click", "fill"]
VERBS: dict[Kind, str] = {"click": "select", "fill": "type into"}  # as a resident says it


@dataclass(frozen=True)
class Action:
    """What a step is about to do, to which element."""

    kind: Kind
    target: Locator
    value: str = ""
    secret: bool = False
    on_the_way: bool = False  # a click made inside `Hands.on_the_way()`


class Observer(Protocol):
    """Something that watches actions, such as the guide recorder."""

    def before_action(self, action: Action) -> None:
        """Called with the target still on screen."""

    def after_action(self, action: Action) -> None:
        """Called once the action is done."""

    def noticed(self, target: Locator) -> None:
        """Called when a step checks what an element shows."""

    def shown(self, target: Locator) -> None:
        """Called when a step's picture should be taken now, with this element marked."""


@dataclass
class Hands:
    """Clicks and types for the steps, telling the observers."""

    observers: list[Observer] = field(default_factory=list)
    _passing: int = field(default=0, init=False, repr=False)

    def click(self, target: Locator) -> None:
        """Click an element, as a resident selects it."""
        action = Action("click", target, on_the_way=self._passing > 0)
        self._perform(action, lambda: target.click())

    @contextlib.contextmanager
    def on_the_way(self) -> Iterator[None]:
        """Clicks made inside only lead to what the step is about, such as opening a menu.

        A guide step's picture is of the screen before its last click, so before each click
        one is taken that a later click may replace. A step that clicks several times says
        which clicks only lead on, and no picture is taken (to be thrown away) before them. A
        click on the way is never a picture's moment: were it a step's last, the picture would
        be taken at the step's end.
        """
        self._passing += 1
        try:
            yield
        finally:
            self._passing -= 1

    def fill(self, target: Locator, value: str, *, secret: bool = False) -> None:
        """Type a value into a box, replacing what was there."""
        self._perform(Action("fill", target, value, secret), lambda: target.fill(value))

    def see(self, target: Locator) -> Locator:
        """Point out the element a step checks, and hand it back for `expect`."""
        for observer in self.observers:
            observer.noticed(target)
        return target

    def show(self, target: Locator) -> None:
        """Point out an element and take the step's picture now; later actions keep it.

        For a step that tells a state reached on the way ("I linked my account on an earlier
        visit"), whose last action (logging out) is not what its picture should show.
        """
        for observer in self.observers:
            observer.shown(target)

    def _perform(self, action: Action, do: Callable[[], None]) -> None:
        __tracebackhide__ = True
        try:
            target = action.target  # waited for as a resident waits, before anyone looks at it
            patiently(lambda ms: target.wait_for(state="visible", timeout=ms), target.page)
            for observer in self.observers:
                observer.before_action(action)
            do()
        except (PlaywrightTimeout, Settled) as error:
            failure = NotOnScreen.after(action, error)
            keep_screen(failure, action.target.page)
            raise failure from error
        for observer in self.observers:
            observer.after_action(action)


# Who hears of the checks made in this process: the recorder of a guide run registers here.
CHECKS_HEARD_BY: list[Observer] = []
# The checks that find an element showing something: its picture marks it. (Negative checks,
# such as `not_to_be_visible` or `to_have_count(0)`, find nothing to mark.)
SHOWING = frozenset(
    {"to_be_visible", "to_have_text", "to_contain_text", "to_have_value", "to_be_checked",
     "to_have_accessible_name", "to_have_attribute", "to_be_enabled", "to_be_focused",
     "to_be_in_viewport"}
)  # fmt: skip


class _Patient:
    """Playwright's assertions, each made as a resident looks (see `driftless.capture.patience`).

    A check that something is absent is made once the page is idle (a page still drawing shows
    nothing yet). A marked locator's checks in SHOWING tell the observers once passed.
    """

    def __init__(
        self,
        assertions: LocatorAssertions | PageAssertions,
        page: Page,
        target: Locator | None,
        negated: bool = False,
    ) -> None:
        self._assertions = assertions
        self._page = page
        self._target = target  # the element to mark once a check of it passes, if any
        self._negated = negated  # reached through `.not_`

    def __getattr__(self, name: str) -> object:
        check = getattr(self._assertions, name)
        if name == "not_":
            return _Patient(check, self._page, None, not self._negated)
        if not name.startswith(("to_", "not_to_")):
            return check

        def checked(*args: object, **kwargs: object) -> None:
            __tracebackhide__ = True
            timeout = kwargs.pop("timeout", None)
            whole = float(timeout) if isinstance(timeout, int | float) else None
            if _absent(name, args) != self._negated:
                wait_until_idle(self._page, whole)
            try:
                patiently(lambda ms: check(*args, **kwargs, timeout=ms), self._page, whole)
            except AssertionError as failure:
                keep_screen(failure, self._page)
                raise
            if self._target is not None and name in SHOWING:
                for observer in CHECKS_HEARD_BY:
                    observer.noticed(self._target)

        return checked


def _absent(name: str, args: tuple[object, ...]) -> bool:
    """Whether a check is that something is not there: met at once by a page not drawn yet."""
    if name.startswith("not_to_"):
        return name != "not_to_be_hidden"
    return name == "to_be_hidden" or (name == "to_have_count" and args[:1] == (0,))


@overload
def expect(
    target: Locator, message: str | None = None, *, mark: bool = True
) -> LocatorAssertions: ...
@overload
def expect(target: Page, message: str | None = None, *, mark: bool = True) -> PageAssertions: ...
def expect(
    target: Locator | Page, message: str | None = None, *, mark: bool = True
) -> LocatorAssertions | PageAssertions:
    """Playwright's `expect`; an element found showing what was expected is noticed.

    `mark=False` checks without pointing it out, for what the picture should not draw the eye
    to (the "Sign in" button once signed out: it would invite signing in again).
    """
    page = target.page if isinstance(target, Locator) else target
    marked = target if isinstance(target, Locator) and mark else None
    return _Patient(playwright_expect(target, message), page, marked)  # type: ignore[return-value]


class NotOnScreen(AssertionError):
    """An action's element never appeared, said as a resident would say it."""

    @classmethod
    def after(cls, action: Action, error: PlaywrightTimeout | Settled) -> NotOnScreen:
        """The sentence for a timed-out action, naming its element by its description."""
        what = action.target.description or "the element the step needs"
        verb = VERBS[action.kind]
        if isinstance(error, Settled):
            return cls(
                f"Could not {verb} {what}: it was not on the screen once the page had settled "
                f"({error.waited:.1f} s)."
            )
        waited = re.search(r"Timeout (\d+)ms", str(error))
        within = f" within {int(waited[1]) / 1000:g} s" if waited else ""
        return cls(f"Could not {verb} {what}: it was not on the screen{within}.")
