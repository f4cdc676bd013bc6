"""Decentralized cooperation: French local authorities and their agreements."""

from rest_framework import serializers

from cooperation.models import Agreement
from cooperation.models import ForeignAuthority
from cooperation.models import LocalAuthority

from .base import SCHEME_INSEE
from .base import PopoloSerializer
from .base import PortalIdentifiers
from .base import english
from .base import french
from .base import related
from .base import vocabulary


class LocalAuthoritySerializer(PopoloSerializer):
    """A French local authority party to a published agreement, as a Popolo organization
    (``classification``: region, department, commune, intercommunality, overseas)."""

    name = serializers.CharField(read_only=True)
    classification = vocabulary(LocalAuthority.Kind.values, source="kind")
    identifiers = PortalIdentifiers(SCHEME_INSEE, "insee_code")
    department = serializers.CharField(source="department.code", read_only=True, allow_null=True)
    region = serializers.CharField(source="region_code", read_only=True, allow_null=True)
    website = serializers.CharField(read_only=True)

    class Meta(PopoloSerializer.Meta):
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


class ForeignAuthoritySerializer(serializers.ModelSerializer):
    id = serializers.CharField(source="pk", read_only=True)
    name = french("name")
    name_en = english("name")
    kind = vocabulary(ForeignAuthority.Kind.values)
    area_id = serializers.CharField(source="country.code", read_only=True, allow_null=True)

    class Meta:
        model = ForeignAuthority
        fields = ["id", "name", "name_en", "kind", "area_id"]


class AgreementSerializer(PopoloSerializer):
    """A cooperation agreement between French and foreign authorities."""

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

    class Meta(PopoloSerializer.Meta):
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
        return [authority.slug for authority in related(agreement, "french_authorities")]
