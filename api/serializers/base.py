"""What every resource's shape is made of: the bilingual text fields, dates, links,
identifiers, and ``PopoloSerializer``, the base of the shapes with a public page."""

import functools
import re

from django.conf import settings
from django.db.models.manager import BaseManager
from django.utils import timezone
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.fields import html_to_text

LANGUAGES = ("fr", "en")


# A page of rows whose fields may first work on the whole page (``prepare(rows)``, as
# ``PageLinks`` does); the serializers whose rows have links (``PopoloSerializer``'s) list
# their rows with it.
class PageList(serializers.ListSerializer):
    def to_representation(self, data):
        rows = data.all() if isinstance(data, BaseManager) else data
        rows = rows if isinstance(rows, list) else list(rows)
        for field in self.child._readable_fields:
            if hasattr(field, "prepare"):
                field.prepare(rows)
        return [self.child.to_representation(row) for row in rows]


def vocabulary(choices, **kwargs):
    """A read-only field whose values are a model's choices: an enum in the schema."""
    return serializers.ChoiceField(choices=choices, read_only=True, **kwargs)


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


@functools.lru_cache(maxsize=512)
def plain_text(html):
    """``html_to_text(html)``, kept for the last 512 texts (two pages of 200 rows in both
    languages): parsing the HTML again at each request was a seventh of a page of groups'
    CPU. Keyed by the text itself, so an edited text is parsed afresh. Organizations (page
    size 50) 19.7 -> 17.2 ms of CPU (bench/cputime.py's API rows, 10× data, load 3.5,
    2026-12-07; the receptions' shorter texts showed no difference)."""
    return html_to_text(html)


@extend_schema_field({"type": "string", "description": PLAIN_NOTE})
class FrenchPlainText(FrenchText):
    def to_representation(self, value):
        return plain_text(value)


@extend_schema_field({"type": "string", "nullable": True, "description": PLAIN_NOTE})
class EnglishPlainText(EnglishText):
    def to_representation(self, value):
        return plain_text(value) or None


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


def related(obj, name):
    """The rows of ``obj``'s many-to-many relation ``name``: the list a page of the API
    loaded (``listed()``, api/views.py), otherwise the related manager's."""
    rows = obj.__dict__.get(listed_attr(name))
    return getattr(obj, name).all() if rows is None else rows


def listed_attr(name):
    return f"listed_{name}"


# A path that build_absolute_uri() leaves as it is after the scheme and host: no "//", "."
# or ".." segment, nothing to quote.
PLAIN_PATH = re.compile(r"/(?!/)(?!.*/\.\.?/)[A-Za-z0-9/_.~%-]*\Z")


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

    def prepare(self, rows):
        """The links of a whole page of rows (``PageList``): one ``translation.override()``
        per language rather than per row and language, and the site's address built once
        (``build_absolute_uri()`` only puts it before a plain path).

        Page size 50, ms of CPU: organizations 18.7 -> 17.2, news 16.7 -> 14.6, colloquia
        19.8 -> 16.5, missions 27.0 -> 25.5, reports 19.8 -> 18.5 (bench/cputime.py's API
        rows, 10× data, load 3.5, 2026-12-07)."""
        site = absolute(self.context, "/")[:-1]
        self.page = {}
        for language in LANGUAGES:
            with translation.override(language):
                for obj in rows:
                    path = obj.get_absolute_url()
                    url = site + path if PLAIN_PATH.match(path) else absolute(self.context, path)
                    link = {"url": url, "note": f"web page ({language})"}
                    self.page.setdefault(id(obj), []).append(link)

    def to_representation(self, obj):
        links = getattr(self, "page", {}).get(id(obj))
        if links is not None:
            return links
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


@extend_schema_field(IdentifierSerializer(many=True))
class PortalIdentifiers(serializers.Field):
    """Popolo ``identifiers``: the portal's slug, then the source's own code (the attribute
    ``code``) under ``scheme`` when there is one."""

    def __init__(self, scheme, code, **kwargs):
        self.scheme, self.code = scheme, code
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, obj):
        identifiers = [{"scheme": SCHEME_PORTAL, "identifier": obj.slug}]
        if code := getattr(obj, self.code):
            identifiers.append({"scheme": self.scheme, "identifier": code})
        return identifiers


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

    class Meta:
        list_serializer_class = PageList  # the links of a whole page at once

    def get_organization_id(self, obj) -> str | None:
        # The group when the public may see it (``with_public("group")``), else None.
        return obj.public_group.slug if obj.public_group else None

    def get_organization_ids(self, obj) -> list[str]:
        return [group.slug for group in related(obj, "groups")]

    def get_area_ids(self, obj) -> list[str]:
        return [country.code for country in related(obj, "countries")]


class RemovalSerializer(serializers.Serializer):
    """A tombstone: ``id`` of ``resource`` is no longer public since ``removed_at``."""

    resource = serializers.CharField()
    id = serializers.CharField(source="object_id")
    removed_at = PopoloDateTime()
