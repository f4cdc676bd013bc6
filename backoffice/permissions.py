"""What a DRIP editor may do: one table, applied after every migrate.

The editors' group (settings.EDITORS_GROUP, « Relations internationales ») holds exactly
the permissions below, no more: a permission added to the group by hand is taken away at
the next migrate, and a model added to the back office is closed to editors until it is
listed here (tests/test_editor_permissions.py checks that every model the admin edits is
either here or in SUPERUSERS_ONLY). Nothing on auth (users, groups, permissions):
managing accounts stays with superusers.
"""

from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth.management import create_permissions

EVERYTHING = ("add", "change", "delete", "view")

# "app_label.model_name": the actions an editor may take on it.
EDITOR_PERMISSIONS = {
    # The friendship groups, and what the Senate's import fills in beside them.
    "groups.zone": EVERYTHING,
    "groups.country": EVERYTHING,
    "groups.friendshipgroup": EVERYTHING,
    "groups.groupname": EVERYTHING,
    "groups.countrylink": EVERYTHING,
    "groups.senator": EVERYTHING,
    "groups.membership": EVERYTHING,
    "groups.politicalgroup": EVERYTHING,
    "groups.politicalmembership": EVERYTHING,
    "missions.partner": EVERYTHING,
    "missions.mission": EVERYTHING,
    "missions.missionparticipant": EVERYTHING,
    "missions.reception": EVERYTHING,
    "missions.colloquium": EVERYTHING,
    "reports.report": EVERYTHING,
    "reports.newsitem": EVERYTHING,
    "cooperation.region": EVERYTHING,
    "cooperation.department": EVERYTHING,
    "cooperation.localauthority": EVERYTHING,
    "cooperation.foreignauthority": EVERYTHING,
    "cooperation.agreement": EVERYTHING,
    # Declarations come from the public form: editors edit and decide, never add one.
    "cooperation.declaration": ("change", "delete", "view"),
    # Each load of the authorities' reference data, written by load_authorities only.
    "cooperation.authoritydataset": ("view",),
    # The three legal pages exist from legal's migration 0002 on, at fixed addresses:
    # editors change them, never add or delete one.
    "legal.legalpage": ("change", "view"),
    # The Senate's import runs are written by the import only.
    "sens.importrun": ("view",),
    # Who follows what by e-mail (personal data): staff see it, and delete a subscription
    # when its owner asks; only the owner's own links create, confirm or end one.
    "alerts.subscription": ("view", "delete"),
    # The e-mail outbox: what the site sent or will send, written by the site only.
    "outbox.outgoingmessage": ("view",),
    # django-reversion's history: read only.
    "reversion.revision": ("view",),
    "reversion.version": ("view",),
}

# Models the admin edits that stay with superusers: accounts, login throttling, devices.
SUPERUSERS_ONLY = {
    "auth.user",
    "auth.group",
    "axes.accessattempt",
    "axes.accessfailurelog",
    "axes.accesslog",
    "otp_static.staticdevice",
    "otp_static.statictoken",
    "otp_totp.totpdevice",
}


def editor_codenames():
    """The table as (app_label, codename) pairs: ("groups", "add_zone")..."""
    for label, actions in EDITOR_PERMISSIONS.items():
        app_label, model_name = label.split(".")
        for action in actions:
            yield app_label, f"{action}_{model_name}"


def grant_editor_permissions(sender, *, using, apps=global_apps, **kwargs):
    """post_migrate: give the editors' group exactly the table's permissions (idempotent).

    Django creates each app's permissions in its own post_migrate handler, in the order of
    INSTALLED_APPS; they are created here first for the apps of the table, so that the
    order does not matter. ``apps`` is the migrated state, as in a data migration (flush
    sends none: then the models themselves).
    """
    app_labels = sorted({label.split(".")[0] for label in EDITOR_PERMISSIONS})
    for app_label in app_labels:
        create_permissions(
            global_apps.get_app_config(app_label), verbosity=0, using=using, apps=apps
        )
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = set(editor_codenames())
    permissions = [
        permission
        for permission in Permission.objects.using(using)
        .filter(content_type__app_label__in=app_labels)
        .select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in wanted
    ]
    found = {(p.content_type.app_label, p.codename) for p in permissions}
    if found != wanted:  # a typo in the table, or a model gone
        raise LookupError(f"Unknown permissions in the editors' table: {sorted(wanted - found)}")
    group, _ = Group.objects.using(using).get_or_create(name=settings.EDITORS_GROUP)
    group.permissions.set(permissions)
