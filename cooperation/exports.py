"""CSV columns of the cooperation list (the machinery is core.exports)."""

from django.utils.translation import gettext_lazy as _

from core.exports import Column
from core.exports import joined
from core.exports import key_column
from core.exports import page_column


def _countries(agreement):
    foreign = agreement.foreign_authorities.all()
    return joined(sorted({f.country.code for f in foreign if f.country}))


AGREEMENT_COLUMNS = [
    Column(_("Kind"), lambda a: a.get_kind_display()),
    Column(_("French authorities"), lambda a: joined(f.name for f in a.french_authorities.all())),
    Column(_("Foreign authorities"), lambda a: joined(f.name for f in a.foreign_authorities.all())),
    Column(_("Countries"), _countries),
    Column(_("Signing date"), "signed_on"),
    Column(_("State"), lambda a: a.get_state_display()),
    Column(_("Themes"), lambda a: joined(a.theme_labels)),
    Column(_("Summary"), "summary"),
    page_column(),
]

AUTHORITY_COLUMNS = [
    Column(_("Name"), "name"),
    Column(_("Kind"), lambda a: a.get_kind_display()),
    Column(_("Official code"), "insee_code"),
    Column(_("Département"), "department.code"),
    Column(_("Région"), "region_code"),
    page_column(),
]

# Join keys (core.exports.key_column), after the columns above.
AGREEMENT_KEYS = [key_column("id", "slug")]
AUTHORITY_KEYS = [key_column("id", "slug")]
