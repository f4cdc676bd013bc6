"""CSV columns of the missions and colloquia lists (the machinery is core.exports)."""

from django.utils.translation import gettext_lazy as _

from core.exports import Column
from core.exports import joined
from core.exports import key_column
from core.exports import page_column


def _public_group_slug(row):
    return row.public_group.slug if row.public_group else None


MISSION_COLUMNS = [
    Column(_("Title"), "title"),
    Column(_("Group"), "public_group.name"),  # a draft group stays unnamed
    Column(_("Countries"), lambda m: joined(c.name for c in m.countries.all())),
    Column(_("Start date"), "start_date"),
    Column(_("End date"), "end_date"),
    Column(_("Progress"), lambda m: m.get_progress_display()),
    page_column(),
]

RECEPTION_COLUMNS = [
    Column(_("Title"), "title"),
    Column(_("Group"), "public_group.name"),  # a draft group stays unnamed
    Column(_("Country"), "country.name"),
    Column(_("Date"), "date"),
    Column(_("Head of delegation"), "head_of_delegation"),
]

COLLOQUIUM_COLUMNS = [
    Column(_("Title"), "title"),
    Column(_("Kind"), lambda c: c.get_kind_display()),
    Column(_("Start date"), "start_at"),
    Column(_("End date"), "end_at"),
    Column(_("Venue"), "venue"),
    Column(_("Groups"), lambda c: joined(g.name for g in c.groups.all())),
    Column(_("Countries"), lambda c: joined(c.name for c in c.countries.all())),
    page_column(),
]

# Join keys (core.exports.key_column), after the columns above.
MISSION_KEYS = [key_column("id", "slug"), key_column("organization_id", _public_group_slug)]
RECEPTION_KEYS = [
    key_column("id", "slug"),
    key_column("organization_id", _public_group_slug),
    key_column("area_id", "country.code"),
]
COLLOQUIUM_KEYS = [key_column("id", "slug")]
