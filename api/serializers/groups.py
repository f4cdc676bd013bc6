"""The Senate's side: friendship and political groups, senators, their memberships,
countries and zones."""

from django.utils import timezone
from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.links import reverse_with
from groups.exports import POLITICAL_MEMBERSHIP_ID
from groups.exports import political_group_id
from groups.models import POLITICAL_ROLE_OTHER
from groups.models import POLITICAL_ROLES
from groups.models import Country
from groups.models import FriendshipGroup
from groups.models import Membership
from groups.models import PoliticalGroup
from groups.models import PoliticalMembership
from groups.models import Senator
from groups.models import Zone
from groups.periods import holds_on

from .base import SCHEME_MATRICULE
from .base import SCHEME_POLITICAL_GROUP
from .base import SCHEME_SENATE_GROUP
from .base import Classification
from .base import DatedAreaSerializer
from .base import DatedNameSerializer
from .base import EnglishHTML
from .base import EnglishPlainText
from .base import EnglishText
from .base import FrenchHTML
from .base import FrenchPlainText
from .base import IdentifierSerializer
from .base import OtherNameSerializer
from .base import PopoloSerializer
from .base import PortalIdentifiers
from .base import absolute
from .base import english
from .base import french
from .base import related
from .base import vocabulary
from .base import without_nulls

POLITICAL_ROLE_CODES = [*dict.fromkeys(POLITICAL_ROLES.values()), POLITICAL_ROLE_OTHER]


class OrganizationSerializer(PopoloSerializer):
    """A friendship group as a Popolo organization."""

    name = french("name")
    name_en = english("name")
    classification = vocabulary(FriendshipGroup.Kind.values, source="kind")
    identifiers = PortalIdentifiers(SCHEME_SENATE_GROUP, "senate_code")
    areas = serializers.SerializerMethodField()
    founding_date = serializers.DateField(source="created_on", read_only=True, allow_null=True)
    dissolution_date = serializers.DateField(source="dissolved_on", read_only=True, allow_null=True)
    other_names = serializers.SerializerMethodField()
    active = serializers.SerializerMethodField()
    description = FrenchHTML(source="description_fr", read_only=True)
    description_en = EnglishHTML(source="description_en")
    description_text = FrenchPlainText(source="description_fr", read_only=True)
    description_text_en = EnglishPlainText(source="description_en")
    counterpart = french("counterpart")
    counterpart_en = english("counterpart")

    class Meta(PopoloSerializer.Meta):
        model = FriendshipGroup
        fields = [
            "id",
            "name",
            "name_en",
            "classification",
            "identifiers",
            "area_ids",
            "areas",
            "founding_date",
            "dissolution_date",
            "other_names",
            "active",
            "description",
            "description_en",
            "description_text",
            "description_text_en",
            "counterpart",
            "counterpart_en",
            "links",
        ]

    def get_active(self, group) -> bool:
        return not group.is_dissolved

    def get_area_ids(self, group) -> list[str]:
        """The countries the group covers today (or covered on its dissolution)."""
        return super().get_area_ids(group)

    @extend_schema_field(DatedAreaSerializer(many=True))
    def get_areas(self, group):
        """The countries covered over time (``with_history()``); without dated links
        (a group typed in by staff), today's countries with no dates."""
        if group.country_history:
            return without_nulls(group.country_history)
        return [{"area_id": country.code} for country in related(group, "countries")]

    @extend_schema_field(DatedNameSerializer(many=True))
    def get_other_names(self, group):
        """Former names, and dated names other than today's (``with_history()``)."""
        return without_nulls(
            row
            for row in group.name_history
            if row["end_date"] is not None or row["name"] != group.name_fr
        )


