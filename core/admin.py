"""The admin base classes every app reuses.

``PublishableAdmin`` is the base for anything with a draft/published state
(groups, missions, receptions, colloquia, reports, news); ``TranslatedVersionAdmin``
is the same without the publication tools (zones, countries, senators, partners).
Both give FR/EN tabs (modeltranslation), history, revert and recover-deleted
(django-reversion), and a column and a filter for records that still lack English.
``CountColumn`` declares a sortable column that counts a row's related objects.
"""

from django import forms
from django.contrib import admin
from django.contrib import messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.db.models import BooleanField
from django.db.models import Count
from django.db.models import ExpressionWrapper
from django.db.models import Func
from django.db.models import IntegerField
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact
from django.db.models.lookups import GreaterThan
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from js_asset.media import Media as NonceMedia
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.translator import translator
from reversion.admin import VersionAdmin

from .editing import EditingAdminMixin
from .editing import EditingInlineMixin
from .filters import YEARS
from .filters import year_filter
from .models import Publishable
from .services import content_set_status

admin.site.site_header = _("Senate friendship groups")
admin.site.site_title = _("Senate friendship groups")
admin.site.index_title = _("Back office")

# The <style> element that Tiptap (in django-prose-editor 0.28.0) injects. Another
# version of the editor changes it: tests/test_backoffice_editor.py then fails, and
# Chromium's console gives the new hash.
EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"

# --- English translation tracking -------------------------------------------------


def translated_field_names(model):
    """The model's fields registered with modeltranslation (name, title, ...)."""
    return list(translator.get_options_for_model(model).all_fields)


class OctetLength(Func):
    """PostgreSQL's octet_length(): the size of a text read from its header, so a long text
    stored compressed (a report's body) is not decompressed to learn whether it is empty."""

    function = "OCTET_LENGTH"
    output_field = IntegerField()


def missing_english_q(model):
    """A translated field has French text but no English: the filter and the column.

    Emptiness is tested on octet_length(), not with ``> ''`` or ``= ''``, which decompress
    every body: the dashboard's count of the reports to translate at 100,000 reports took
    779–1,000 ms that way, 158–242 ms with octet_length() (the same count; psql, load
    average 16, 2026-12-06).
    """
    condition = Q()
    for name in translated_field_names(model):
        # NULL counts as empty, and never makes the condition NULL (exclude() relies on it).
        french, english = (Coalesce(OctetLength(f"{name}_{lang}"), 0) for lang in ("fr", "en"))
        condition |= Q(GreaterThan(french, 0)) & Q(Exact(english, 0))
    return condition


class EnglishTranslationFilter(admin.SimpleListFilter):
    title = _("English translation")
    parameter_name = "english"

    def lookups(self, request, model_admin):
        return [("missing", _("Missing")), ("complete", _("Complete"))]

    def queryset(self, request, queryset):
        if self.value() == "missing":
            return queryset.filter(missing_english_q(queryset.model))
        if self.value() == "complete":
            return queryset.exclude(missing_english_q(queryset.model))
        return queryset


def year_list_filter(field_name, title=None):
    """The admin's list filter on core.filters.year_filter, offering the years with rows."""

    class YearFilter(admin.SimpleListFilter):
        parameter_name = "year"

        def lookups(self, request, model_admin):
            years = model_admin.get_queryset(request).dates(field_name, "year", order="DESC")
            return [(str(d.year), str(d.year)) for d in years]

        def queryset(self, request, queryset):
            value = self.value()
            if value and value.isdigit() and int(value) in YEARS:
                return year_filter(field_name).filter(queryset, int(value))
            return queryset

    YearFilter.title = title or _("year")
    return YearFilter


# --- Count columns ------------------------------------------------------------------


class CountColumn:
    """A changelist column counting each row's related objects, sortable by the count.

    ``country_count = CountColumn(_("countries"), "countries")`` on a model admin, and
    "country_count" in its ``list_display``; further arguments go to ``Count()``
    (``distinct=True``, ``filter=Q(...)`` or a function returning one, read for each list).
    ``CountColumnsMixin`` (in both base classes below) annotates the counts on the list's
    query: no query per row.
    """

    def __init__(self, description, relation, **count_options):
        self.short_description = description
        self.relation = relation
        self.count_options = count_options

    @property
    def count(self):
        # Built for each list, so that a ``filter`` given as a function (today's date)
        # is read then, not when the class is defined.
        options = {k: v() if callable(v) else v for k, v in self.count_options.items()}
        return Count(self.relation, **options)

    def __set_name__(self, owner, name):
        self.name = self.admin_order_field = name

    def __call__(self, obj):
        return getattr(obj, self.name)


