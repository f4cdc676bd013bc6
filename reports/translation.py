from modeltranslation.translator import TranslationOptions
from modeltranslation.translator import register

from .models import NewsItem
from .models import Report


@register(Report)
class ReportTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = ("fr",)


@register(NewsItem)
class NewsItemTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = ("fr",)
