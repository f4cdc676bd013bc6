"""Remove a staff member's second-factor devices, after a lost or replaced phone.

At their next login they enrol a new authenticator app and get new recovery codes
(senat_groups/two_factor.py). Their sessions are ended, so a stolen phone's session
is closed too. Run by an administrator with shell access: there is no admin page
that can do it, so a stolen password alone can never remove a device.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.db import transaction
from django_otp import devices_for_user


class Command(BaseCommand):
    help = "Remove a staff member's two-factor devices; they enrol again at their next login."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get(**{User.USERNAME_FIELD: username})
        except User.DoesNotExist:
            raise CommandError(f"No user named {username!r}.") from None
        with transaction.atomic():
            removed = 0
            for device in devices_for_user(user, confirmed=None):
                device.delete()
                removed += 1
            # Through the session engine: with Redis (cached_db) a session is read from
            # the cache first, and deleting its row alone would leave it open.
            store = import_module(settings.SESSION_ENGINE).SessionStore()
            ended = 0
            for session in Session.objects.all().iterator():
                if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
                    store.delete(session.session_key)
                    ended += 1
        self.stdout.write(
            f"{username}: {removed} device(s) removed, {ended} session(s) ended. "
            "At the next login, the back office asks them to set up a new authenticator app."
        )
