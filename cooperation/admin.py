from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from core.admin import CountColumn
from core.admin import CountColumnsMixin
from core.admin import PublishableAdmin
from core.admin import TranslatedVersionAdmin
from core.admin import year_list_filter
from core.editing import EditingAdminMixin

from .models import Agreement
from .models import Department
from .models import ForeignAuthority
from .models import LocalAuthority
from .models import Region


class ReadOnlyAdmin(VersionAdmin):
    """The COG is reference data, loaded by migration 0002: shown, searched, never edited."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Region)
class RegionAdmin(ReadOnlyAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(Department)
class DepartmentAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    list_select_related = ["region"]
    search_fields = ["name", "code"]


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(CountColumnsMixin, EditingAdminMixin, VersionAdmin):
    # No translated field (French names are proper nouns): no FR/EN tabs nor missing-English
    # column, but the same history, revert and recover as every other model.
    list_display = ["name", "kind", "insee_code", "department", "region", "agreement_count"]
    list_filter = ["kind", "region", "department__region"]
    list_select_related = ["department", "region"]
    search_fields = ["name", "insee_code", "slug"]
    autocomplete_fields = ["department", "region"]
    prepopulated_fields = {"slug": ["name"]}

    agreement_count = CountColumn(_("agreements"), "agreements")

    def view_on_site(self, obj):
        return obj.get_absolute_url()


@admin.register(ForeignAuthority)
class ForeignAuthorityAdmin(TranslatedVersionAdmin):
    list_display = ["name", "kind", "country", "agreement_count"]
    list_filter = ["kind", "country__zone"]
    list_select_related = ["country"]
    search_fields = ["name_fr", "name_en", "country__name_fr", "country__name_en"]
    autocomplete_fields = ["country"]

    agreement_count = CountColumn(_("agreements"), "agreements")


class ThemeFilter(admin.SimpleListFilter):
    title = _("theme")
    parameter_name = "theme"

    def lookups(self, request, model_admin):
        return Agreement.Theme.choices

    def queryset(self, request, queryset):
        if self.value() in Agreement.Theme.values:
            return queryset.filter(themes__contains=[self.value()])
        return queryset


class CountryFilter(admin.SimpleListFilter):
    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        countries = Agreement.objects.all().countries_reached().order_by("name")
        return [(c.code, c.name) for c in countries]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(foreign_authorities__country__code=self.value()).distinct()
        return queryset


class RegionFilter(admin.SimpleListFilter):
    title = _("région")
    parameter_name = "region"

    def lookups(self, request, model_admin):
        return [(r.code, r.name) for r in Region.objects.order_by("name")]

    def queryset(self, request, queryset):
        region = Region.objects.filter(code=self.value()).first() if self.value() else None
        if region:
            authorities = LocalAuthority.objects.in_region(region)
            return queryset.filter(french_authorities__in=authorities).distinct()
        return queryset


# Entering an agreement, an editor can add a missing authority without leaving the
# form: the "+" next to the authorities opens the authority's add form in a pop-up, and
# these inlines add one directly on the agreement's page.
class AtLeastOneInline(admin.TabularInline):
    """An agreement has at least one authority on each side."""

    extra = 0
    min_num = 1

    def get_formset(self, request, obj=None, **kwargs):
        return super().get_formset(request, obj, validate_min=True, **kwargs)


class FrenchSideInline(AtLeastOneInline):
    model = Agreement.french_authorities.through
    autocomplete_fields = ["localauthority"]
    verbose_name = _("French authority")
    verbose_name_plural = _("French authorities")


class ForeignSideInline(AtLeastOneInline):
    model = Agreement.foreign_authorities.through
    autocomplete_fields = ["foreignauthority"]
    verbose_name = _("foreign authority")
    verbose_name_plural = _("foreign authorities")


@admin.register(Agreement)
class AgreementAdmin(PublishableAdmin):
    list_display = ["slug", "kind", "signed_on", "state", "french_side", "foreign_side"]
    list_filter = [
        "kind",
        "state",
        CountryFilter,
        ThemeFilter,
        RegionFilter,
        year_list_filter("signed_on"),
    ]
    search_fields = [
        "slug",
        "summary_fr",
        "summary_en",
        "french_authorities__name",
        "foreign_authorities__name_fr",
        "foreign_authorities__name_en",
    ]
    date_hierarchy = "signed_on"
    inlines = [FrenchSideInline, ForeignSideInline]
    fieldsets = [
        (None, {"fields": ["kind", "slug"]}),
        (
            _("Dates"),
            {"fields": ["signed_on", "signed_precision", "state", "end_date", "renewed_on"]},
        ),
        (_("Content"), {"fields": ["themes", "summary"]}),
        (_("Source"), {"fields": ["source_url", "source_label", "checked_on"]}),
        PublishableAdmin.publication_fieldset,
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("french_authorities", "foreign_authorities")
        )

    @admin.display(description=_("French authorities"))
    def french_side(self, obj):
        return ", ".join(a.name for a in obj.french_authorities.all())

    @admin.display(description=_("foreign authorities"))
    def foreign_side(self, obj):
        return ", ".join(a.name for a in obj.foreign_authorities.all())
