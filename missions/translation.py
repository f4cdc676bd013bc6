from modeltranslation.translator import TranslationOptions
from modeltranslation.translator import register

from .models import Colloquium
from .models import Mission
from .models import Partner
from .models import Reception


@register(Partner)
class PartnerTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Mission)
class MissionTranslationOptions(TranslationOptions):
    fields = ("title", "purpose", "programme")


@register(Reception)
class ReceptionTranslationOptions(TranslationOptions):
    fields = ("title", "head_of_delegation", "description")


@register(Colloquium)
class ColloquiumTranslationOptions(TranslationOptions):
    fields = ("title", "venue", "summary", "programme", "speakers")
