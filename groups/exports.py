"""The CSV columns of the groups app's lists (the machinery is core/exports.py)."""

from django.utils.translation import gettext_lazy as _

from core.exports import Column
from core.exports import joined
from core.exports import page_column

GROUP_COLUMNS = [
    Column(_("Name"), "name"),
    Column(_("Kind"), lambda g: g.get_kind_display()),
    Column(_("Countries"), lambda g: joined(c.name for c in g.countries.all())),
    Column(
        _("President"),
        lambda g: joined(m.senator.full_name for m in getattr(g, "current_presidents", [])),
    ),
    Column(_("Creation date"), "created_on"),
    page_column(),
]

COUNTRY_COLUMNS = [
    Column(_("ISO code"), "code"),
    Column(_("Name"), "name"),
    Column(_("Zone"), "zone.name"),
    Column(_("Friendship groups"), lambda c: joined(g.name for g in c.active_groups)),
    page_column(),
]

ZONE_COLUMNS = [
    Column(_("Identifier"), "slug"),
    Column(_("Name"), "name"),
]

SENATOR_COLUMNS = [
    Column(_("Last name"), "last_name"),
    Column(_("First name"), "first_name"),
    Column(_("Civility"), lambda s: s.get_civility_display()),
    Column(_("Senate identifier"), "senate_id"),
    Column(_("Constituency"), "constituency"),
    Column(
        _("Political group"),
        lambda s: s.current_political_group["name"] if s.current_political_group else None,
    ),
    Column(_("In office"), "is_active"),
    Column(
        _("Friendship groups"),
        lambda s: joined(f"{m.group.name} ({m.role_title})" for m in s.current_memberships),
    ),
    page_column(),
]

MEMBERSHIP_COLUMNS = [
    Column(_("Last name"), "senator.last_name"),
    Column(_("First name"), "senator.first_name"),
    Column(_("Role"), lambda m: m.role_title),
    Column(_("Country"), "country.name"),
    Column(_("Start date"), "start_date"),
    Column(_("End date"), "end_date"),
    Column(_("Senate identifier"), "senator.senate_id"),
]

POLITICAL_GROUP_COLUMNS = [
    Column(_("Senate code"), "senate_code"),
    Column(_("Name"), "name"),
    Column(_("Creation date"), "created_on"),
    Column(_("End date"), "ended_on"),
]

POLITICAL_MEMBERSHIP_COLUMNS = [
    Column(_("Last name"), "senator.last_name"),
    Column(_("First name"), "senator.first_name"),
    Column(_("Senate identifier"), "senator.senate_id"),
    Column(_("Political group"), "political_group.name"),
    Column(_("Senate code"), "political_group.senate_code"),
    Column(_("Kind"), "kind_title"),
    Column(_("Start date"), "start_date"),
    Column(_("End date"), "end_date"),
]
