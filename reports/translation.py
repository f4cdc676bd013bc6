from modeltranslation.translator import TranslationOptions
from modeltranslation.translator import register

from .models import NewsItem
from .models import Report


@register([Report, NewsItem])
class PublicationTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")
