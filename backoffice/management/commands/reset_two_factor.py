"""Remove a staff member's second-factor devices, after a lost or replaced phone.

At their next login they enrol a new authenticator app and get new recovery codes
(backoffice/login.py). Their sessions are ended, so a stolen phone's session is closed
too. Run by an administrator with shell access: there is no admin page that can do it,
so a stolen password alone can never remove a device.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError

from backoffice.services import two_factor_reset


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
        removed, ended = two_factor_reset(user=user)
        self.stdout.write(
            f"{username}: {removed} device(s) removed, {ended} session(s) ended. "
            "At the next login, the back office asks them to set up a new authenticator app."
        )
