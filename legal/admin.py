from django.contrib import admin

from core.admin import TranslatedVersionAdmin

from .models import LegalPage


@admin.register(LegalPage)
class LegalPageAdmin(TranslatedVersionAdmin):
    """The three pages exist from the start (migration 0002): staff edit, never add or delete."""

    list_display = ["title", "kind", "updated_at"]
    fields = ["title", "body"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
