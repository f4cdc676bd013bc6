from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import CompactInlineMixin
from core.admin import CountColumn
from core.admin import ParentLoadedFormSet
from core.admin import PublishableAdmin
from core.admin import check_conditional_unique
from core.admin import kept_forms
from core.admin import year_list_filter

from .models import Colloquium
from .models import Mission
from .models import MissionParticipant
from .models import Partner
from .models import Reception


@admin.register(Partner)
class PartnerAdmin(PublishableAdmin):
    list_display = ["name", "acronym", "kind", "website", "colloquium_count"]
    list_filter = ["kind"]
    search_fields = ["name_fr", "name_en", "acronym", "slug"]
    prepopulated_fields = {"slug": ["name_fr"]}
    fieldsets = [
        (None, {"fields": ["name", "acronym", "slug", "kind", "website", "logo"]}),
        (_("Content"), {"fields": ["description"]}),
        PublishableAdmin.publication_fieldset,
    ]

    colloquium_count = CountColumn(_("colloquia"), "colloquia")


class DelegationFormSet(ParentLoadedFormSet):
    def clean(self):
        # Before super().clean(), whose duplicate check stops at the first error.
        check_conditional_unique(
            kept_forms(self),
            [
                (lambda p: p.is_leader, lambda p: None, _("A delegation has only one leader.")),
                (
                    lambda p: True,
                    lambda p: p.senator_id,
                    _("This senator is already in the delegation."),
                ),
            ],
        )
        super().clean()


class DelegationInline(CompactInlineMixin, admin.TabularInline):
    model = MissionParticipant
    formset = DelegationFormSet
    fields = ["senator", "is_leader"]
    autocomplete_fields = ["senator"]
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("senator")


@admin.register(Mission)
class MissionAdmin(PublishableAdmin):
    list_display = ["title", "group", "start_date", "end_date", "progress", "delegation_size"]
    list_filter = [
        "progress",
        "group__kind",
        "countries__zone",
        year_list_filter("start_date"),
    ]
    list_select_related = ["group"]
    search_fields = ["title_fr", "title_en", "purpose_fr", "purpose_en", "slug"]
    autocomplete_fields = ["group", "countries"]
    prepopulated_fields = {"slug": ["title_fr"]}
    date_hierarchy = "start_date"
    inlines = [DelegationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "group", "countries"]}),
        (_("Dates"), {"fields": ["start_date", "end_date", "progress"]}),
        (_("Content"), {"fields": ["purpose", "programme"]}),
        PublishableAdmin.publication_fieldset,
    ]

    delegation_size = CountColumn(_("delegation"), "delegation", distinct=True)


@admin.register(Reception)
class ReceptionAdmin(PublishableAdmin):
    list_display = ["title", "group", "country", "date", "head_of_delegation"]
    list_filter = ["group__kind", "country__zone", year_list_filter("date")]
    list_select_related = ["group", "country"]
    search_fields = [
        "title_fr",
        "title_en",
        "head_of_delegation_fr",
        "head_of_delegation_en",
        "slug",
    ]
    autocomplete_fields = ["group", "country"]
    prepopulated_fields = {"slug": ["title_fr"]}
    date_hierarchy = "date"
    fieldsets = [
        (None, {"fields": ["title", "slug", "group", "country", "date", "head_of_delegation"]}),
        (_("Content"), {"fields": ["description"]}),
        PublishableAdmin.publication_fieldset,
    ]


@admin.register(Colloquium)
class ColloquiumAdmin(PublishableAdmin):
    list_display = ["title", "kind", "start_at", "venue", "partner_count"]
    list_filter = ["kind", "partners", year_list_filter("start_at")]
    search_fields = ["title_fr", "title_en", "summary_fr", "summary_en", "venue_fr", "slug"]
    autocomplete_fields = ["countries", "groups", "partners"]
    prepopulated_fields = {"slug": ["title_fr"]}
    date_hierarchy = "start_at"
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "start_at", "end_at", "venue"]}),
        (_("Content"), {"fields": ["summary", "programme", "speakers", "registration_url"]}),
        (_("Related"), {"fields": ["countries", "groups", "partners"]}),
        PublishableAdmin.publication_fieldset,
    ]

    partner_count = CountColumn(_("partners"), "partners", distinct=True)
