"""A real SMTP server (aiosmtpd) for the notification tests, and shared helpers."""

import email
import email.policy

import pytest
from aiosmtpd.controller import Controller

from ..ports import free_port


class MailSink:
    """Collects accepted messages; `refuse` makes it answer every recipient with 550."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.refuse = False
        self.refused = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse:
            self.refused += 1
            return "550 5.7.1 Mailbox unavailable (the test server refuses mail)"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def smtp(app):
    sink = MailSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=controller.port, MAIL_RETRY_INTERVALS=(0, 0, 0))
    yield sink
    controller.stop()
