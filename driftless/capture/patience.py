"""Waiting as a resident waits: for what the screen shows, until the page has settled.

A resident looks for a button while the page is still coming (loading, fetching, marked busy, a
spinner turning, its content still changing) and gives up once it has settled without it: by
then it is not coming. The suite's waits do the same. A wait ends when what it waits for shows,
or soon after the page settles without it, or at the step's timeout, whichever is first. So a
missing button costs about a second on a settled page rather than the whole timeout, while a
slow page or a single-page app drawing its screen after a spinner gets the whole timeout.

A page has settled when its document has loaded, no page, script or data request of it is in
flight, nothing on it is marked busy (`aria-busy`), shows progress (`role=progressbar`,
`<progress>`), spins (an endless animation) or says it is loading, and nothing in it has
changed for `QUIET_MS`.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, TypeVar

from playwright.sync_api import BrowserContext, Locator, Page, Request
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

T = TypeVar("T")

QUIET_MS = 500  # nothing changed and nothing fetched for this long: the page has settled
IDLE_MS = 150  # a page whose last request ended this long ago has drawn what it brought
LOOK_MS = 500  # how long each look lasts before the page is asked whether it has settled
# Requests whose answer changes what the page shows; images, fonts and the like do not decide
# whether a control is coming.
AWAITED = frozenset({"document", "script", "xhr", "fetch"})

# Installed in every page of a watched context before its own scripts: when it last changed.
WATCH = """(() => {
  if (window.__settling) return;
  const state = {changed: performance.now()};
  window.__settling = state;
  new MutationObserver(() => { state.changed = performance.now(); }).observe(document,
    {subtree: true, childList: true, attributes: true, characterData: true});
})()"""
# Whether the page is busy, and for how long nothing in it has changed (-1: not watched yet,
# and now watched).
PROBE = f"""() => {{
  if (!window.__settling) {{ {WATCH}; return [false, -1]; }}
  const shown = (e) => e.getClientRects().length > 0
    && getComputedStyle(e).visibility !== "hidden";
  const busy = document.readyState !== "complete"
    || Array.from(document.querySelectorAll(
        "[aria-busy=true], [role=progressbar], progress")).some(shown)
    || Array.from(document.querySelectorAll("[role=status], [aria-live]")).some(
        (e) => shown(e) && /\\b(loading|please wait)\\b/i.test(e.textContent || ""))
    || document.getAnimations().some((a) => a.playState === "running" && a.effect
        && a.effect.getTiming().iterations === Infinity && a.effect.target
        && a.effect.target.isConnected && shown(a.effect.target));
  return [busy, performance.now() - window.__settling.changed];
}}"""


@dataclass
class Traffic:
    """A context's requests in flight that decide what its pages show; when the last ended."""

    timeout_ms: float  # how long a wait of this context lasts at most
    flying: set[Request] = field(default_factory=set)
    answered: float = 0.0  # time.monotonic() of the last request that ended

    def started(self, request: Request) -> None:
        """A request left."""
        if request.resource_type in AWAITED:
            self.flying.add(request)

    def ended(self, request: Request) -> None:
        """A request was answered, or failed."""
        if request in self.flying:
            self.flying.discard(request)
            self.answered = time.monotonic()

    def quiet(self, for_ms: float) -> bool:
        """Whether nothing is in flight, and nothing has been answered for `for_ms`."""
        return not self.flying and (time.monotonic() - self.answered) * 1000 >= for_ms


_WATCHED: weakref.WeakKeyDictionary[BrowserContext, Traffic] = weakref.WeakKeyDictionary()


def watch(context: BrowserContext, timeout_ms: float) -> BrowserContext:
    """Watch a context's pages settle; its waits last at most `timeout_ms`."""
    traffic = Traffic(timeout_ms)
    _WATCHED[context] = traffic
    context.on("request", traffic.started)
    context.on("requestfinished", traffic.ended)
    context.on("requestfailed", traffic.ended)
    context.add_init_script(WATCH)
    return context


def traffic_of(page: Page) -> Traffic | None:
    """The watch on a page's context, if it has one."""
    try:
        return _WATCHED.get(page.context)
    except TypeError:  # not a context a watch could be kept for
        return None


