from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticAppConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPAppConfig
from django_otp_webauthn.apps import OtpWebauthnConfig
from reversion.apps import ReversionConfig


class BackOfficeConfig(AppConfig):
    # "backoffice" in INSTALLED_APPS means this one, among this module's configs.
    default = True
    name = "backoffice"
    verbose_name = _("Back office")

    def ready(self):
        from .permissions import grant_editor_permissions

        # After every migrate (and every test database's flush): the editors' group holds
        # exactly the permissions of backoffice/permissions.py's table.
        post_migrate.connect(grant_editor_permissions, sender=self)


class BackOfficeAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the back office's site as the default one (settings'
    INSTALLED_APPS names it in place of "django.contrib.admin")."""

    default = False
    default_site = "backoffice.sites.BackOfficeSite"


# The third-party apps under French names (settings' INSTALLED_APPS names these classes in
# place of the apps): the admin's menu, its pages and the permissions' list (« app | model |
# permission ») showed « Axes », « Otp_Totp | TOTP device ». The models' names the libraries
# leave in English are set here, so that their msgids are in our code (makemessages).


class RenamedApp:
    """A third-party app's config with our names: its ``verbose_name`` and, in
    ``model_names``, {model name: (singular, plural)} for the models it leaves in English."""

    default = False  # never the config "backoffice" names
    model_names = {}

    def ready(self):
        super().ready()
        for model_name, (singular, plural) in self.model_names.items():
            meta = self.get_model(model_name)._meta
            # Not in original_attrs: the migrations' state, and so makemigrations, never sees it.
            meta.verbose_name, meta.verbose_name_plural = singular, plural


class LoginLockoutConfig(RenamedApp, AxesAppConfig):
    verbose_name = _("Login security")
    model_names = {
        "AccessAttemptExpiration": (_("access attempt expiry"), _("access attempt expiries")),
    }


class AuthenticatorAppConfig(RenamedApp, TOTPAppConfig):
    verbose_name = _("Authenticator apps")
    model_names = {"TOTPDevice": (_("authenticator app"), _("authenticator apps"))}


class RecoveryCodeConfig(RenamedApp, StaticAppConfig):
    verbose_name = _("Recovery codes")
    model_names = {
        "StaticDevice": (_("recovery code list"), _("recovery code lists")),
        "StaticToken": (_("recovery code"), _("recovery codes")),
    }


class PasskeyConfig(RenamedApp, OtpWebauthnConfig):
    verbose_name = _("Passkeys")
    model_names = {
        "WebAuthnCredential": (_("passkey"), _("passkeys")),
        "WebAuthnAttestation": (_("passkey attestation"), _("passkey attestations")),
        "WebAuthnUserHandle": (_("passkey user handle"), _("passkey user handles")),
    }


class HistoryConfig(RenamedApp, ReversionConfig):
    verbose_name = _("History")
    model_names = {"Revision": (_("revision"), _("revisions"))}
