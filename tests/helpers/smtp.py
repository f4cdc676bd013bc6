"""A real SMTP server for the tests (aiosmtpd), on a free loopback port.

``SMTPServer`` keeps every message it accepted as a parsed ``email.message``; set
``refuse`` to an SMTP reply ("550 ...") to make it refuse every message, or stop it
to close the port. The ``smtp_server`` fixture (tests/conftest.py) points the site's
SMTP settings at it.
"""

import contextlib
import logging
from email import message_from_bytes
from email import policy

from aiosmtpd.controller import Controller

from tests.servers import free_port

# aiosmtpd logs every connection at INFO: only its warnings belong in a test's output.
logging.getLogger("mail.log").setLevel(logging.WARNING)


class _Handler:
    def __init__(self, server):
        self.server = server

    async def handle_DATA(self, smtp_server, session, envelope):
        if self.server.refuse:
            return self.server.refuse
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        self.server.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.server.messages.append(message)
        return "250 Message accepted for delivery"


class SMTPServer:
    def __init__(self):
        self.port = free_port()
        self.messages = []  # email.message.EmailMessage, in the order they arrived
        self.envelopes = []  # (MAIL FROM, [RCPT TO...]) of each
        self.refuse = None
        self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)

    def start(self):
        self._controller.start()

    def stop(self):
        self._controller.stop()

    @contextlib.contextmanager
    def closed(self):
        """The port closed while the block runs (connections refused), then open again."""
        self.stop()
        try:
            yield
        finally:
            self._controller = Controller(_Handler(self), hostname="127.0.0.1", port=self.port)
            self.start()

    def to(self, address):
        """The messages that were delivered to ``address``."""
        return [
            message
            for message, (_, rcpts) in zip(self.messages, self.envelopes, strict=True)
            if address in rcpts
        ]
