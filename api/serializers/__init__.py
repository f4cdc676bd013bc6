"""The API's resources, in the shape of the Popolo standard (popoloproject.com).

Both languages in every object, one convention everywhere: a translated text
``name`` is French (the Senate's language of record, always present) and
``name_en`` is its English translation, or ``null`` while none has been written.
Identifiers are stable: a group's, senator's or event's slug (the one in its page's
URL), a country's ISO 3166-1 alpha-2 code.

Serializers only read what the QuerySet methods (``published()``, ``for_list()``)
loaded: visibility and filters live in the apps, never here. A relation to a group
that is not published gives ``null`` (or is left out of a list), never its id.

One module per side of the portal: ``base`` (the fields every shape is made of),
``groups``, ``events``, ``reports``, ``cooperation``.
"""

from .base import RemovalSerializer
from .cooperation import AgreementSerializer
from .cooperation import LocalAuthoritySerializer
from .events import ColloquiumSerializer
from .events import MissionSerializer
from .events import ReceptionSerializer
from .groups import AreaSerializer
from .groups import MembershipSerializer
from .groups import OrganizationSerializer
from .groups import PersonSerializer
from .groups import PoliticalGroupSerializer
from .groups import PoliticalMembershipSerializer
from .groups import ZoneSerializer
from .reports import NewsSerializer
from .reports import ReportSerializer

__all__ = [
    "AgreementSerializer",
    "AreaSerializer",
    "ColloquiumSerializer",
    "LocalAuthoritySerializer",
    "MembershipSerializer",
    "MissionSerializer",
    "NewsSerializer",
    "OrganizationSerializer",
    "PersonSerializer",
    "PoliticalGroupSerializer",
    "PoliticalMembershipSerializer",
    "ReceptionSerializer",
    "RemovalSerializer",
    "ReportSerializer",
    "ZoneSerializer",
]
