"""The friendship groups' domain: countries, senators, groups and their memberships.

Countries, friendship groups, senators and memberships are in ``memberships.py`` (their
queries read each other); beside it, what is read only through them: political groups
(``political.py``), a group's past names, countries and slugs (``group_history.py``), name
search (``search.py``) and the rules on dated terms in SQL (``terms.py``). Every name is
re-exported here, so that ``groups.models.X`` keeps working for imports, string
references and the migrations that name it (``groups.models.SearchKey``).
"""

from ..periods import triennial_period  # where the pages import it from
from .group_history import GROUP_NAME_TEXT
from .group_history import CountryLink
from .group_history import FormerSlug
from .group_history import GroupName
from .memberships import COUNTRY_TEXT
from .memberships import DATABASE_RULES
from .memberships import GROUP_TEXT
from .memberships import Country
from .memberships import CountryQuerySet
from .memberships import FriendshipGroup
from .memberships import FriendshipGroupQuerySet
from .memberships import Membership
from .memberships import MembershipQuerySet
from .memberships import Senator
from .memberships import SenatorQuerySet
from .memberships import Zone
from .political import POLITICAL_KINDS
from .political import POLITICAL_ROLE_OTHER
from .political import POLITICAL_ROLES
from .political import PoliticalGroup
from .political import PoliticalGroupQuerySet
from .political import PoliticalMembership
from .political import PoliticalMembershipQuerySet
from .search import LETTERS
from .search import MAX_NAME_WORDS
from .search import NAME_WORD
from .search import SearchKey
from .search import senator_search_key
from .terms import dissolved_q
from .terms import term_current_q
from .terms import triennial_period_year

__all__ = [
    "triennial_period",
    "GROUP_NAME_TEXT",
    "CountryLink",
    "FormerSlug",
    "GroupName",
    "COUNTRY_TEXT",
    "DATABASE_RULES",
    "GROUP_TEXT",
    "Country",
    "CountryQuerySet",
    "FriendshipGroup",
    "FriendshipGroupQuerySet",
    "Membership",
    "MembershipQuerySet",
    "Senator",
    "SenatorQuerySet",
    "Zone",
    "POLITICAL_KINDS",
    "POLITICAL_ROLE_OTHER",
    "POLITICAL_ROLES",
    "PoliticalGroup",
    "PoliticalGroupQuerySet",
    "PoliticalMembership",
    "PoliticalMembershipQuerySet",
    "LETTERS",
    "MAX_NAME_WORDS",
    "NAME_WORD",
    "SearchKey",
    "senator_search_key",
    "dissolved_q",
    "term_current_q",
    "triennial_period_year",
]
