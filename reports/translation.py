from modeltranslation.translator import TranslationOptions, register

from .models import NewsItem, Report


@register(Report)
class ReportTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = ("fr",)


@register(NewsItem)
class NewsItemTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")
    required_languages = ("fr",)
