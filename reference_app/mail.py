"""The portal's email, written to the outbox folder (the OUTBOX setting).

The reference portal has no mail server: each message is an .eml file, which any mail program
opens.
"""

from __future__ import annotations

import secrets
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from flask import current_app

from reference_app.clock import current_clock

SENDER = "Tyler Online Solutions <no-reply@example.org>"


def send(to: str, subject: str, body: str) -> Path:
    """Put a plain-text message to `to` in the outbox; its file's path."""
    message = EmailMessage()
    message["From"] = SENDER
    message["To"] = to
    message["Subject"] = subject
    now = current_clock().now()
    message["Date"] = format_datetime(now)
    message.set_content(body)
    outbox = Path(current_app.config["OUTBOX"])
    outbox.mkdir(parents=True, exist_ok=True)
    path = outbox / f"{now:%Y%m%dT%H%M%S}-{secrets.token_hex(4)}.eml"
    path.write_bytes(bytes(message))
    return path
