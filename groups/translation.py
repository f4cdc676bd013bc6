from modeltranslation.translator import TranslationOptions
from modeltranslation.translator import register

from .models import Country
from .models import FriendshipGroup
from .models import Senator
from .models import Zone


@register(Zone)
class ZoneTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Country)
class CountryTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(FriendshipGroup)
class FriendshipGroupTranslationOptions(TranslationOptions):
    fields = ("name", "official_name", "description", "counterpart")


@register(Senator)
class SenatorTranslationOptions(TranslationOptions):
    # Names are proper nouns; these read differently in English
    # (« Français établis hors de France » / "French citizens abroad").
    fields = ("constituency",)
