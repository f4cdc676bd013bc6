"""The friendship groups' domain: countries, groups, senators and their memberships.

``friendship.py``: zones, countries and friendship groups; ``group_history.py``: a group's
past names, countries and slugs; ``senators.py``; ``memberships.py``: senators' roles in the
groups; ``political.py``: the Senate's political groups; ``search.py``: name search;
``terms.py``: dated rows' fields and rules in SQL. The modules import each other one way
only (friendship and senators import memberships, which imports political); a foreign
key to a model of a module above names it as a string ("FriendshipGroup"), as Django
resolves it once all are loaded.

Every name is re-exported here, so that ``groups.models.X`` keeps working for imports,
string references and the migrations that name it (``groups.models.SearchKey``).
"""

from ..periods import triennial_period  # where the pages import it from
from .friendship import COUNTRY_TEXT
from .friendship import GROUP_TEXT
from .friendship import Country
from .friendship import CountryQuerySet
from .friendship import FriendshipGroup
from .friendship import FriendshipGroupQuerySet
from .friendship import Zone
from .group_history import GROUP_NAME_TEXT
from .group_history import CountryLink
from .group_history import FormerSlug
from .group_history import GroupName
from .memberships import DATABASE_RULES
from .memberships import Membership
from .memberships import MembershipQuerySet
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
from .senators import Senator
from .senators import SenatorQuerySet
from .terms import dissolved_q
from .terms import period_fields
from .terms import term_current_q
from .terms import triennial_period_year

__all__ = [
    "triennial_period",
    "COUNTRY_TEXT",
    "GROUP_TEXT",
    "Country",
    "CountryQuerySet",
    "FriendshipGroup",
    "FriendshipGroupQuerySet",
    "Zone",
    "GROUP_NAME_TEXT",
    "CountryLink",
    "FormerSlug",
    "GroupName",
    "DATABASE_RULES",
    "Membership",
    "MembershipQuerySet",
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
    "Senator",
    "SenatorQuerySet",
    "dissolved_q",
    "period_fields",
    "term_current_q",
    "triennial_period_year",
]
