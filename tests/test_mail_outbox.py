"""The outbox: every e-mail is queued in a table, then delivered to a real SMTP server."""

import datetime
import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from outbox.models import OutgoingMessage
from tests.admin_helpers import changelist_queries

pytestmark = pytest.mark.django_db


def deliver():
    call_command("send_mail_outbox", stdout=open("/dev/null", "w"))  # noqa: SIM115


def come_back_later(minutes=60 * 25):
    """Make every queued message due, as if the retry delay had passed."""
    OutgoingMessage.objects.update(
        next_attempt_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )


def test_send_mail_is_queued_not_sent(smtp_server):
    mail.send_mail("Bonjour", "Un message", None, ["lea@example.org"])
    row = OutgoingMessage.objects.get()
    assert row.status == OutgoingMessage.Status.QUEUED
    assert row.recipients == ["lea@example.org"]
    assert smtp_server.messages == []


def test_a_queued_message_is_delivered_to_the_smtp_server(smtp_server):
    message = mail.EmailMessage(
        "Groupes d'amitié — élu",
        "Corps du message, accentué : é à ç.",
        "Sénat <noreply@senat.example>",
        ["lea@example.org"],
        headers={"List-Unsubscribe": "<https://example.org/u/1>"},
    )
    message.send()
    deliver()
    [received] = smtp_server.messages
    assert received["Subject"] == "Groupes d'amitié — élu"
    assert received["List-Unsubscribe"] == "<https://example.org/u/1>"
    assert "accentué : é à ç" in received.get_body().get_content()
    assert smtp_server.envelopes == [("noreply@senat.example", ["lea@example.org"])]
    row = OutgoingMessage.objects.get()
    assert row.status == OutgoingMessage.Status.SENT
    assert row.sent_at is not None
    assert row.attempts == 1


def test_nothing_is_sent_twice(smtp_server):
    mail.send_mail("Un", "1", None, ["a@example.org"])
    mail.send_mail("Deux", "2", None, ["b@example.org"])
    deliver()
    deliver()
    come_back_later()
    deliver()
    assert sorted(m["Subject"] for m in smtp_server.messages) == ["Deux", "Un"]


def test_a_closed_port_leaves_the_message_queued_with_its_error(smtp_server, caplog):
    mail.send_mail("Bonjour", "Un message", None, ["lea@example.org"])
    with smtp_server.closed(), caplog.at_level(logging.WARNING, logger="outbox.services"):
        deliver()
    row = OutgoingMessage.objects.get()
    assert row.status == OutgoingMessage.Status.QUEUED
    assert row.attempts == 1
    assert "Connection" in row.last_error or "refused" in row.last_error.lower()
    assert row.next_attempt_at > timezone.now()
    assert f"e-mail {row.pk} not sent" in caplog.text
    assert smtp_server.messages == []


def test_a_refusing_server_leaves_the_message_queued_and_a_retry_delivers_it(smtp_server):
    mail.send_mail("Bonjour", "Un message", None, ["lea@example.org"])
    smtp_server.refuse = "554 Transaction failed: try later"
    deliver()
    row = OutgoingMessage.objects.get()
    assert (row.status, row.attempts) == (OutgoingMessage.Status.QUEUED, 1)
    assert "554" in row.last_error

    smtp_server.refuse = None
    deliver()  # not due yet: the backoff holds it
    assert smtp_server.messages == []

    come_back_later()
    deliver()
    [received] = smtp_server.messages
    assert received["Subject"] == "Bonjour"
    row.refresh_from_db()
    assert (row.status, row.attempts) == (OutgoingMessage.Status.SENT, 2)


def test_after_the_last_attempt_the_message_stays_as_failed(smtp_server, settings, caplog):
    settings.EMAIL_OUTBOX_MAX_ATTEMPTS = 2
    mail.send_mail("Bonjour", "Un message", None, ["lea@example.org"])
    smtp_server.refuse = "550 No such user"
    deliver()
    come_back_later()
    with caplog.at_level(logging.ERROR, logger="outbox.services"):
        deliver()
    row = OutgoingMessage.objects.get()
    assert (row.status, row.attempts) == (OutgoingMessage.Status.FAILED, 2)
    assert "550" in row.last_error
    assert "given up" in caplog.text
    come_back_later()
    smtp_server.refuse = None
    deliver()
    assert smtp_server.messages == []  # failed for good: staff see it in the admin


