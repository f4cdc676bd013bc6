"""The API's resources, in the shape of the Popolo standard (popoloproject.com).

Both languages in every object, one convention everywhere: a translated text
``name`` is French (the Senate's language of record, always present) and
``name_en`` is its English translation, or ``null`` while none has been written.
Identifiers are stable: a group's, senator's or event's slug (the one in its page's
URL), a country's ISO 3166-1 alpha-2 code.

Serializers only read what the QuerySet methods (``published()``, ``for_list()``)
loaded: visibility and filters live in the apps, never here. A relation to a group
that is not published gives ``null`` (or is left out of a list), never its id.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cooperation.models import Agreement
from cooperation.models import ForeignAuthority
from cooperation.models import LocalAuthority
from core.fields import html_to_text
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
from missions.models import Colloquium
from missions.models import Mission
from missions.models import Reception
from reports.models import NewsItem
from reports.models import Report

LANGUAGES = ("fr", "en")


def vocabulary(choices, **kwargs):
    """A read-only field whose values are a model's choices: an enum in the schema."""
    return serializers.ChoiceField(choices=choices, read_only=True, **kwargs)


POLITICAL_ROLE_CODES = [*dict.fromkeys(POLITICAL_ROLES.values()), POLITICAL_ROLE_OTHER]


def portal_identifiers(slug, scheme, code):
    """The portal's slug, then the source's own code under ``scheme`` when there is one."""
    identifiers = [{"scheme": SCHEME_PORTAL, "identifier": slug}]
    if code:
        identifiers.append({"scheme": scheme, "identifier": code})
    return identifiers


