"""The back office of friendship groups, countries, senators and their memberships.

The base classes every app's admin reuses live in core/admin.py.
"""

from django import forms
from django.contrib import admin
from django.contrib import messages
from django.contrib.admin.models import CHANGE
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin

from core.admin import CompactInlineMixin
from core.admin import CountColumn
from core.admin import LoadedChoicesForm
from core.admin import ParentLoadedFormSet
from core.admin import PublishableAdmin
from core.admin import TranslatedVersionAdmin
from core.admin import check_conditional_unique
from core.admin import kept_forms
from core.admin import year_list_filter
from core.editing import EditingAdminMixin
from core.history import note

from .models import Country
from .models import CountryLink
from .models import FriendshipGroup
from .models import GroupName
from .models import Membership
from .models import MembershipQuerySet
from .models import PoliticalGroup
from .models import PoliticalMembership
from .models import Senator
from .models import Zone
from .models import triennial_period
from .renewal import RenewalDateForm
from .renewal import RenewalFormSet
from .services import RENEWED
from .services import group_renew_bureau
from .services import groups_renew_all
from .services import groups_renewed_on
from .services import renewable_memberships

# --- Groups -------------------------------------------------------------------------


@admin.register(Zone)
class ZoneAdmin(TranslatedVersionAdmin):
    list_display = ["name", "slug", "position", "country_count"]
    list_editable = ["position"]
    search_fields = ["name_fr", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_fr"]}

    country_count = CountColumn(_("countries"), "countries")


@admin.register(Country)
class CountryAdmin(TranslatedVersionAdmin):
    list_display = ["name", "code", "zone", "has_parliament", "group_count"]
    list_filter = ["zone", "has_parliament"]
    list_select_related = ["zone"]
    search_fields = ["name_fr", "name_en", "code"]

    group_count = CountColumn(_("groups"), "groups")


class PoliticalMembershipInline(admin.TabularInline):
    model = PoliticalMembership
    formset = ParentLoadedFormSet
    fields = ["political_group", "kind", "start_date", "end_date"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("political_group")


@admin.register(PoliticalGroup)
class PoliticalGroupAdmin(EditingAdminMixin, VersionAdmin):
    list_display = ["name", "short_name", "senate_code", "created_on", "ended_on"]
    search_fields = ["name", "short_name", "senate_code"]
    readonly_fields = ["source_key", "source_date"]


@admin.register(Senator)
class SenatorAdmin(TranslatedVersionAdmin):
    list_display = ["last_name", "first_name", "civility", "constituency", "senate_id", "is_active"]
    list_display_links = ["last_name", "first_name"]
    list_filter = ["is_active", "civility"]
    search_fields = [
        "last_name",
        "first_name",
        "senate_id",
        "constituency_fr",
        "constituency_en",
    ]
    prepopulated_fields = {"slug": ["first_name", "last_name"]}
    readonly_fields = ["source_key", "source_date"]
    inlines = [PoliticalMembershipInline]


class MembershipInlineForm(LoadedChoicesForm):
    def __init__(self, *args, covered_country_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.covered_country_ids = covered_country_ids
        if self.instance.pk is None:
            # A new member joins today's triennial term (see groups.models.triennial_period).
            self.initial.setdefault("start_date", triennial_period(timezone.localdate())[0])

    def _post_clean(self):
        # Membership.clean() checks a delegate's country against the group's saved
        # countries; the group form may be adding that country in the same request.
        self.instance.covered_country_ids = self.covered_country_ids
        super()._post_clean()


class MembershipInlineFormSet(ParentLoadedFormSet):
    def clean(self):
        super().clean()
        # The database constraints' rule, not "current" (MembershipQuerySet.current_condition):
        # they forbid two open-ended rows (no end date), whatever today's date.
        open_ended = lambda m: m.end_date is None  # noqa: E731
        Role = Membership.Role
        check_conditional_unique(
            kept_forms(self),
            [
                (
                    lambda m: m.role == Role.PRESIDENT and open_ended(m),
                    lambda m: None,
                    _("This group already has a current president."),
                ),
                (
                    lambda m: m.role == Role.DELEGATE_PRESIDENT and open_ended(m),
                    lambda m: m.country_id,
                    _("This country already has a current delegate president in this group."),
                ),
                (
                    open_ended,
                    lambda m: m.senator_id,
                    _("This senator already has a current role in this group."),
                ),
            ],
        )


class MembershipInline(CompactInlineMixin, admin.TabularInline):
    """Today's term, editable; past terms below, read-only and grouped by triennial term
    (templates/admin/groups/membership_inline.html): a regional group has 15+ rows a term.
    """

    model = Membership
    form = MembershipInlineForm
    formset = MembershipInlineFormSet
    template = "admin/groups/membership_inline.html"
    fields = ["senator", "role", "rank", "country", "start_date", "end_date"]
    autocomplete_fields = ["senator", "country"]
    extra = 1

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and formfield.help_text:
            # The template writes each help text once, above the rows, with this id.
            formfield.widget.attrs["aria-describedby"] = f"memberships-help-{db_field.name}"
        return formfield

    def get_queryset(self, request):
        # The current bureau first, in the order of the roles, then the other members.
        rows = super().get_queryset(request).current().select_related("senator", "country")
        return rows.in_bureau_order(F("end_date").desc(nulls_first=True))


class GroupNameInline(CompactInlineMixin, admin.TabularInline):
    """The group's names over time (filled in by the Senate's import)."""

    model = GroupName
    fields = ["name", "short_name", "start_date", "end_date", "source_key"]
    readonly_fields = ["source_key"]
    extra = 0


class CountryLinkInline(CompactInlineMixin, admin.TabularInline):
    """The countries the group covered over time (filled in by the Senate's import)."""

    model = CountryLink
    fields = ["country", "start_date", "end_date", "source_key"]
    readonly_fields = ["source_key"]
    autocomplete_fields = ["country"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("country")


class FriendshipGroupForm(forms.ModelForm):
    def clean_countries(self):
        countries = self.cleaned_data["countries"]
        if self.instance.pk:
            # The database refuses to drop a country that still has a delegate
            # president in the group (trigger, migration 0002): say so first.
            kept = {c.pk for c in countries}
            orphaned = (
                Country.objects.filter(
                    delegate_presidencies__group=self.instance,
                    delegate_presidencies__role=Membership.Role.DELEGATE_PRESIDENT,
                    delegate_presidencies__end_date__isnull=True,
                )
                .exclude(pk__in=kept)
                .distinct()
            )
            if orphaned:
                raise forms.ValidationError(
                    _(
                        "These countries still have a delegate president in this group: "
                        "%(countries)s. Change or delete those memberships first."
                    ),
                    params={"countries": ", ".join(str(c) for c in orphaned)},
                    code="delegate_country_removed",
                )
        return countries


@admin.register(FriendshipGroup)
class FriendshipGroupAdmin(PublishableAdmin):
    form = FriendshipGroupForm
    list_display = ["name", "kind", "dissolved_on", "country_count", "member_count"]
    list_filter = ["kind", ("dissolved_on", admin.EmptyFieldListFilter), "countries__zone"]
    search_fields = ["name_fr", "name_en", "slug", "counterpart_fr", "counterpart_en"]
    autocomplete_fields = ["countries"]
    prepopulated_fields = {"slug": ["name_fr"]}
    date_hierarchy = "created_on"
    inlines = [MembershipInline]
    readonly_fields = ["senate_code", "source_key", "source_date"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "official_name",
                    "slug",
                    "kind",
                    "countries",
                    "created_on",
                    "dissolved_on",
                ]
            },
        ),
        (_("Presentation"), {"fields": ["description", "counterpart"]}),
        (_("DRIP secretariat"), {"fields": ["contact_name", "contact_email", "contact_phone"]}),
        (
            _("Senate open data"),
            {"fields": ["senate_code", "senate_url", "source_key", "source_date"]},
        ),
        PublishableAdmin.publication_fieldset,
    ]

    country_count = CountColumn(_("countries"), "countries", distinct=True)
    member_count = CountColumn(
        _("current members"),
        "memberships",
        filter=lambda: MembershipQuerySet.current_condition("memberships__"),
        distinct=True,
    )

    def get_urls(self):
        renew = self.admin_site.admin_view(self.renew_view)
        renew_all = self.admin_site.admin_view(self.renew_all_view)
        return [
            path("renew-all/", renew_all, name="groups_friendshipgroup_renew_all"),
            path("<path:object_id>/renew/", renew, name="groups_friendshipgroup_renew"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            "can_renew_all": self.has_change_permission(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, extra_context)

    def renew_all_view(self, request):
        """« Renouveler tous les bureaux » after a Senate election: every group's terms end
        the day before the date and the senators still in office stay as members, in one
        transaction (groups.services.groups_renew_all, as ``manage.py renew_bureaux``); each
        bureau is then entered on its group."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        date_form = RenewalDateForm(request.POST or request.GET or None)
        on = date_form.day()
        if request.method == "POST" and date_form.is_valid():
            renewed = groups_renew_all(on=on, user=request.user)
            members = sum(len(terms) for terms in renewed.values())
            day = date_format(on, "DATE_FORMAT")
            message = " ".join(
                [
                    ngettext(
                        "%(count)d group renewed on %(date)s.",
                        "%(count)d groups renewed on %(date)s.",
                        len(renewed),
                    )
                    % {"count": len(renewed), "date": day},
                    ngettext(
                        "%(count)d senator stays as a member.",
                        "%(count)d senators stay as members.",
                        members,
                    )
                    % {"count": members},
                ]
            )
            if renewed:
                LogEntry.objects.log_actions(
                    request.user.pk,
                    list(renewed),
                    CHANGE,
                    change_message=note(RENEWED, date=on),
                    single_object=False,
                )
            self.message_user(request, message, messages.SUCCESS)
            return redirect("../")  # the change list
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Renew every group's bureau"),
            "date_form": date_form,
            "on": on,
            "group_count": groups_renewed_on(on).count(),
        }
        return TemplateResponse(request, "admin/groups/friendshipgroup/renew_all.html", context)

    def renew_view(self, request, object_id):
        """« Renouveler le bureau »: the date, who stays and in which function, confirmed at
        once (groups.services.group_renew_bureau). A dissolved group is not offered."""
        group = self.get_object(request, unquote(object_id))
        if group is None or group.is_dissolved:
            raise Http404
        if not self.has_change_permission(request, group):
            raise PermissionDenied
        date_form = RenewalDateForm(request.POST or request.GET or None)
        on = date_form.day()
        rows = renewable_memberships(group, on)
        countries = group.countries.all()
        initial = [
            {
                "membership": m.pk,
                "stays": True,
                "role": m.role,
                "rank": m.rank,
                "country": m.country,
            }
            for m in rows
        ]
        posted = request.method == "POST" and date_form.is_valid()
        formset = RenewalFormSet(
            request.POST if posted else None,
            initial=initial,
            form_kwargs={"countries": countries},
        )
        if posted and formset.is_valid():
            by_pk = {m.pk: m for m in rows}
            shown = [f.cleaned_data["membership"] for f in formset.forms]
            if sorted(shown) != sorted(by_pk):
                formset._non_form_errors = formset.error_class(
                    [_("The members changed since the page was shown: check them again.")]
                )
            else:
                stays = [
                    (by_pk[d["membership"]], d["role"], d["rank"], d["country"])
                    for d in (f.cleaned_data for f in formset.forms)
                    if d["stays"]
                ]
                try:
                    group_renew_bureau(group=group, on=on, stays=stays, user=request.user)
                except ValidationError as exc:
                    formset._non_form_errors = formset.error_class(exc.messages)
                else:
                    message = _("Bureau renewed on %(date)s") % {
                        "date": date_format(on, "DATE_FORMAT")
                    }
                    LogEntry.objects.log_actions(
                        request.user.pk,
                        [group],
                        CHANGE,
                        change_message=note(RENEWED, date=on),
                        single_object=True,
                    )
                    self.message_user(request, message, messages.SUCCESS)
                    # The group's form, by a relative URL: groups names no admin URL.
                    return redirect("../change/")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": group,
            "title": _("Renew the bureau"),
            "date_form": date_form,
            "formset": formset,
            "rows": list(zip(rows, formset.forms, strict=False)),
            "on": on,
        }
        return TemplateResponse(request, "admin/groups/friendshipgroup/renew.html", context)

    def get_inlines(self, request, obj):
        # Names and countries over time come from the Senate's import: shown on the
        # groups it filled in.
        if obj is not None and obj.senate_code:
            return [MembershipInline, GroupNameInline, CountryLinkInline]
        return self.inlines

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, MembershipInline) and request.method == "POST":
            # The countries chosen in this same form, saved before the memberships.
            chosen = {int(v) for v in request.POST.getlist("countries") if v.isdigit()}
            kwargs["form_kwargs"] = {"covered_country_ids": chosen}
        return kwargs


@admin.register(Membership)
class MembershipAdmin(EditingAdminMixin, VersionAdmin):
    list_display = ["senator", "group", "role", "country", "start_date", "end_date"]
    list_filter = ["role", "group__kind", year_list_filter("start_date", _("start year"))]
    list_select_related = ["senator", "group", "country"]
    search_fields = [
        "senator__last_name",
        "senator__first_name",
        "group__name_fr",
        "group__name_en",
    ]
    autocomplete_fields = ["senator", "group", "country"]
    date_hierarchy = "start_date"