class PoliticalGroupSerializer(serializers.ModelSerializer):
    """A political group of the Senate as a Popolo organization (``political group``).

    Its name is the Senate's, in French only; it has no countries, description or page
    of its own.
    """

    id = serializers.SerializerMethodField()
    name = serializers.CharField(read_only=True)
    classification = Classification("political group")
    identifiers = serializers.SerializerMethodField()
    founding_date = serializers.DateField(source="created_on", read_only=True, allow_null=True)
    dissolution_date = serializers.DateField(source="ended_on", read_only=True, allow_null=True)
    other_names = serializers.SerializerMethodField()
    active = serializers.SerializerMethodField()

    class Meta:
        model = PoliticalGroup
        fields = [
            "id",
            "name",
            "classification",
            "identifiers",
            "founding_date",
            "dissolution_date",
            "other_names",
            "active",
        ]

    def get_id(self, group) -> str:
        return political_group_id(group.senate_code)

    @extend_schema_field(IdentifierSerializer(many=True))
    def get_identifiers(self, group):
        return [{"scheme": SCHEME_POLITICAL_GROUP, "identifier": group.senate_code}]

    @extend_schema_field(OtherNameSerializer(many=True))
    def get_other_names(self, group):
        if group.short_name and group.short_name != group.name:
            return [{"name": group.short_name, "note": "abbreviation"}]
        return []

    def get_active(self, group) -> bool:
        return holds_on(group.created_on, group.ended_on, timezone.localdate())


class PersonSerializer(PopoloSerializer):
    """A senator as a Popolo person."""

    name = serializers.CharField(source="full_name", read_only=True)
    given_name = serializers.CharField(source="first_name", read_only=True)
    family_name = serializers.CharField(source="last_name", read_only=True)
    honorific_prefix = serializers.SerializerMethodField()
    gender = serializers.SerializerMethodField()
    identifiers = serializers.SerializerMethodField()
    image = serializers.SerializerMethodField()
    in_office = serializers.BooleanField(source="is_active", read_only=True)
    constituency = french("constituency")
    constituency_en = english("constituency")
    political_group = serializers.SerializerMethodField()
    political_group_id = serializers.SerializerMethodField()

    class Meta(PopoloSerializer.Meta):
        model = Senator
        fields = [
            "id",
            "name",
            "given_name",
            "family_name",
            "honorific_prefix",
            "gender",
            "identifiers",
            "image",
            "in_office",
            "constituency",
            "constituency_en",
            "political_group",
            "political_group_id",
            "organization_ids",
            "links",
        ]

    def get_honorific_prefix(self, senator) -> str:
        return "Mme" if senator.is_woman else "M."

    def get_gender(self, senator) -> str:
        return "female" if senator.is_woman else "male"

    @extend_schema_field(IdentifierSerializer(many=True))
    def get_identifiers(self, senator):
        return [{"scheme": SCHEME_MATRICULE, "identifier": senator.senate_id}]

    def get_image(self, senator) -> str | None:
        if not senator.photo:
            return None
        # reverse_with(): no reverse() per row (core.links).
        return absolute(self.context, reverse_with("groups:senator-photo", "slug", senator.slug))

    def get_political_group(self, senator) -> str | None:
        """The name of today's political group (``with_political_group()``)."""
        current = senator.current_political_group
        return current["name"] if current else None

    def get_political_group_id(self, senator) -> str | None:
        current = senator.current_political_group
        return political_group_id(current["id"]) if current else None

    def get_organization_ids(self, senator) -> list[str]:
        """The groups of which the senator is a current member (``with_current_groups()``),
        then today's political group."""
        ids = [m.group.slug for m in senator.current_memberships]
        if senator.current_political_group:
            ids.append(political_group_id(senator.current_political_group["id"]))
        return ids


def membership_fields(*own):
    """A Popolo membership's fields in order, ``own`` (what one kind adds) before its dates."""
    return [
        "id",
        "person_id",
        "organization_id",
        "role",
        "label",
        "label_en",
        *own,
        "start_date",
        "end_date",
    ]