class EnglishText(serializers.CharField):
    """The English translation of a text, or null while there is none."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, allow_null=True, **kwargs)

    def bind(self, field_name, parent):
        # DRF refuses a source that repeats the field's name (``name_en = english("name")``):
        # the name is then the source.
        if self.source == field_name:
            self.source = None
        super().bind(field_name, parent)

    def to_representation(self, value):
        return value or None


class FrenchText(serializers.CharField):
    """The French text of a translated field: always a string ("" when empty)."""

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        return "" if value is None else value


HTML_NOTE = (
    "HTML, sanitised (paragraphs, headings, lists, emphasis, links; no script, style or "
    "image). Its plain text is the field of the same name with `_text` (`description` → "
    "`description_text`, `description_en` → `description_text_en`)."
)
PLAIN_NOTE = (
    "The plain text of the HTML field of the same name without `_text`: no tags, a blank "
    "line between paragraphs, list items on lines starting with « - »."
)


@extend_schema_field({"type": "string", "format": "html", "description": HTML_NOTE})
class FrenchHTML(FrenchText):
    """The French text of a translated HTMLField (core.fields): HTML."""


@extend_schema_field(
    {"type": "string", "format": "html", "nullable": True, "description": HTML_NOTE}
)
class EnglishHTML(EnglishText):
    """The English text of a translated HTMLField, or null: HTML."""


@extend_schema_field({"type": "string", "description": PLAIN_NOTE})
class FrenchPlainText(FrenchText):
    def to_representation(self, value):
        return html_to_text(value)


@extend_schema_field({"type": "string", "nullable": True, "description": PLAIN_NOTE})
class EnglishPlainText(EnglishText):
    def to_representation(self, value):
        return html_to_text(value) or None


def french(field, **kwargs):
    return FrenchText(source=f"{field}_fr", read_only=True, **kwargs)


def english(field):
    return EnglishText(source=f"{field}_en")


class PopoloDateTime(serializers.DateTimeField):
    """A local date and time to the second, with its offset (Popolo's date pattern)."""

    def to_representation(self, value):
        return timezone.localtime(value).replace(microsecond=0).isoformat()


class IdentifierSerializer(serializers.Serializer):
    scheme = serializers.CharField()
    identifier = serializers.CharField()


class DatedNameSerializer(serializers.Serializer):
    name = serializers.CharField()
    start_date = serializers.DateField(required=False)
    end_date = serializers.DateField(required=False)


class OtherNameSerializer(serializers.Serializer):
    name = serializers.CharField()
    note = serializers.CharField()


class DatedAreaSerializer(serializers.Serializer):
    area_id = serializers.CharField()
    start_date = serializers.DateField(required=False)
    end_date = serializers.DateField(required=False)


def without_nulls(rows):
    """Popolo leaves out an unknown date rather than giving null."""
    return [{k: v for k, v in row.items() if v is not None} for row in rows]


# Identifier schemes (documented in docs/opendata.md).
SCHEME_PORTAL = "groupes-amitie.senat.fr"  # the slug of the portal's page
SCHEME_SENATE_GROUP = "senat.fr/orgcod"  # a group's code in the Senate's database
SCHEME_POLITICAL_GROUP = "senat.fr/grppolcod"  # a political group's code there
SCHEME_MATRICULE = "senat.fr/matricule"  # a senator's matricule
SCHEME_INSEE = "insee.fr/cog"  # a French authority's official code (SIREN for groupings)


class LinkSerializer(serializers.Serializer):
    url = serializers.URLField()
    note = serializers.CharField()


def absolute(context, path):
    request = context.get("request")
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL.rstrip("/") + path


@extend_schema_field(LinkSerializer(many=True))
class PageLinks(serializers.Field):
    """The object's public page in each language, as Popolo links."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        links = []
        for language in LANGUAGES:
            with translation.override(language):
                path = obj.get_absolute_url()
            links.append({"url": absolute(self.context, path), "note": f"web page ({language})"})
        return links


@extend_schema_field(OpenApiTypes.STR)
class Classification(serializers.Field):
    """A Popolo ``classification``: the kind of every object that the serializer shows."""

    def __init__(self, value, **kwargs):
        self.value = value
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        return self.value


# Fields that several Popolo shapes share; each shape lists its own in ``Meta.fields``.
# By default an object's id is its slug, and its group, groups and countries are
# ``group``, ``groups`` and ``countries`` as its QuerySet's ``for_list()`` loaded them.
# (A comment: drf-spectacular would show a docstring as the description of every
# shape that has none of its own.)
class PopoloSerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="slug", read_only=True)
    organization_id = serializers.SerializerMethodField()
    organization_ids = serializers.SerializerMethodField()
    area_ids = serializers.SerializerMethodField()
    links = PageLinks()

    def get_organization_id(self, obj) -> str | None:
        # The group when the public may see it (``with_public("group")``), else None.
        return obj.public_group.slug if obj.public_group else None

    def get_organization_ids(self, obj) -> list[str]:
        return [group.slug for group in obj.groups.all()]

    def get_area_ids(self, obj) -> list[str]:
        return [country.code for country in obj.countries.all()]


class OrganizationSerializer(PopoloSerializer):
    """A friendship group as a Popolo organization."""

    name = french("name")
    name_en = english("name")
    classification = vocabulary(FriendshipGroup.Kind.values, source="kind")
    identifiers = serializers.SerializerMethodField()
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

    class Meta:
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

    @extend_schema_field(IdentifierSerializer(many=True))
    def get_identifiers(self, group):
        return portal_identifiers(group.slug, SCHEME_SENATE_GROUP, group.senate_code)

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
        return [{"area_id": country.code} for country in group.countries.all()]

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

    class Meta:
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
        return absolute(
            self.context, reverse("groups:senator-photo", kwargs={"slug": senator.slug})
        )

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


class MembershipSerializer(serializers.ModelSerializer):
    """A senator's role in a group, as a Popolo membership."""

    id = serializers.CharField(source="pk", read_only=True)
    person_id = serializers.CharField(source="senator.slug", read_only=True)
    organization_id = serializers.CharField(source="group.slug", read_only=True)
    role = serializers.ChoiceField(choices=Membership.Role.values, read_only=True)
    label = serializers.SerializerMethodField()
    label_en = serializers.SerializerMethodField()
    area_id = serializers.CharField(source="country.code", read_only=True, allow_null=True)
    rank = serializers.IntegerField(read_only=True, allow_null=True)
    start_date = serializers.DateField(read_only=True, allow_null=True)
    end_date = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Membership
        fields = [
            "id",
            "person_id",
            "organization_id",
            "role",
            "label",
            "label_en",
            "area_id",
            "rank",
            "start_date",
            "end_date",
        ]

    def _label(self, membership, language):
        with translation.override(language):
            return str(membership.role_title)

    def get_label(self, membership) -> str:
        return self._label(membership, "fr")

    def get_label_en(self, membership) -> str | None:
        return self._label(membership, "en")


class PoliticalMembershipSerializer(serializers.ModelSerializer):
    """A senator's membership of a political group, as a Popolo membership.

    ``role`` is its kind in the one role vocabulary of the API (``member``,
    ``associated_member``, ``attached_member``, ``other``); ``label`` is the Senate's
    French words in the senator's gender, ``label_en`` their English.
    """

    id = serializers.SerializerMethodField()
    person_id = serializers.CharField(source="senator.slug", read_only=True)
    organization_id = serializers.SerializerMethodField()
    role = serializers.ChoiceField(choices=POLITICAL_ROLE_CODES, read_only=True)
    label = serializers.CharField(source="kind_title", read_only=True)
    label_en = serializers.SerializerMethodField()
    start_date = serializers.DateField(read_only=True, allow_null=True)
    end_date = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = PoliticalMembership
        fields = [
            "id",
            "person_id",
            "organization_id",
            "role",
            "label",
            "label_en",
            "start_date",
            "end_date",
        ]

    def get_label_en(self, membership) -> str:
        with translation.override("en"):
            return str(membership.kind_label)

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

    class Meta:
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


class DelegateSerializer(serializers.Serializer):
    """A senator of a mission's delegation (not a Popolo person: a shape of our own)."""

    person_id = serializers.CharField(source="senator.slug")
    leader = serializers.BooleanField(source="is_leader")


# The fields of a Popolo event that every kind has, in this order, after its id and
# classification; each kind says where its description and dates come from.
EVENT_FIELDS = ["name", "name_en", "description", "description_en", "start_date", "end_date"]


class EventSerializer(PopoloSerializer):
    """A Popolo event, whose name is its title."""

    name = french("title")
    name_en = english("title")


class MissionSerializer(EventSerializer):
    """A mission abroad as a Popolo event (classification ``mission``)."""

    classification = Classification("mission")
    description = french("purpose")
    description_en = english("purpose")
    start_date = serializers.DateField(read_only=True)
    end_date = serializers.DateField(read_only=True)
    status = vocabulary(Mission.Progress.values, source="progress")
    location = serializers.SerializerMethodField()
    location_en = serializers.SerializerMethodField()
    delegation = DelegateSerializer(many=True, read_only=True)

    class Meta:
        model = Mission
        fields = [
            "id",
            "classification",
            *EVENT_FIELDS,
            "status",
            "organization_id",
            "area_ids",
            "location",
            "location_en",
            "delegation",
            "links",
        ]

    def get_location(self, mission) -> str:
        return ", ".join(country.name_fr for country in mission.countries.all())

    def get_location_en(self, mission) -> str:
        return ", ".join(country.name_en or country.name_fr for country in mission.countries.all())


class ReceptionSerializer(EventSerializer):
    """A foreign delegation received in France, as a Popolo event (``reception``)."""

    classification = Classification("reception")
    description = FrenchHTML(source="description_fr", read_only=True)
    description_en = EnglishHTML(source="description_en")
    description_text = FrenchPlainText(source="description_fr", read_only=True)
    description_text_en = EnglishPlainText(source="description_en")
    start_date = serializers.DateField(source="date", read_only=True)
    end_date = serializers.DateField(source="date", read_only=True)
    head_of_delegation = french("head_of_delegation")
    head_of_delegation_en = english("head_of_delegation")

    class Meta:
        model = Reception
        fields = [
            "id",
            "classification",
            *EVENT_FIELDS,
            "description_text",
            "description_text_en",
            "organization_id",
            "area_ids",
            "head_of_delegation",
            "head_of_delegation_en",
        ]

    def get_area_ids(self, reception) -> list[str]:
        return [reception.country.code] if reception.country else []


class ColloquiumSerializer(EventSerializer):
    """A colloquium as a Popolo event (``colloquium``); ``kind`` says which."""

    classification = Classification("colloquium")
    kind = vocabulary(Colloquium.Kind.values)
    description = french("summary")
    description_en = english("summary")
    start_date = PopoloDateTime(source="start_at", read_only=True)
    end_date = PopoloDateTime(source="end_at", read_only=True)
    location = french("venue")
    location_en = english("venue")

    class Meta:
        model = Colloquium
        fields = [
            "id",
            "classification",
            "kind",
            *EVENT_FIELDS,
            "location",
            "location_en",
            "organization_ids",
            "area_ids",
            "links",
        ]


class ReportSerializer(PopoloSerializer):
    number = serializers.CharField(read_only=True, allow_null=True)
    title = french("title")
    title_en = english("title")
    kind = vocabulary(Report.Kind.values)
    publication_date = serializers.DateField(read_only=True)
    summary = french("summary")
    summary_en = english("summary")
    pdf = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "number",
            "title",
            "title_en",
            "kind",
            "publication_date",
            "organization_id",
            "area_ids",
            "summary",
            "summary_en",
            "pdf",
            "links",
        ]

    def get_pdf(self, report) -> str | None:
        if not report.pdf:
            return None
        with translation.override("fr"):
            return absolute(self.context, reverse("reports:pdf", kwargs={"slug": report.slug}))


