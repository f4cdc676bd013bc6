from modeltranslation.translator import TranslationOptions
from modeltranslation.translator import register

from .models import LegalPage


@register(LegalPage)
class LegalPageTranslationOptions(TranslationOptions):
    fields = ("title", "body")
