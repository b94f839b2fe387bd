"""Outgoing e-mail: SMTP when MAIL_SERVER is set, otherwise `.eml` files in instance/mail/."""

import base64
import logging
import smtplib
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime
from email.charset import BASE64, Charset
from email.header import Header
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path

from flask import current_app, render_template

log = logging.getLogger(__name__)
# Base64 for non-ASCII subjects: the default ("shortest") measures quoted-printable char by char.
_BASE64_UTF8 = Charset("utf-8")
_BASE64_UTF8.header_encoding = BASE64


class OutgoingMessage:
    """A text + HTML e-mail, serialized directly to its MIME bytes.

    Every message here has the same simple shape (multipart/alternative, two base64 UTF-8
    parts), so it is written out in one pass: the stdlib's generic generator spent ~4 ms per
    message parsing and refolding headers, which decided how fast an outcome reaches 50,000
    people. Anything that parses it is the stdlib's `email` package (tests, .eml readers)."""

    def __init__(self, headers: dict[str, str], text: str, html: str | None):
        self.headers = headers
        self.text, self.html = text, html

    def __getitem__(self, name: str) -> str | None:
        return self.headers.get(name)

    def as_bytes(self, linesep: str = "\r\n") -> bytes:
        lines = [f"{name}: {_header_value(value)}" for name, value in self.headers.items()]
        lines.append("MIME-Version: 1.0")
        parts = [("plain", self.text)] + ([("html", self.html)] if self.html else [])
        boundary = f"=={uuid.uuid4().hex}=="
        lines += [f'Content-Type: multipart/alternative; boundary="{boundary}"', ""]
        for subtype, body in parts:
            encoded = base64.encodebytes(body.encode("utf-8")).decode("ascii").rstrip("\n").split("\n")
            lines += [
                f"--{boundary}",
                f'Content-Type: text/{subtype}; charset="utf-8"',
                "Content-Transfer-Encoding: base64",
                "",
                *encoded,
            ]
        lines += [f"--{boundary}--", ""]
        return linesep.join(lines).encode("ascii")


def _header_value(value: str) -> str:
    value = " ".join(str(value).split())  # no line breaks can be smuggled into a header
    return value if value.isascii() else Header(value, _BASE64_UTF8).encode()


def build_message(
    to: str, subject: str, text: str, html: str | None = None, headers: dict | None = None
) -> OutgoingMessage:
    base = {
        "From": current_app.config["MAIL_DEFAULT_SENDER"],
        "To": to,
        "Subject": subject,
        "Date": format_datetime(datetime.now(UTC)),
        "Message-ID": make_msgid(domain="innovation-commons"),
    }
    return OutgoingMessage({**base, **(headers or {})}, text, html)


def render_message(to: str, subject: str, template: str, headers: dict | None = None, **context) -> OutgoingMessage:
    """Build a message from `templates/email/<template>.txt` and `.html`."""
    text = render_template(f"email/{template}.txt", **context)
    html = render_template(f"email/{template}.html", **context)
    return build_message(to, subject, text, html, headers)


@contextmanager
def smtp_session():
    """One SMTP connection for a batch of messages (None when mail goes to .eml files)."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        yield None
        return
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
        if config.get("MAIL_USE_TLS"):
            smtp.starttls()
        if config.get("MAIL_USERNAME"):
            smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        yield smtp


def deliver(message: OutgoingMessage, smtp: smtplib.SMTP | None = None) -> str:
    """Hand a message to SMTP (an open session, or a new connection), or write it as an .eml
    file when MAIL_SERVER is unset; returns where it went."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        return _write_eml(message, Path(config["MAIL_DIR"]))
    raw = message.as_bytes()
    sender, recipient = parseaddr(str(message["From"]))[1], parseaddr(str(message["To"]))[1]
    if smtp is None:
        with smtp_session() as session:
            session.sendmail(sender, [recipient], raw)
    else:
        smtp.sendmail(sender, [recipient], raw)
    log.debug("mail sent to %s: %s", message["To"], message["Subject"])
    return f"smtp://{config['MAIL_SERVER']}"


def _write_eml(message: OutgoingMessage, directory: Path) -> str:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    path = directory / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
    path.write_bytes(message.as_bytes("\n"))
    log.info("mail written to %s: %s", path, message["Subject"])
    return str(path)
