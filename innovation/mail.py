"""Outgoing e-mail: SMTP when MAIL_SERVER is set, otherwise `.eml` files in instance/mail/."""
import logging
import smtplib
from contextlib import contextmanager
import uuid
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from flask import current_app, render_template

log = logging.getLogger(__name__)


def build_message(to: str, subject: str, text: str, html: str | None = None,
                  headers: dict | None = None) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain="innovation-commons")
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    return message


def render_message(to: str, subject: str, template: str, headers: dict | None = None,
                   **context) -> EmailMessage:
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


def deliver(message: EmailMessage, smtp: smtplib.SMTP | None = None) -> str:
    """Hand a message to SMTP (an open session, or a new connection), or write it as an .eml
    file when MAIL_SERVER is unset; returns where it went."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        return _write_eml(message, Path(config["MAIL_DIR"]))
    if smtp is None:
        with smtp_session() as session:
            session.send_message(message)
    else:
        smtp.send_message(message)
    log.debug("mail sent to %s: %s", message["To"], message["Subject"])
    return f"smtp://{config['MAIL_SERVER']}"


def _write_eml(message: EmailMessage, directory: Path) -> str:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    path = directory / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
    path.write_bytes(bytes(message))
    log.info("mail written to %s: %s", path, message["Subject"])
    return str(path)
