from modeltranslation.translator import TranslationOptions
from modeltranslation.translator import register

from .models import Agreement
from .models import ForeignAuthority


# French authorities' names and the COG's are proper nouns, the same in both languages.
@register(ForeignAuthority)
class ForeignAuthorityTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Agreement)
class AgreementTranslationOptions(TranslationOptions):
    fields = ("summary", "source_label")