class CountColumnsMixin:
    """Annotates the counts of the ``CountColumn``s that ``list_display`` shows."""

    def get_queryset(self, request):
        columns = [getattr(self, name, None) for name in self.list_display if isinstance(name, str)]
        counts = {
            column.name: column.count for column in columns if isinstance(column, CountColumn)
        }
        return super().get_queryset(request).annotate(**counts)


# --- Base classes -------------------------------------------------------------------


class ViewOnlyMixin:
    """Rows staff see and never add or change by hand: reference data, logs, what the site
    sent. ``deletable = False`` where they may not delete them either.

    Refusing the change makes Django show every field read-only (and leave them all out of
    the form), so ``fields`` lists what the page shows, the admin's own display methods
    among them, and no ``readonly_fields`` repeats it."""

    deletable = True

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.deletable and super().has_delete_permission(request, obj)


class TranslatedVersionAdmin(
    CountColumnsMixin, EditingAdminMixin, VersionAdmin, TabbedTranslationAdmin
):
    """FR/EN tabs, history and recovery, and the missing-English column and filter.

    EditingAdminMixin (core/editing.py) refuses stale saves, turns races into form
    errors and keeps deleted objects recoverable.

    VersionAdmin comes first so that its change list template (with the "Recover
    deleted" link) and its revision-wrapped views are used; TabbedTranslationAdmin
    adds the tabbed form and its Media (jQuery UI is served from static/vendor/).
    """

    list_per_page = 50

    class Media:
        # Names for unlabelled controls and the rich-text editors (see the file).
        js = ["core/admin-a11y.js"]

    def get_queryset(self, request):
        # The column reads this flag rather than every translated field of every row
        # (a report's body, in French and English, would be loaded for one tick).
        flag = ExpressionWrapper(missing_english_q(self.model), output_field=BooleanField())
        return super().get_queryset(request).annotate(english_missing=flag)

    @admin.display(boolean=True, description=_("English"), ordering="english_missing")
    def english_complete(self, obj):
        return not obj.english_missing

    def get_list_display(self, request):
        return [*super().get_list_display(request), "english_complete"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), EnglishTranslationFilter]

    def view_on_site(self, obj):
        if hasattr(obj, "get_absolute_url"):
            return obj.get_absolute_url()
        return None

    def render_change_form(self, request, context, *args, **kwargs):
        # The rich-text editor's modules find each other through an import map, which
        # can only be an inline <script>; the CSP allows it through this request's nonce
        # (no 'unsafe-inline'). The nonce is sent only when a page renders it.
        media = context.get("media")
        if not isinstance(media, NonceMedia):  # js_asset's Media carries the import map
            return super().render_change_form(request, context, *args, **kwargs)
        context["media"] = media.with_nonce(request.csp_nonce)
        response = super().render_change_form(request, context, *args, **kwargs)
        # The editor (Tiptap) also injects one <style> element: allowed by its hash, on
        # these pages only (django-csp reads _csp_update).
        response._csp_update = {"style-src": [EDITOR_STYLE_HASH]}
        return response


class PublishableAdmin(TranslatedVersionAdmin):
    """For models built on ``Publishable``: status column, filter and publish actions."""

    actions = ["publish", "unpublish"]
    publication_fieldset = (
        _("Publication"),
        {"fields": ("status", "published_at")},
    )

    def get_list_display(self, request):
        display = list(super().get_list_display(request))
        display.insert(-1, "status")
        return display

    def get_list_filter(self, request):
        return ["status", *super().get_list_filter(request)]

    def view_on_site(self, obj):
        # A draft has no public page yet: the public site answers 404 for it.
        if obj.is_published:
            return super().view_on_site(obj)
        return None

    def _set_status(self, request, queryset, status):
        changed = content_set_status(items=queryset, status=status)
        for obj in changed:
            self.log_change(request, obj, [{"changed": {"fields": ["status"]}}])
        return len(changed)

    @admin.action(description=_("Publish the selected items"), permissions=["change"])
    def publish(self, request, queryset):
        changed = self._set_status(request, queryset, Publishable.Status.PUBLISHED)
        self.message_user(
            request,
            ngettext("%(count)d item published.", "%(count)d items published.", changed)
            % {"count": changed},
            messages.SUCCESS,
        )

    @admin.action(description=_("Unpublish the selected items"), permissions=["change"])
    def unpublish(self, request, queryset):
        changed = self._set_status(request, queryset, Publishable.Status.DRAFT)
        self.message_user(
            request,
            ngettext(
                "%(count)d item returned to draft.", "%(count)d items returned to draft.", changed
            )
            % {"count": changed},
            messages.SUCCESS,
        )


