"""The friendship groups' domain: countries, groups, senators and their memberships.

``friendship.py``: zones, countries, friendship groups and their past (names, countries,
slugs); ``senators.py``; ``memberships.py``: senators' memberships of friendship groups and
of political groups; ``search.py``: name search; ``terms.py``: dated rows' fields and rules
in SQL. The modules import each other one way only (friendship and senators import
memberships); a foreign key to a model of a module above names it as a string
("FriendshipGroup"), as Django resolves it once all are loaded.

Every name is re-exported here, so that ``groups.models.X`` keeps working for imports,
string references and the migrations that name it (``groups.models.SearchKey``).
"""

from ..periods import triennial_period  # where the pages import it from
from .friendship import COUNTRY_TEXT
from .friendship import GROUP_NAME_TEXT
from .friendship import GROUP_TEXT
from .friendship import Country
from .friendship import CountryLink
from .friendship import CountryQuerySet
from .friendship import FormerSlug
from .friendship import FriendshipGroup
from .friendship import FriendshipGroupQuerySet
from .friendship import GroupName
from .friendship import Zone
from .memberships import DATABASE_RULES
from .memberships import POLITICAL_KINDS
from .memberships import POLITICAL_ROLE_OTHER
from .memberships import POLITICAL_ROLES
from .memberships import Membership
from .memberships import MembershipQuerySet
from .memberships import PoliticalGroup
from .memberships import PoliticalGroupQuerySet
from .memberships import PoliticalMembership
from .memberships import PoliticalMembershipQuerySet
from .search import LETTERS
from .search import MAX_NAME_WORDS
from .search import SearchKey
from .search import name_words
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
    "SearchKey",
    "name_words",
    "senator_search_key",
    "Senator",
    "SenatorQuerySet",
    "dissolved_q",
    "period_fields",
    "term_current_q",
    "triennial_period_year",
]
