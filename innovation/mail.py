"""Outgoing e-mail: SMTP when MAIL_SERVER is set, otherwise `.eml` files in instance/mail/."""
import email.policy
import logging
import smtplib
import uuid
from contextlib import contextmanager
from datetime import UTC, datetime
from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path

from flask import current_app, render_template

log = logging.getLogger(__name__)
# Headers are written as they are, never refolded (they stay far below RFC 5322's 998-character
# limit): refolding is most of the cost of flattening a message. SMTP needs CRLF line ends,
# because sendmail() sends bytes as they are.
_UNFOLDED = email.policy.SMTP.clone(max_line_length=None, linesep="\n")
_UNFOLDED_SMTP = _UNFOLDED.clone(linesep="\r\n")


def build_message(to: str, subject: str, text: str, html: str | None = None,
                  headers: dict | None = None) -> Message:
    """A text (+ HTML) message. The compat32 MIME classes: several times faster than
    EmailMessage's header registry, which matters when an outcome goes to 50,000 people."""
    message = MIMEMultipart("alternative") if html else MIMEText(text, "plain", "utf-8")
    if html:
        message.attach(MIMEText(text, "plain", "utf-8"))
        message.attach(MIMEText(html, "html", "utf-8"))
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = subject if subject.isascii() else Header(subject, "utf-8").encode()
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain="innovation-commons")
    for name, value in (headers or {}).items():
        message[name] = value
    return message


def render_message(to: str, subject: str, template: str, headers: dict | None = None,
                   **context) -> Message:
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


def deliver(message: Message, smtp: smtplib.SMTP | None = None) -> str:
    """Hand a message to SMTP (an open session, or a new connection), or write it as an .eml
    file when MAIL_SERVER is unset; returns where it went."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        return _write_eml(message, Path(config["MAIL_DIR"]))
    # Flattened once, without header folding (lines stay far below RFC 5322's 998 limit):
    # folding is most of the cost of building a message.
    raw = message.as_bytes(policy=_UNFOLDED_SMTP)
    sender, recipient = parseaddr(str(message["From"]))[1], parseaddr(str(message["To"]))[1]
    if smtp is None:
        with smtp_session() as session:
            session.sendmail(sender, [recipient], raw)
    else:
        smtp.sendmail(sender, [recipient], raw)
    log.debug("mail sent to %s: %s", message["To"], message["Subject"])
    return f"smtp://{config['MAIL_SERVER']}"


def _write_eml(message: Message, directory: Path) -> str:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    path = directory / f"{stamp}-{uuid.uuid4().hex[:8]}.eml"
    path.write_bytes(message.as_bytes(policy=_UNFOLDED))
    log.info("mail written to %s: %s", path, message["Subject"])
    return str(path)
