"""Response headers, the redirect guard and throttling of failed attempts."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

from flask import Flask, Response, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import RateLimitItem, parse
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.security import generate_password_hash

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    )
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}

# Failed attempts allowed per window. An attacker can slow a resident down for one window at
# most, never lock them out for good: windows move, and a success clears that resident's count.
SIGN_IN_PER_ACCOUNT_AND_CLIENT = parse("5 per 15 minutes")
SIGN_IN_PER_ACCOUNT = parse("20 per 15 minutes")
SIGN_IN_PER_CLIENT = parse("30 per 15 minutes")
LINK_PER_RESIDENT = parse("5 per 15 minutes")
LINK_PER_CLIENT = parse("20 per 15 minutes")
LINK_PER_ACCOUNT_NUMBER = parse("10 per 15 minutes")
REGISTER_PER_CLIENT = parse("10 per hour")
RESET_PER_CLIENT = parse("5 per hour")
RESET_PER_EMAIL = parse("3 per hour")
LOCK_STRIPES = 64


@dataclass(frozen=True)
class Rule:
    """One throttling rule: a rate limit and the identifiers it counts under."""

    limit: RateLimitItem
    keys: tuple[str, ...]


class Throttle:
    """Counts failed attempts in Flask-Limiter's storage and says when to stop taking more."""

    def __init__(self, limiter: Limiter) -> None:
        self._limiter = limiter
        self._stripes = [threading.Lock() for _ in range(LOCK_STRIPES)]

    @contextmanager
    def exclusive(self, rules: list[Rule]) -> Iterator[None]:
        """Take attempts under these rules one at a time.

        Parallel requests cannot all slip through before the first failure is counted. The
        locks are this process's; the reference portal runs as one process.
        """
        stripes = sorted({hash(rule.keys) % LOCK_STRIPES for rule in rules})
        for stripe in stripes:
            self._stripes[stripe].acquire()
        try:
            yield
        finally:
            for stripe in reversed(stripes):
                self._stripes[stripe].release()

    def wait_seconds(self, rules: list[Rule]) -> float:
        """Seconds until every rule allows another attempt (0 when one may try now)."""
        strategy = self._limiter.limiter
        waits = [
            strategy.get_window_stats(rule.limit, *rule.keys).reset_time - time.time()
            for rule in rules
            if not strategy.test(rule.limit, *rule.keys)
        ]
        return max(waits, default=0.0)

    def record_failure(self, rules: list[Rule]) -> None:
        """Count one failed attempt against every rule."""
        for rule in rules:
            self._limiter.limiter.hit(rule.limit, *rule.keys)

    def forget(self, rules: list[Rule]) -> None:
        """Clear the counts of these rules, after a success."""
        for rule in rules:
            self._limiter.limiter.clear(rule.limit, *rule.keys)


def client_key() -> str:
    """Who is asking, for per-client limits: the connecting address."""
    return get_remote_address()


def sign_in_rules(email: str) -> tuple[list[Rule], list[Rule]]:
    """The rules for a sign-in with this email, and those a success clears."""
    client = client_key()
    pair = Rule(SIGN_IN_PER_ACCOUNT_AND_CLIENT, ("sign-in", email, client))
    account = Rule(SIGN_IN_PER_ACCOUNT, ("sign-in", email))
    everyone = Rule(SIGN_IN_PER_CLIENT, ("sign-in", client))
    return [pair, account, everyone], [pair]


def link_rules(resident_id: int, account_number: str) -> list[Rule]:
    """The rules for linking by number: per resident, per client and per account number."""
    return [
        Rule(LINK_PER_RESIDENT, ("link", str(resident_id))),
        Rule(LINK_PER_CLIENT, ("link", client_key())),
        Rule(LINK_PER_ACCOUNT_NUMBER, ("link-number", account_number[:16])),
    ]


def register_rules() -> list[Rule]:
    """Registrations allowed per client, successful or not."""
    return [Rule(REGISTER_PER_CLIENT, ("register", client_key()))]


def reset_rules(email: str) -> list[Rule]:
    """Requests for a password-reset email, per client and per address: no mail flood."""
    return [
        Rule(RESET_PER_CLIENT, ("reset", client_key())),
        Rule(RESET_PER_EMAIL, ("reset-email", email[:254])),
    ]


def throttle() -> Throttle:
    """The running app's throttle."""
    value: Throttle = current_app.extensions["throttle"]
    return value


def is_safe_next(target: str | None) -> bool:
    """Whether a post-sign-in redirect target stays on this portal."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return False
    if any(ord(char) < 32 or char == "\\" for char in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def hash_password(password: str) -> str:
    """A salted hash of a password, with the portal's hashing method and cost."""
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def _add_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.endpoint != "static":
        # Every page may show personal data or a form token: never keep a copy.
        response.headers["Cache-Control"] = "no-store"
        response.headers["Pragma"] = "no-cache"
    elif response.status_code == 200 and request.args.get("v"):
        # Linked with its content's digest: a changed file gets a new address.
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def init_app(app: Flask) -> None:
    """Wire the limiter, the throttle and the headers into the app."""
    limiter = Limiter(
        client_key,
        app=app,
        application_limits_exempt_when=lambda: request.endpoint == "static",
        strategy="moving-window",
    )
    app.extensions["throttle"] = Throttle(limiter)
    if app.config["PROXY_HOPS"]:  # behind a reverse proxy: the client is in X-Forwarded-For
        hops = int(app.config["PROXY_HOPS"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    app.after_request(_add_headers)
