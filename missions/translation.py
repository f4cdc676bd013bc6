from modeltranslation.translator import TranslationOptions
from modeltranslation.translator import register

from .models import Colloquium
from .models import Mission
from .models import Partner
from .models import Reception


@register(Partner)
class PartnerTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("fr",)


@register(Mission)
class MissionTranslationOptions(TranslationOptions):
    fields = ("title", "purpose", "programme")
    required_languages = ("fr",)


@register(Reception)
class ReceptionTranslationOptions(TranslationOptions):
    fields = ("title", "head_of_delegation", "description")
    required_languages = ("fr",)


@register(Colloquium)
class ColloquiumTranslationOptions(TranslationOptions):
    fields = ("title", "venue", "summary", "programme", "speakers")
    required_languages = ("fr",)
