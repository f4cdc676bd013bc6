from django.contrib import admin

from core.admin import ViewOnlyMixin

from .models import Subscription


@admin.register(Subscription)
class SubscriptionAdmin(ViewOnlyMixin, admin.ModelAdmin):
    """Personal data: staff see and may delete (a request to be forgotten), never edit."""

    list_display = ["email", "country", "group", "authority", "language", "confirmed_at"]
    list_select_related = ["country", "group", "authority"]
    list_filter = ["language"]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    fields = [
        "email",
        "language",
        "country",
        "group",
        "authority",
        "created_at",
        "confirmed_at",
        "last_digest_at",
    ]
