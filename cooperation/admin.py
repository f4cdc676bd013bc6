import reversion
from django import forms
from django.contrib import admin
from django.contrib import messages
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin

from core.admin import CountColumn
from core.admin import CountColumnsMixin
from core.admin import PublishableAdmin
from core.admin import TranslatedVersionAdmin
from core.admin import ViewOnlyMixin
from core.admin import year_list_filter
from core.editing import EditingAdminMixin

from . import services
from .models import Agreement
from .models import AuthorityDataset
from .models import Declaration
from .models import Department
from .models import ForeignAuthority
from .models import LocalAuthority
from .models import Region


class ReadOnlyAdmin(ViewOnlyMixin, VersionAdmin):
    """The COG is reference data, loaded by migration 0002: shown, searched, never edited."""

    deletable = False


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


@admin.register(AuthorityDataset)
class AuthorityDatasetAdmin(ReadOnlyAdmin):
    """Each load of the authorities (``load_authorities``): which version, when."""

    list_display = ["source", "version", "vintage", "loaded_at"]


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


class DeclarationAdminForm(forms.ModelForm):
    """The declaration, editable, and DRIP's decision on it (cooperation.services)."""

    # Its choice lists have no empty option (a declaration always has a kind and a
    # level), which HTML forbids on a « required » select.
    use_required_attribute = False

    decision = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("", _("None yet")),
            ("accept", _("Accept: create and publish the agreement")),
            ("merge", _("Merge into an existing agreement")),
            ("refuse", _("Refuse (give the reason)")),
        ],
    )
    merge_into = forms.ModelChoiceField(
        label=_("Agreement to merge into"),
        queryset=Agreement.objects.none(),
        required=False,
        to_field_name="slug",
        widget=forms.TextInput,
        help_text=_("Its slug (see the possible duplicates)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["merge_into"].queryset = Agreement.objects.all()

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        if decision and self.instance.status != Declaration.Status.CONFIRMED:
            raise forms.ValidationError(
                _("Only a declaration confirmed by its declarant can be decided on.")
            )
        if decision == "merge" and not cleaned.get("merge_into"):
            self.add_error("merge_into", _("Give the agreement to merge into."))
        if decision == "refuse" and not (cleaned.get("refusal_reason") or "").strip():
            self.add_error("refusal_reason", _("Give the reason, which the declarant is told."))
        return cleaned


@admin.register(Declaration)
class DeclarationAdmin(VersionAdmin):
    form = DeclarationAdminForm
    list_display = ["__str__", "partner_country", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["authority", "partner_country"]
    search_fields = ["partner_name", "authority__name", "declarant_email", "declarant_name"]
    autocomplete_fields = ["authority", "partner_country"]
    readonly_fields = [
        "status",
        "duplicates",
        "created_at",
        "confirmed_at",
        "decided_at",
        "agreement",
        "language",
    ]
    fieldsets = [
        (None, {"fields": ["status", "duplicates"]}),
        (
            _("Declared cooperation"),
            {"fields": ["authority", *Declaration.DECLARED_FIELDS]},
        ),
        (
            _("Declarant"),
            {"fields": ["declarant_name", "declarant_role", "declarant_email", "language"]},
        ),
        (
            _("Decision"),
            {
                "fields": [
                    "decision",
                    "merge_into",
                    "refusal_reason",
                    "created_at",
                    "confirmed_at",
                    "decided_at",
                    "agreement",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        return False  # declarations come from the public form

    @admin.display(description=_("Possible duplicates"))
    def duplicates(self, obj):
        if obj.pk is None:
            return "—"
        site = self.admin_site.name  # as ModelAdmin reverses its own URLs
        agreements = [
            format_html(
                '<li><a href="{}">{}</a> ({}, {}) · {}</li>',
                reverse(f"{site}:cooperation_agreement_change", args=[a.pk]),
                a.title,
                a.get_kind_display(),
                a.signed_on.year,
                a.slug,
            )
            for a in obj.possible_duplicates()
        ]
        declarations = [
            format_html(
                '<li><a href="{}">{}</a> ({})</li>',
                reverse(f"{site}:cooperation_declaration_change", args=[d.pk]),
                _("Declaration of %(date)s") % {"date": date_format(d.created_at.date())},
                d.get_status_display(),
            )
            for d in obj.similar_declarations()
        ]
        if not agreements and not declarations:
            return _("None: no agreement nor declaration with this authority and partner.")
        return format_html("<ul>{}</ul>", mark_safe("".join(agreements + declarations)))

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        decision = form.cleaned_data.get("decision")
        if decision == "accept":
            agreement = services.declaration_accept(declaration=obj, user=request.user)
            self.message_user(
                request,
                format_html(
                    gettext('Accepted: the agreement <a href="{}">{}</a> is published.'),
                    agreement.get_absolute_url(),
                    agreement.slug,
                ),
                messages.SUCCESS,
            )
        elif decision == "merge":
            services.declaration_merge(
                declaration=obj, agreement=form.cleaned_data["merge_into"], user=request.user
            )
        elif decision == "refuse":
            services.declaration_refuse(
                declaration=obj, reason=obj.refusal_reason, user=request.user
            )
        if decision and reversion.is_active():
            # The service named the step (« Acceptée : accord publié »): the history and
            # the admin's log keep that name rather than a list of changed fields.
            obj.decision_comment = reversion.get_comment()

    def log_change(self, request, obj, message):
        return super().log_change(request, obj, getattr(obj, "decision_comment", message))
