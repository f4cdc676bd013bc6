from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ViewOnlyMixin

from .models import OutgoingMessage


@admin.register(OutgoingMessage)
class OutgoingMessageAdmin(ViewOnlyMixin, admin.ModelAdmin):
    """Read only: what the site sent or will send, and why a message has not left yet."""

    deletable = False

    list_display = ["subject", "recipient_list", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject"]
    date_hierarchy = "created_at"
    fields = [
        "status",
        "subject",
        "from_email",
        "recipient_list",
        "created_at",
        "attempts",
        "next_attempt_at",
        "last_error",
        "sent_at",
        "body",
    ]

    @admin.display(description=_("recipients"))
    def recipient_list(self, obj):
        return ", ".join(obj.recipients)

    @admin.display(description=_("message"))
    def body(self, obj):
        return obj.text()

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.resolver_match and request.resolver_match.url_name.endswith("_changelist"):
            queryset = queryset.defer("raw")  # the whole message: only its own page shows it
        return queryset
