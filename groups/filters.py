import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.filters import ListFilterSet
from core.filters import Select
from core.filters import YesNoFilter
from core.filters import menu_filter
from core.filters import name_filter
from core.filters import text_filter
from core.filters import year_filter
from core.generation import rows_for_generation
from core.i18n import translated

from .models import LETTERS
from .models import Country
from .models import FriendshipGroup
from .models import Membership
from .models import PoliticalGroup
from .models import PoliticalMembership
from .models import Senator
from .models import Zone
from .models import dissolved_q


def zones(request):
    return Zone.objects.only("slug", "name").order_by("position", "name")


def countries(request):
    return Country.objects.only("code", "name").order_by("name")


def published_groups(request):
    return FriendshipGroup.objects.published().only("slug", "name").order_by("name")


# Filters that the list pages of every app share (groups, missions, colloquia, news).


def zone_filter(field_name):
    return menu_filter(
        _("Zone"), zones, "slug", _("All zones"), label_field="name", field_name=field_name
    )


def country_filter(field_name="countries"):
    return menu_filter(
        _("Country"),
        countries,
        "code",
        _("All countries"),
        label_field="name",
        field_name=field_name,
    )


def group_filter(field_name):
    return menu_filter(
        _("Group"),
        published_groups,
        "slug",
        _("All groups"),
        label_field="name",
        field_name=field_name,
    )


class ActivityFilter(ListFilterSet):
    """By year, country and group: the lists of missions, receptions, colloquia and news.

    The filters read the fields ``date``, ``countries`` and ``groups``; a subclass names
    its model and declares again a filter whose field is named otherwise (a mission's
    ``start_date`` and its one ``group``).
    """

    q = text_filter()
    year = year_filter("date")
    country = country_filter("countries")
    group = group_filter("groups")

    class Meta:
        fields = ["q", "year", "country", "group"]


class GroupFilter(ListFilterSet):
    q = name_filter()
    zone = zone_filter("countries__zone")
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=FriendshipGroup.Kind.choices,
        empty_label=_("All kinds"),
        widget=Select,
    )
    country = country_filter()
    state = django_filters.ChoiceFilter(
        label=_("Groups"),
        choices=[("active", _("Active groups")), ("dissolved", _("Dissolved groups"))],
        empty_label=_("All groups"),
        widget=Select,
        method="filter_state",
    )

    class Meta:
        model = FriendshipGroup
        fields = ["q", "zone", "kind", "country", "state"]

    def filter_state(self, queryset, name, value):
        """Active or dissolved groups (``dissolved_q``), the latest dissolved first."""
        if value == "dissolved":
            return queryset.filter(dissolved_q()).order_by("-dissolved_on", "name")
        return queryset.exclude(dissolved_q())

    def filter_name(self, queryset, name, value):
        # Both languages: a visitor may type « Japon » on the English page.
        return queryset.matching(" ".join(value.split()))


class GroupListFilter(GroupFilter):
    """The groups list's: the active groups unless the dissolved ones are asked for."""

    state = django_filters.ChoiceFilter(
        label=_("Groups"),
        choices=[("dissolved", _("Dissolved groups"))],
        empty_label=_("Active groups"),
        widget=Select,
        method="filter_state",
    )

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("state"):
            queryset = self.filter_state(queryset, "state", "active")
        return super().filter_queryset(queryset)


def political_groups(request=None):
    """Choices: the political groups that are some senator's today, by Senate code, A–Z."""
    current = PoliticalMembership.objects.current().values("political_group")
    return rows_for_generation(
        PoliticalGroup.objects.filter(pk__in=current)
        .order_by("name")
        .values_list("senate_code", "name")
    )