# What both kinds of membership share: the senator, the dates, and their labels in each
# language. (A comment: drf-spectacular would show a docstring as the description of
# both shapes.)
class PopoloMembershipSerializer(serializers.ModelSerializer):
    person_id = serializers.CharField(source="senator.slug", read_only=True)
    start_date = serializers.DateField(read_only=True, allow_null=True)
    end_date = serializers.DateField(read_only=True, allow_null=True)

    def translated(self, label, language, key):
        """``str(label())`` in ``language``, worked out once per serializer (a page) for
        each ``key``: the values the label is made of.

        A page has a handful of distinct labels, and a ``translation.override()`` per row
        and language cost a tenth of a page's CPU: memberships (page size 50) 12.7 and
        13.6 -> 11.9 and 11.6 ms, political memberships 7.0 and 7.5 -> 5.9 and 6.0
        (bench/cputime.py's API rows, 10× data, two runs, load 1.8, 2026-12-07)."""
        labels = self.__dict__.setdefault("_labels", {})
        if (language, key) not in labels:
            with translation.override(language):
                labels[language, key] = str(label())
        return labels[language, key]


class MembershipSerializer(PopoloMembershipSerializer):
    """A senator's role in a group, as a Popolo membership."""

    id = serializers.CharField(source="pk", read_only=True)
    organization_id = serializers.CharField(source="group.slug", read_only=True)
    role = serializers.ChoiceField(choices=Membership.Role.values, read_only=True)
    label = serializers.SerializerMethodField()
    label_en = serializers.SerializerMethodField()
    area_id = serializers.CharField(source="country.code", read_only=True, allow_null=True)
    rank = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Membership
        fields = membership_fields("area_id", "rank")

    def _label(self, membership, language):
        # What ``role_title`` reads besides the language.
        key = (membership.role, membership.title, membership.title_feminine)
        key += (membership.senator.is_woman,)
        return self.translated(lambda: membership.role_title, language, key)

    def get_label(self, membership) -> str:
        return self._label(membership, "fr")

    def get_label_en(self, membership) -> str | None:
        return self._label(membership, "en")


class PoliticalMembershipSerializer(PopoloMembershipSerializer):
    """A senator's membership of a political group, as a Popolo membership.

    ``role`` is its kind in the one role vocabulary of the API (``member``,
    ``associated_member``, ``attached_member``, ``other``); ``label`` is the Senate's
    French words in the senator's gender, ``label_en`` their English.
    """

    id = serializers.SerializerMethodField()
    organization_id = serializers.SerializerMethodField()
    role = serializers.ChoiceField(choices=POLITICAL_ROLE_CODES, read_only=True)
    label = serializers.CharField(source="kind_title", read_only=True)
    label_en = serializers.SerializerMethodField()

    class Meta:
        model = PoliticalMembership
        fields = membership_fields()

    def get_label_en(self, membership) -> str:
        # What ``kind_label`` reads besides the language.
        key = (membership.kind, membership.kind_feminine, membership.senator.is_woman)
        return self.translated(lambda: membership.kind_label, "en", key)

    def get_id(self, membership) -> str:
        return f"{POLITICAL_MEMBERSHIP_ID}{membership.pk}"

    def get_organization_id(self, membership) -> str:
        return political_group_id(membership.political_group.senate_code)


class AreaSerializer(PopoloSerializer):
    """A country as a Popolo area; its zone (an area too, ``/api/v1/zones/``) is the parent."""

    id = serializers.CharField(source="code", read_only=True)
    identifier = serializers.CharField(source="code", read_only=True)
    name = french("name")
    name_en = english("name")
    classification = Classification("country")
    parent_id = serializers.CharField(source="zone.slug", read_only=True)
    parent_name = french("zone.name")
    parent_name_en = EnglishText(source="zone.name_en")

    class Meta(PopoloSerializer.Meta):
        model = Country
        fields = [
            "id",
            "identifier",
            "name",
            "name_en",
            "classification",
            "parent_id",
            "parent_name",
            "parent_name_en",
            "organization_ids",
            "links",
        ]

    def get_organization_ids(self, country) -> list[str]:
        return [group.slug for group in country.active_groups]


class ZoneSerializer(serializers.ModelSerializer):
    """A zone of the world (Europe, Africa...) as a Popolo area (classification ``zone``):
    the parent of its countries (their ``parent_id``)."""

    id = serializers.CharField(source="slug", read_only=True)
    name = french("name")
    name_en = english("name")
    classification = Classification("zone")

    class Meta:
        model = Zone
        fields = ["id", "name", "name_en", "classification"]
