"""The CSV columns of the groups app's lists (the machinery is core/exports.py)."""

from django.utils.translation import gettext_lazy as _

from core.exports import Column
from core.exports import joined
from core.exports import key_column
from core.exports import page_column

# The public ids of the Senate's political groups and of memberships of them (the API's
# and the CSVs'): a prefix no slug or row id takes, so that they never equal a friendship
# group's slug or a membership's number.
POLITICAL_GROUP_ID = "political-group:"
POLITICAL_MEMBERSHIP_ID = "political-"


def political_group_id(code):
    return f"{POLITICAL_GROUP_ID}{code}"


def _political_group_of(senator):
    current = senator.current_political_group
    return political_group_id(current["id"]) if current else None


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

# Join keys (core.exports.key_column), after the columns above.
GROUP_KEYS = [key_column("id", "slug")]
POLITICAL_GROUP_KEYS = [key_column("id", lambda g: political_group_id(g.senate_code))]
SENATOR_KEYS = [key_column("id", "slug"), key_column("political_group_id", _political_group_of)]
MEMBERSHIP_KEYS = [
    key_column("id", "pk"),
    key_column("person_id", "senator.slug"),
    key_column("organization_id", "group.slug"),
    key_column("area_id", "country.code"),
]
POLITICAL_MEMBERSHIP_KEYS = [
    key_column("id", lambda m: f"{POLITICAL_MEMBERSHIP_ID}{m.pk}"),
    key_column("person_id", "senator.slug"),
    key_column("organization_id", lambda m: political_group_id(m.political_group.senate_code)),
]
COUNTRY_KEYS = [key_column("id", "code"), key_column("parent_id", "zone.slug")]
ZONE_KEYS = [key_column("id", "slug")]