class NewsSerializer(PopoloSerializer):
    title = french("title")
    title_en = english("title")
    date = serializers.DateField(read_only=True)
    summary = french("summary")
    summary_en = english("summary")

    class Meta:
        model = NewsItem
        fields = [
            "id",
            "title",
            "title_en",
            "date",
            "summary",
            "summary_en",
            "organization_ids",
            "area_ids",
            "links",
        ]


# --- Decentralized cooperation ---


class LocalAuthoritySerializer(serializers.ModelSerializer):
    """A French local authority party to a published agreement, as a Popolo organization
    (``classification``: region, department, commune, intercommunality, overseas)."""

    id = serializers.CharField(source="slug", read_only=True)
    name = serializers.CharField(read_only=True)
    classification = vocabulary(LocalAuthority.Kind.values, source="kind")
    identifiers = serializers.SerializerMethodField()
    department = serializers.CharField(source="department.code", read_only=True, allow_null=True)
    region = serializers.CharField(source="region_code", read_only=True, allow_null=True)
    website = serializers.CharField(read_only=True)
    links = PageLinks()

    class Meta:
        model = LocalAuthority
        fields = [
            "id",
            "name",
            "classification",
            "identifiers",
            "department",
            "region",
            "website",
            "links",
        ]

    @extend_schema_field(IdentifierSerializer(many=True))
    def get_identifiers(self, authority):
        return portal_identifiers(authority.slug, SCHEME_INSEE, authority.insee_code)


class ForeignAuthoritySerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="pk", read_only=True)
    name = french("name")
    name_en = english("name")
    kind = vocabulary(ForeignAuthority.Kind.values)
    area_id = serializers.CharField(source="country.code", read_only=True, allow_null=True)

    class Meta:
        model = ForeignAuthority
        fields = ["id", "name", "name_en", "kind", "area_id"]


class AgreementSerializer(serializers.ModelSerializer):
    """A cooperation agreement between French and foreign authorities."""

    id = serializers.CharField(source="slug", read_only=True)
    kind = vocabulary(Agreement.Kind.values)
    state = vocabulary(Agreement.State.values)
    signed_on = serializers.DateField(read_only=True, allow_null=True)
    signed_precision = vocabulary(Agreement.Precision.values)
    end_date = serializers.DateField(read_only=True, allow_null=True)
    renewed_on = serializers.DateField(read_only=True, allow_null=True)
    themes = serializers.ListField(child=serializers.CharField(), read_only=True)
    summary = french("summary")
    summary_en = english("summary")
    french_authority_ids = serializers.SerializerMethodField()
    foreign_authorities = ForeignAuthoritySerializer(many=True, read_only=True)
    source_url = serializers.CharField(read_only=True)
    links = PageLinks()

    class Meta:
        model = Agreement
        fields = [
            "id",
            "kind",
            "state",
            "signed_on",
            "signed_precision",
            "end_date",
            "renewed_on",
            "themes",
            "summary",
            "summary_en",
            "french_authority_ids",
            "foreign_authorities",
            "source_url",
            "links",
        ]

    def get_french_authority_ids(self, agreement) -> list[str]:
        """The ``authorities`` ids of its French parties."""
        return [authority.slug for authority in agreement.french_authorities.all()]


class RemovalSerializer(serializers.Serializer):
    """A tombstone: ``id`` of ``resource`` is no longer public since ``removed_at``."""

    resource = serializers.CharField()
    id = serializers.CharField(source="object_id")
    removed_at = PopoloDateTime()
