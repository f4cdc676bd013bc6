"""Filter helpers the list pages of every app share: menus, years, names, query parameters."""

from html import escape

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from . import generation
from .i18n import translated


class Select(forms.Select):
    """Django's Select, rendered in Python: the same HTML, a few times faster.

    Django renders each <option> through a template of its own, and the country and
    group lists have hundreds. It pays on every list page with filters: with Django's
    Select instead, CPU time per page at 10× data went up from 27 to 41 ms (reports
    list), 19 to 33 ms (news), 24 to 38 ms (missions), 22.5 to 30 ms (groups), the
    HTML being the same (bench/ab.py A/B runs back to back, 2026-12-01). Grouped
    choices (none here) go through Django's own code.

    Each option is escaped by the standard library's ``html.escape`` (what Django's
    ``escape`` calls) rather than through ``format_html``, whose lazy-string and
    ``conditional_escape`` wrappers cost 3 calls per value: the senators list's
    constituency menu (605 options) took 13.7 ms of CPU to render, 7.3 ms so
    (10× data, load 10, 2026-12-07).
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        options = []
        # Iterated once, as Django does: list() would ask a ModelChoiceIterator for
        # its len(), a COUNT query.
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):
                return super().render(name, value, attrs, renderer)
            option_value = "" if option_value is None else str(option_value)
            is_selected = option_value in selected
            if is_selected:
                selected = ()  # only the first match, as Django's Select does
            options.append(
                f'\n  <option value="{_escaped(option_value)}"{" selected" if is_selected else ""}>'
                f"{_escaped(label)}</option>\n"
            )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe("".join(options)),  # each value and label escaped above
        )


def _escaped(text):
    """conditional_escape(text) as a plain str: the standard library's escape, which
    Django's calls, without its wrappers, for hundreds of options per menu."""
    return text.__html__() if hasattr(text, "__html__") else escape(str(text))


class MenuSelect(Select):
    """A menu of model rows (menu_filter) from ``values_list(key, label)``: no model instance.

    The label is the row's ``label_field`` in the page's language with modeltranslation's
    fallback (core.i18n.translated), which is what ``str()`` of those rows gives. The
    reports list's country menu built 249 Country instances per request, the senators
    list's group menu 310 groups: [figure in docs/benchmark.md, bench/cputime.py].
    Its rows are read once per content generation (core.generation.rows_for_generation).
    """

    def __init__(self, attrs=None, label_field="name"):
        super().__init__(attrs)
        self.label_field = label_field

    def render(self, name, value, attrs=None, renderer=None):
        iterator = self.choices
        field = iterator.field
        rows = generation.rows_for_generation(
            iterator.queryset.values_list(field.to_field_name or "pk", translated(self.label_field))
        )
        empty = [] if field.empty_label is None else [("", field.empty_label)]
        self.choices = [*empty, *rows]
        try:
            return super().render(name, value, attrs, renderer)
        finally:
            self.choices = iterator


def query_params(*sources):
    """Declare the query parameters a view reads: names, or FilterSet classes (all their filters).

    Usage: ``@query_params(GroupFilter, "page")``. The page cache keys a page on these
    parameters only, sorted, and drops every other one before the view runs
    (senat_groups/cache.py): ``/fr/?x=123`` is the home page, not a new cache entry.
    A view must therefore declare every parameter it reads; a view that declares none
    sees none.
    """
    names = set()
    for source in sources:
        names.update(source.base_filters if isinstance(source, type) else [source])

    def decorate(view):
        view.query_params = frozenset(names)
        return view

    return decorate


# Choice lists are callables: modeltranslation turns order_by("name") into name_fr or
# name_en when the queryset is built, so it must be built during the request. They load
# only the option's value and label (hundreds of rows).


YEARS = range(1900, 2201)


def year_filter(field_name, years=None):
    """The year of a date field: the public list pages' filter, the API's, and the admin's
    (core.admin.year_list_filter filters through this one).

    A number box by default; ``years`` (a callable giving [(year, label)], built in the
    request) makes it a menu of those years, as on the reports' archive.
    """
    if years is not None:
        return django_filters.ChoiceFilter(
            label=_("Year"),
            field_name=field_name,
            lookup_expr="year",
            choices=years,
            empty_label=_("All years"),
            widget=Select,
        )
    return django_filters.NumberFilter(
        label=_("Year"),
        field_name=field_name,
        lookup_expr="year",
        min_value=YEARS.start,
        max_value=YEARS.stop - 1,
    )


def _menu_options(key, empty_label, label_field=None):
    """What makes a drop-down of rows chosen by their ``key``: a slug or a code, the same in
    both languages, so that a filtered URL means the same thing on /fr/ and /en/. Labelled by
    ``str()`` of each row, or, when it is what ``str()`` gives, by the text field
    ``label_field`` read without model instances."""
    return {
        "to_field_name": key,
        "empty_label": empty_label,
        "widget": MenuSelect(label_field=label_field) if label_field else Select,
    }


def menu_filter(label, queryset, key, empty_label, label_field=None, **kwargs):
    """A drop-down of the rows of ``queryset`` (zones, countries, groups...): ``_menu_options``."""
    return django_filters.ModelChoiceFilter(
        label=label,
        queryset=queryset,
        distinct=True,
        **_menu_options(key, empty_label, label_field),
        **kwargs,
    )


def menu_field(label, key, empty_label):
    """``menu_filter()``'s drop-down in a plain form, optional. The form gives it its rows
    during the request (in its language: modeltranslation's ``order_by``)."""
    return forms.ModelChoiceField(
        label=label, queryset=None, required=False, **_menu_options(key, empty_label)
    )


def name_filter():
    """The search box of the groups' and senators' lists; the FilterSet's ``filter_name()``
    does the search."""
    return django_filters.CharFilter(
        label=_("Name"),
        method="filter_name",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


def _matching(queryset, name, value):
    return queryset.matching(" ".join(value.split()))


def text_filter():
    """The search box of the lists of missions, colloquia, news and agreements: the rows
    that their QuerySet's ``matching()`` finds, as the site-wide search does, so that its
    « See all » link leads to the same rows."""
    return django_filters.CharFilter(
        label=_("Search"),
        method=_matching,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )


class ListFilterSet(django_filters.FilterSet):
    """The FilterSet of every public list, its CSV and its API endpoint.

    django-filter leaves out a filter whose value is invalid and returns the other
    rows: ``?country=ZZ`` gave every group, as if filtered. Here an invalid value gives
    no rows; the page shows the field's error, the CSV answers 400 with it
    (``exports.csv_response``), the API answers 400 (its filter backend checks first).
    """

    def filter_queryset(self, queryset):
        if not self.is_valid():
            return queryset.none()
        return super().filter_queryset(queryset)


# The spellings of yes and no a re-user may send (the API documents the parameter as a
# boolean); anything else is an error naming the parameter, never a filter dropped.
TRUE_WORDS = frozenset({"true", "1", "yes", "on", "oui", "vrai"})
FALSE_WORDS = frozenset({"false", "0", "no", "off", "non", "faux"})


class YesNoField(forms.Field):
    """A yes/no query parameter: the usual spellings, case-insensitive; "" means not given."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid": _("Enter true or false (or 1/0, yes/no, oui/non)."),
    }

    def to_python(self, value):
        word = (value or "").strip().lower()
        if not word:
            return None
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class YesNoFilter(django_filters.BooleanFilter):
    """django-filter's BooleanFilter reads only true/false (and the select's 2/3): any
    other value, « 1 » included, was dropped silently and the whole list answered."""

    field_class = YesNoField