def settled(page: Page, quiet_ms: float = QUIET_MS) -> bool:
    """Whether the page has settled: loaded, nothing in flight, busy or changing for a while.

    With `quiet_ms=0`, only whether it is idle: loaded, nothing in flight or busy (what it was
    fetching drawn), however recently it changed.
    """
    traffic = traffic_of(page)
    if traffic is not None and not traffic.quiet(max(quiet_ms, IDLE_MS)):
        return False
    try:
        busy, still = page.evaluate(PROBE)
    except PlaywrightError:
        return False  # between two documents: still coming
    return not busy and (still >= quiet_ms or quiet_ms == 0)


class Settled(AssertionError):
    """What a step waited for did not come, and the page had settled without it."""

    def __init__(self, error: BaseException, waited: float) -> None:
        super().__init__(str(error))
        self.error = error
        self.waited = waited  # seconds


def patiently(
    attempt: Callable[[float | None], T], page: Page, timeout_ms: float | None = None
) -> T:
    """`attempt(ms)` looked again until it succeeds, the page settles without it, or time is up.

    `attempt` waits up to the milliseconds it is given (None: Playwright's default) and raises
    Playwright's TimeoutError or an AssertionError if what it waits for has not come. On a page
    that is not watched (see `watch`) it gets the whole timeout at once.
    """
    __tracebackhide__ = True  # pytest shows the wait that failed, not this loop
    traffic = traffic_of(page)
    if traffic is None:
        return attempt(timeout_ms)
    whole = timeout_ms if timeout_ms is not None else traffic.timeout_ms
    began = time.monotonic()
    while True:
        left = whole - (time.monotonic() - began) * 1000
        try:
            return attempt(max(1.0, min(LOOK_MS, left)))
        except (PlaywrightTimeout, AssertionError) as error:
            if left <= LOOK_MS:
                raise
            if settled(page):
                try:  # one last look, now that nothing changes any more
                    return attempt(1.0)
                except (PlaywrightTimeout, AssertionError):
                    raise Settled(error, time.monotonic() - began) from None


def wait_until_idle(page: Page, timeout_ms: float | None = None) -> bool:
    """Wait until the page is idle (see `settled`), up to the timeout; whether it became so.

    Before a check that something is absent, a picture or an audit: a page still drawing would
    show nothing yet.
    """
    traffic = traffic_of(page)
    whole = timeout_ms if timeout_ms is not None else (traffic.timeout_ms if traffic else 0)
    deadline = time.monotonic() + whole / 1000
    while not settled(page, quiet_ms=0):
        if time.monotonic() >= deadline:
            return False
        page.wait_for_timeout(50)
    return True


class NotShown(AssertionError):
    """What a step waited for never showed (or never went), said as a resident would say it."""


def wait_for(
    target: Locator,
    state: Literal["attached", "detached", "hidden", "visible"] = "visible",
    timeout_ms: float | None = None,
) -> None:
    """Wait, as a resident would, until the element is shown (or gone, or hidden)."""
    __tracebackhide__ = True
    began = time.monotonic()
    try:
        patiently(lambda ms: target.wait_for(state=state, timeout=ms), target.page, timeout_ms)
    except (PlaywrightTimeout, Settled) as error:
        what = target.description or "what the step needs"
        shown = "still on the screen" if state in ("detached", "hidden") else "not on the screen"
        when = (
            "once the page had settled"
            if isinstance(error, Settled)
            else "when the step's time ran out"
        )
        failure = NotShown(
            f"{what[:1].upper()}{what[1:]} was {shown} {when} ({time.monotonic() - began:.1f} s)."
        )
        keep_screen(failure, target.page)
        raise failure from error


SCREEN = "screen_at_failure"  # an error's attribute: (PNG, HTML) of the page when it was raised


def keep_screen(error: BaseException, page: Page) -> None:
    """Keep the page as it is on the error, for the failure's report: it may be closed by then."""
    if getattr(error, SCREEN, None) is not None or page.is_closed():
        return
    try:
        setattr(error, SCREEN, (page.screenshot(timeout=5_000), page.content()))
    except PlaywrightError:
        return


def screen_of(error: BaseException) -> tuple[bytes, str] | None:
    """The page's picture and HTML kept on an error, if any."""
    kept: tuple[bytes, str] | None = getattr(error, SCREEN, None)
    return kept