def test_the_backoff_doubles(settings):
    from outbox.services import retry_delay

    settings.EMAIL_OUTBOX_RETRY_MINUTES = 1
    assert [retry_delay(n).total_seconds() / 60 for n in (1, 2, 3, 4)] == [1, 2, 4, 8]
    assert retry_delay(30) == datetime.timedelta(days=1)


def test_the_outbox_admin_is_read_only(admin_client, smtp_server):
    mail.send_mail("Bonjour", "Un message lisible", None, ["lea@example.org"])
    row = OutgoingMessage.objects.get()
    response = admin_client.get(f"/admin/outbox/outgoingmessage/{row.pk}/change/")
    assert response.status_code == 200
    assert "Un message lisible" in response.content.decode()
    assert b'name="_save"' not in response.content
    assert admin_client.get("/admin/outbox/outgoingmessage/add/").status_code == 403


def test_the_outbox_changelist_query_count(admin_client, smtp_server):
    url = "/admin/outbox/outgoingmessage/"
    for n in range(3):
        mail.send_mail(f"Message {n}", "texte", None, [f"p{n}@example.org"])
    # 1 session  2 user  3 verified device  4 count  5 full count  6 rows (without the
    # message itself)  7-8 date hierarchy (first and last dates, then the days)
    assert changelist_queries(admin_client, url) == (QUERIES, 3)
    for n in range(30):
        mail.send_mail(f"Message {n}", "texte", None, [f"q{n}@example.org"])
    assert changelist_queries(admin_client, url) == (QUERIES, 33)


QUERIES = 8


def test_sent_messages_are_deleted_after_the_days_the_personal_data_page_gives(smtp_server):
    mail.send_mail("Ancien", "1", None, ["a@example.org"])
    mail.send_mail("Récent", "2", None, ["b@example.org"])
    deliver()
    OutgoingMessage.objects.filter(subject="Ancien").update(
        sent_at=timezone.now() - datetime.timedelta(days=31)
    )
    mail.send_mail("Jamais parti", "3", None, ["c@example.org"])
    smtp_server.refuse = "550 No"
    deliver()
    OutgoingMessage.objects.filter(subject="Jamais parti").update(
        created_at=timezone.now() - datetime.timedelta(days=60)
    )
    deliver()
    assert sorted(OutgoingMessage.objects.values_list("subject", flat=True)) == [
        "Jamais parti",  # not sent: stays, with its error, for staff
        "Récent",
    ]


def test_without_an_smtp_server_make_run_prints_the_messages(settings, capsys):
    """`make run` (debug, no EMAIL_HOST): delivery goes to the console backend."""
    settings.EMAIL_BACKEND = "outbox.backends.OutboxBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
    mail.send_mail("Confirmez", "Ouvrez ce lien : http://127.0.0.1:8000/fr/x/", None, ["a@b.org"])
    deliver()
    printed = capsys.readouterr().out
    assert "Subject: Confirmez" in printed
    assert "Ouvrez ce lien : http://127.0.0.1:8000/fr/x/" in printed
    assert OutgoingMessage.objects.get().status == OutgoingMessage.Status.SENT


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        ({"DJANGO_DEBUG": "1"}, "console"),
        ({"DJANGO_DEBUG": "1", "EMAIL_HOST": "smtp.example.org"}, "smtp"),
        ({"DJANGO_DEBUG": "0", "SECRET_KEY": "x" * 60, "ALLOWED_HOSTS": "example.org"}, "smtp"),
    ],
)
def test_delivery_prints_on_a_laptop_and_uses_smtp_otherwise(env, backend):
    import os
    import subprocess
    import sys

    clean = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "DJANGO_DEBUG"))}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings; print(settings.EMAIL_DELIVERY_BACKEND)",
        ],
        env={**clean, "DJANGO_SETTINGS_MODULE": "senat_groups.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == f"django.core.mail.backends.{backend}.EmailBackend"