def _distinct_translated(field):
    """Choices from the distinct values of a translated text field of the senators.

    The value is the French text (stable in both languages, so a filtered URL means
    the same thing on /fr/ and /en/); the label is the text in the page's language.
    """

    def choices(request=None):
        rows = (
            Senator.objects.exclude(**{f"{field}_fr": ""})
            .order_by(f"{field}_fr")
            .values_list(f"{field}_fr", translated(field))
            .distinct()
        )
        return rows_for_generation(rows)

    return choices


class SenatorFilter(ListFilterSet):
    """The senators index's filters; the API's persons endpoint uses the same."""

    q = name_filter()
    in_office = django_filters.ChoiceFilter(
        label=_("Mandate"),
        method="filter_in_office",
        choices=[("yes", _("In office")), ("no", _("Former senators"))],
        empty_label=_("All senators"),
        widget=Select,
    )
    political_group = django_filters.ChoiceFilter(
        label=_("Political group"),
        method="filter_political_group",
        choices=political_groups,
        empty_label=_("All political groups"),
        widget=Select,
    )
    constituency = django_filters.ChoiceFilter(
        label=_("Constituency"),
        field_name="constituency_fr",
        choices=_distinct_translated("constituency"),
        empty_label=_("All constituencies"),
        widget=Select,
    )
    group = menu_filter(
        _("Friendship group"),
        published_groups,
        "slug",
        _("All groups"),
        label_field="name",
        method="filter_group",
    )
    # The index's letter bar (groups/_letter_bar.html), not a menu of the form.
    letter = django_filters.ChoiceFilter(
        label=_("Initial"),
        choices=[(letter, letter) for letter in LETTERS],
        method="filter_letter",
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Senator
        fields = ["q", "in_office", "political_group", "constituency", "group", "letter"]

    def filter_letter(self, queryset, name, value: str):
        return queryset.with_initial().filter(initial=value)

    def filter_name(self, queryset, name, value):
        return queryset.matching_name(value)

    def filter_political_group(self, queryset, name, value: str):
        # Senators whose political group today (the one definition, with_political_group())
        # has this Senate code.
        return queryset.with_political_group().filter(current_political_group__id=value)

    def filter_in_office(self, queryset, name, value):
        return queryset.filter(is_active=value == "yes")

    def filter_group(self, queryset, name, value: FriendshipGroup):
        # The hint tells the API's OpenAPI schema that this parameter is not a model field.
        # Current members of the group (any role), by the one definition of "current".
        return queryset.filter(
            pk__in=Membership.objects.current().filter(group=value).values("senator")
        )


def filter_current(queryset, name, value):
    """Current rows (or past ones), by the one definition of the rows' QuerySet ``current()``."""
    if value:
        return queryset.current()
    return queryset.exclude(pk__in=queryset.model.objects.current())


def person_filter():
    return django_filters.ModelChoiceFilter(
        label=_("Senator"),
        field_name="senator",
        queryset=lambda request: Senator.objects.only("slug"),
        to_field_name="slug",
    )


def current_filter():
    return YesNoFilter(label=_("Current"), method=filter_current)


class MembershipFilter(ListFilterSet):
    """Memberships by group, senator, role and whether they are current (the API's)."""

    organization = django_filters.ModelChoiceFilter(
        label=_("Group"), field_name="group", queryset=published_groups, to_field_name="slug"
    )
    person = person_filter()
    role = django_filters.ChoiceFilter(label=_("Role"), choices=Membership.Role.choices)
    current = current_filter()

    class Meta:
        model = Membership
        fields = ["organization", "person", "role", "current"]


class PoliticalMembershipFilter(ListFilterSet):
    """Memberships of political groups by group (its Senate code, as the senators' list
    filters), senator and whether they are current (the API's)."""

    political_group = django_filters.ModelChoiceFilter(
        label=_("Political group"),
        field_name="political_group",
        queryset=lambda request: PoliticalGroup.objects.only("senate_code"),
        to_field_name="senate_code",
    )
    person = person_filter()
    current = current_filter()

    class Meta:
        model = PoliticalMembership
        fields = ["political_group", "person", "current"]
