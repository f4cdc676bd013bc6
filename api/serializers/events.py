"""Events: missions abroad, delegations received, colloquia."""

from rest_framework import serializers

from missions.models import Colloquium
from missions.models import Mission
from missions.models import Reception

from .base import Classification
from .base import EnglishHTML
from .base import EnglishPlainText
from .base import FrenchHTML
from .base import FrenchPlainText
from .base import PopoloDateTime
from .base import PopoloSerializer
from .base import english
from .base import french
from .base import related
from .base import vocabulary


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

    class Meta(PopoloSerializer.Meta):
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
        return ", ".join(country.name_fr for country in related(mission, "countries"))

    def get_location_en(self, mission) -> str:
        return ", ".join(
            country.name_en or country.name_fr for country in related(mission, "countries")
        )


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

    class Meta(PopoloSerializer.Meta):
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