def check_conditional_unique(forms_, constraints):
    """Check UniqueConstraints with a condition across the rows of an inline formset.

    The database enforces them, but Django's forms skip them in inlines (the parent's
    foreign key is excluded from validation), so an editor would get a server error.
    ``constraints`` is a list of (predicate, key, message): two kept rows for which
    predicate() is true and whose key() is equal break the rule.
    """
    for predicate, key, message in constraints:
        seen = {}
        for form in forms_:
            obj = form.instance
            if not predicate(obj):
                continue
            k = key(obj)
            if k in seen:
                form.add_error(None, message)
            seen[k] = form


def kept_forms(formset):
    return [
        form
        for form in formset.forms
        if form.is_valid()
        and (form.has_changed() or form.instance.pk)
        and not formset._should_delete_form(form)
    ]


# --- Inline rows -------------------------------------------------------------------


class LabelledAutocompleteSelect(AutocompleteSelect):
    """The admin's autocomplete, whose blank choice has a text: HTML forbids an empty
    <option> without a label (the W3C validator reports it); the widget still shows
    its placeholder.

    ``loaded`` holds the objects the form already has (its row's senator, loaded by the
    inline's ``select_related``): Django's widget runs one query per row to label the
    selected value, 30 queries for a 30-member delegation; these need none.
    """

    loaded = {}

    def create_option(self, name, value, label, *args, **kwargs):
        return super().create_option(name, value, label or "—", *args, **kwargs)

    def optgroups(self, name, value, attr=None):
        selected = {str(v) for v in value if str(v) not in self.choices.field.empty_values}
        if not selected or not selected <= self.loaded.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required:
            options.append(self.create_option(name, "", "", False, 0))
        for pk in sorted(selected):
            obj = self.loaded[pk]
            label = self.choices.field.label_from_instance(obj)
            options.append(self.create_option(name, obj.pk, label, selected, len(options)))
        return [(None, options, 0)]


class LoadedChoicesForm(forms.ModelForm):
    """An inline row whose autocompletes label its saved value from the row itself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            return
        for name, field in self.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # inside the wrapper
            if not isinstance(widget, LabelledAutocompleteSelect):
                continue
            descriptor = self.instance._meta.get_field(name)
            if descriptor.is_cached(self.instance):
                obj = descriptor.get_cached_value(self.instance)
                if obj is not None:
                    widget.loaded = {str(obj.pk): obj}


class ParentLoadedFormSet(forms.BaseInlineFormSet):
    """Each row's link to the record being edited is that record, already in memory:
    the inline's title of a row (``str(row)``, e.g. « senator — group ») would otherwise
    load the parent once a row. Django's ``save_new()`` sets the same link."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        self.fk.set_cached_value(form.instance, self.instance)
        return form


def without_related_links(formfield):
    """Drop the add/change/delete/view icons next to a select: rows stay narrow."""
    widget = getattr(formfield, "widget", None)
    if isinstance(widget, RelatedFieldWidgetWrapper):
        widget.can_add_related = widget.can_change_related = False
        widget.can_delete_related = widget.can_view_related = False
    return formfield


class CompactInlineMixin(EditingInlineMixin):
    """Narrow rows, autocompletes that cost no query a row (``LoadedChoicesForm``, with
    the inline's ``select_related``); and, for every inline, the version check of
    core/editing.py."""

    form = LoadedChoicesForm
    formset = ParentLoadedFormSet

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = LabelledAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        return without_related_links(super().formfield_for_dbfield(db_field, request, **kwargs))
