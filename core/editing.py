"""Safe editing in the back office: two editors on one record, constraint races, deletes.

**Optimistic concurrency.** Every model edited in the admin carries a ``version``
token (``core.models.Versioned``) that each save replaces. Admin forms, inline rows included,
carry the version they showed in a hidden ``seen_version`` field. When the form is
cleaned, inside the admin's transaction, the row is locked (``SELECT ... FOR UPDATE``)
and its version compared: a stale save is refused with a message that names the fields
that changed and who changed them (from django-reversion's history), and the editor's
input stays on the form. The refused form then carries the current version, so saving it
again, after checking, deliberately keeps the editor's text. A change form posted without
its version (a page opened before an update of the site, a script) is refused the same way.
A record deleted while it was edited brings the editor's input back on the add form.

**Races.** A constraint that two simultaneous saves break (two current presidents...)
ends as an ``IntegrityError`` from PostgreSQL. The admin view then runs again on the same
POST with the constraint's message as a form error: never a server error.

**Deletes.** Before an object is deleted, the admin records it in the history (with the
rows it follows: a group's memberships and countries), so that "Recover deleted" brings
it back whole, then deletes through ``delete_objects()`` in one transaction.
"""

import json

import reversion
from django import forms
from django.contrib import messages
from django.contrib.admin.models import DELETION
from django.contrib.admin.models import LogEntry
from django.contrib.admin.options import TO_FIELD_VAR
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction
from django.db.models import ProtectedError
from django.db.models import RestrictedError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_noop
from reversion.admin import VersionAdmin
from reversion.models import Version

from .history import NOISE_FIELDS
from .history import change_message
from .history import comparable as _comparable
from .history import compare
from .history import field_label as _field_label
from .history import note
from .services import delete_objects

SEEN = "seen_version"


def _user_name(user):
    if user is None:
        return gettext("an unknown editor")
    return user.get_full_name() or user.get_username()


def _followed_rows(revision, skip_ct_id):
    """{(model, object_id): serialized data} for the revision's rows of other models."""
    if revision is None:
        return {}
    return {
        (v.content_type_id, v.object_id): v.serialized_data
        for v in revision.version_set.all()
        if v.content_type_id != skip_ct_id
    }


def describe_changes(obj, seen):
    """(who, when, [what]) changed ``obj`` since its version ``seen``, from the history.

    ``what`` lists the verbose names of the fields whose values differ between the
    version the editor saw and the latest one, plus the followed rows (a group's
    memberships) that were added, changed or removed.
    """
    model = type(obj)
    history = list(
        Version.objects.get_for_object(obj).select_related("revision__user").order_by("-pk")[:50]
    )
    newer, base = [], None
    for version in history:
        try:
            number = version.field_dict.get("version")
        except Exception:  # a version the current model can no longer read
            break
        if str(number) == str(seen):
            base = version
            break
        newer.append(version)
    if not newer:
        return None, None, []
    latest = newer[0]
    who = []
    for version in reversed(newer):
        name = _user_name(version.revision.user)
        if name not in who:
            who.append(name)
    what = []
    if base is not None:
        before, after = base.field_dict, latest.field_dict
        what = [
            _field_label(model, name)
            for name in after
            if name not in NOISE_FIELDS
            and _comparable(before.get(name)) != _comparable(after.get(name))
        ]
        ct_id = ContentType.objects.get_for_model(model).pk
        rows_before = _followed_rows(base.revision, ct_id)
        rows_after = _followed_rows(latest.revision, ct_id)
        changed_types = {
            key[0]
            for key in rows_before.keys() | rows_after.keys()
            if rows_before.get(key) != rows_after.get(key)
        }
        for ct_id in sorted(changed_types):
            related = ContentType.objects.get_for_id(ct_id).model_class()
            if related is not None:
                what.append(str(related._meta.verbose_name_plural))
    return ", ".join(who), latest.revision.date_created, what


def stale_message(obj, seen):
    who, when, what = describe_changes(obj, seen)
    params = {"model": obj._meta.verbose_name, "who": who or gettext("another editor")}
    if when is not None:
        params["when"] = date_format(localtime(when), "DATETIME_FORMAT")
        text = gettext("Not saved: %(who)s changed this %(model)s (%(when)s) after you opened it.")
    else:
        text = gettext("Not saved: %(who)s changed this %(model)s after you opened it.")
    text = text % params
    if what:
        text += " " + gettext("Changed: %(fields)s.") % {"fields": ", ".join(what)}
    return f"{text} {_input_kept()}"


def unversioned_message(obj):
    text = gettext(
        "Not saved: this form did not say which version of this %(model)s it was opened on "
        "(a page opened before an update of the site, or a form built by a script), so a "
        "colleague's later changes could have been overwritten."
    ) % {"model": obj._meta.verbose_name}
    return f"{text} {_input_kept()}"


def _input_kept():
    return gettext(
        "Your input is still below: compare it with the current version (open it in "
        "another tab), then save again to keep yours."
    )


def check_version(form):
    """Lock the form's row and refuse the save if someone saved it since the form was shown.

    Runs in the admin's transaction: the lock holds until the save commits, so a second
    editor's check waits for the first save and then sees its new version.
    """
    seen = form.cleaned_data.get(SEEN)
    obj = form.instance
    if obj.pk is None:
        return  # a new row
    locked = getattr(form, "locked_versions", None)  # an inline's rows, locked at once
    if locked is not None:
        current = locked.get(obj.pk)
    else:
        current = (
            type(obj)
            ._base_manager.select_for_update()
            .filter(pk=obj.pk)
            .values_list("version", flat=True)
            .first()
        )
    if current is None:
        form.add_error(None, deleted_message(obj))
        return
    if seen is None:  # a page from before versions, or a POST built without the field
        form.add_error(None, unversioned_message(obj))
    elif current != seen:
        form.add_error(None, stale_message(obj, seen))
    else:
        return
    # Saving this form again, after reading the message, keeps the editor's input.
    data = form.data.copy()
    data[form.add_prefix(SEEN)] = current
    form.data = data


def _deletion_entry(obj):
    """The admin log's entry for the deletion of ``obj`` (None if it was not deleted there)."""
    return (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)),
            object_id=str(obj.pk),
            action_flag=DELETION,
        )
        .select_related("user")
        .order_by("-action_time")
        .first()
    )


def deleted_message(obj):
    entry = _deletion_entry(obj)
    who = _user_name(entry.user) if entry else gettext("another editor")
    return gettext(
        "This %(model)s was deleted by %(who)s after you opened the page: it cannot be "
        "saved. Tick “Delete” on this row to drop it, or add it again as a new row."
    ) % {"model": obj._meta.verbose_name, "who": who}


def deleted_object_message(obj):
    entry = _deletion_entry(obj)
    params = {
        "model": obj._meta.verbose_name,
        "who": _user_name(entry.user) if entry else gettext("another editor"),
        "recover": gettext("Recover deleted %(name)s") % {"name": obj._meta.verbose_name_plural},
    }
    return (
        gettext(
            "Not saved: %(who)s deleted this %(model)s after you opened it. Your input is below, "
            "as a new %(model)s: save to create it again, or leave this page and bring the "
            "deleted one back from the history (« %(recover)s »)."
        )
        % params
    )


class VersionCheckFormMixin:
    """Adds the version check and the race error (see ``EditingAdminMixin``) to a form."""

    save_conflict = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields[SEEN].initial = self.instance.version

    def clean(self):
        cleaned_data = super().clean()
        if self.save_conflict:
            self.add_error(None, self.save_conflict)
        check_version(self)
        return cleaned_data


def versioned_form(form_class, save_conflict=None):
    """``form_class`` with the hidden version field and the check (and, after a race, the
    message ``save_conflict``). Built for each request, as the admin builds its forms: a
    class cache keyed on the message would keep one class per conflict, forever."""
    attrs = {
        SEEN: forms.UUIDField(required=False, widget=forms.HiddenInput),
        "save_conflict": save_conflict,
        "__module__": form_class.__module__,
    }
    return type(form_class.__name__, (VersionCheckFormMixin, form_class), attrs)


class StaleRowsFormSetMixin:
    """Inline rows deleted by someone else since the page was shown get a visible error.

    Django drops such a row from the formset's queryset: the admin then pairs forms and
    rows by position (one form is no longer displayed) and fails the row's hidden ``id``
    field, which it never shows: the editor saw « Please correct the error below » and
    nothing else. Here the missing row is put back in the queryset, in its place, as its
    last state from the history (or an empty row), marked as lost; its form then shows
    the editor's input with a message saying who deleted it.
    """

    def get_queryset(self):
        if not hasattr(self, "_rows_with_lost"):
            rows = list(super().get_queryset())
            if self.is_bound:
                present = {row.pk for row in rows}
                pk_field = self.model._meta.pk
                for i in range(self.initial_form_count()):
                    raw = self.data.get(f"{self.add_prefix(i)}-{pk_field.name}")
                    try:
                        pk = pk_field.to_python(raw)
                    except ValidationError:
                        continue
                    if pk is not None and pk not in present:
                        rows.insert(min(i, len(rows)), self._lost_row(pk))
                        present.add(pk)
            self._rows_with_lost = rows
        return self._rows_with_lost

    def full_clean(self):
        # One SELECT ... FOR UPDATE for all the rows, rather than one per row.
        if self.is_bound:
            forms_ = self.initial_forms
            pks = [form.instance.pk for form in forms_ if form.instance.pk is not None]
            locked = dict(
                self.model._base_manager.select_for_update()
                .filter(pk__in=pks)
                .values_list("pk", "version")
            )
            for form in forms_:
                form.locked_versions = locked
        super().full_clean()

    def _lost_row(self, pk):
        version = Version.objects.get_for_object_reference(self.model, pk).first()
        try:
            row = version._object_version.object
        except Exception:  # no history, or a version the model can no longer read
            row = self.model(pk=pk)
        row._lost = True
        return row

    def clean(self):
        super().clean()
        lost = False
        for form in self.forms[: self.initial_form_count()]:
            if not getattr(form.instance, "_lost", False) or self._should_delete_form(form):
                continue
            lost = True
            if not form.non_field_errors():  # check_version() has not said it already
                form.add_error(None, deleted_message(form.instance))
        if lost:
            raise ValidationError(
                gettext("Another editor deleted a row of this list after you opened the page.")
            )


def versioned_formset(formset_class):
    return type(formset_class.__name__, (StaleRowsFormSetMixin, formset_class), {})


def _with_seen_field(fieldsets):
    """Adds the hidden version field to the first fieldset, if no fieldset has it."""
    fieldsets = list(fieldsets)
    if not fieldsets or any(SEEN in _flatten(opts.get("fields", ())) for _n, opts in fieldsets):
        return fieldsets
    name, opts = fieldsets[0]
    return [(name, {**opts, "fields": [*opts.get("fields", ()), SEEN]}), *fieldsets[1:]]


def _flatten(fields):
    for field in fields:
        if isinstance(field, (list, tuple)):
            yield from field
        else:
            yield field


def integrity_message(exc, models):
    """The editor's words for the constraint a racing save broke (``models``: those the
    form saves, the admin's model and its inlines' models)."""
    cause = exc.__cause__
    name = getattr(getattr(cause, "diag", None), "constraint_name", None)
    if name:
        for model in models:
            for constraint in model._meta.constraints:
                if constraint.name == name:
                    return gettext(
                        "Another editor saved a conflicting change at the same moment, so "
                        "nothing was saved: %(rule)s Check the form and save again."
                    ) % {"rule": constraint.get_violation_error_message()}
        if name == "membership_delegate_country_covered":
            return gettext(
                "Another editor saved a conflicting change at the same moment, so nothing "
                "was saved: a delegate president's country must be one the group covers. "
                "Check the form and save again."
            )
    return gettext(
        "Another editor saved a conflicting change at the same moment, so nothing was "
        "saved. Check the form and save again."
    )


# What a delete can meet when another editor links a row to the object meanwhile.
DELETE_RACES = (ProtectedError, RestrictedError, IntegrityError)


def delete_refused_message():
    return gettext(
        "Nothing was deleted: another editor linked other records to it in the meantime. "
        "The confirmation page lists them."
    )


class EditingAdminMixin:
    """For every ModelAdmin: version check, races as form errors, deletes kept in history.

    Must come before reversion's VersionAdmin in the bases, so that a race is caught
    outside the revision that failed.
    """

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The hidden field must be declared on the base form: the fieldsets name it.
        base = kwargs.get("form", self.form)
        kwargs["form"] = versioned_form(base, getattr(request, "_save_conflict", None))
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        return _with_seen_field(super().get_fieldsets(request, obj))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # A row imported or loaded without the admin has no history yet: record the state
        # the editor is shown, so that a later refusal can name the fields changed since.
        # (VersionAdmin's revision around this view saves it.)
        if (
            change
            and obj is not None
            and request.method == "GET"
            and reversion.is_active()
            and not Version.objects.get_for_object(obj).exists()
        ):
            reversion.set_comment(
                note(gettext_noop("State before the first edit in the back office"))
            )
            reversion.add_to_revision(obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id is not None:
            deleted = self._deleted_meanwhile(request, object_id)
            if deleted is not None:
                return self._as_new_object(request, deleted, extra_context)
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except IntegrityError as exc:
            if request.method != "POST" or getattr(request, "_save_conflict", None):
                raise
            # The transaction rolled back: run the view again on the same POST, with
            # the message as a form error, so the editor's input comes back.
            models = [self.model, *(inline.model for inline in self.inlines)]
            request._save_conflict = integrity_message(exc, models)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        from django.urls import path

        info = self.opts.app_label, self.opts.model_name
        compare = self.admin_site.admin_view(self.history_compare_view)
        return [
            path(
                "<path:object_id>/history/<int:version_id>/compare/",
                compare,
                name=f"{info[0]}_{info[1]}_history_compare",
            ),
            *super().get_urls(),
        ]

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "POST":
            return super().revision_view(request, object_id, version_id, extra_context)
        request._reverting_to = version_id
        response = super().revision_view(request, object_id, version_id, extra_context)
        entry = getattr(request, "_revert_entry", None)
        if response.status_code == 302 and entry is not None:
            # reversion names the revert (« Restauré depuis… ») as text in the editor's
            # language; kept as the log's data, with what it did, it reads in the reader's.
            revision = Version.objects.get_for_object(entry.get_edited_object()).first().revision
            target = Version.objects.select_related("revision").get(pk=version_id)
            saved_on = target.revision.date_created.isoformat()
            done = json.loads(entry.change_message) if entry.change_message[:1] == "[" else []
            revision.comment = json.dumps([{"reverted": {"saved_on": saved_on}}, *done])
            revision.save(update_fields=["comment"])
        return response

    def _revert_message(self, obj, version_id):
        """What a revert did, in the log's data format: reversion writes the old version
        before the form is checked, so the form itself sees « no fields changed »."""
        versions = Version.objects.get_for_object(obj).order_by("-pk")
        before = versions.first()  # the state the revert replaced (not saved again yet)
        target = versions.filter(pk=version_id).first()
        if before is None or target is None or before.pk == target.pk:
            return []
        message = []
        with translation.override(None):  # the log's data names fields and models in English
            diff = compare(self.model, before, target)
            if diff["fields"]:
                labels = [str(label) for label, *_ in diff["fields"]]
                message.append({"changed": {"fields": labels}})
            for kind, name, repr_, changes in diff["rows"]:
                action = {"added": "added", "removed": "deleted", "changed": "changed"}[kind]
                row = {"name": str(name), "object": repr_}
                if changes:
                    row["fields"] = [str(label) for label, *_ in changes]
                message.append({action: row})
        return message

    def construct_change_message(self, request, form, formsets, add=False):
        # Each row with its model, so that the history names it in correct French.
        return change_message(form, formsets, add)

    def log_change(self, request, obj, message):
        version_id = getattr(request, "_reverting_to", None)
        if version_id is not None:
            message = self._revert_message(obj, version_id) or message
        entry = super().log_change(request, obj, message)
        if version_id is not None:
            request._revert_entry = entry
        # VersionAdmin keeps the message as text in the editor's language of the moment;
        # kept as the log's data, the history renders it in the reader's language.
        if entry is not None and reversion.is_active() and entry.change_message.startswith("["):
            reversion.set_comment(entry.change_message)
        return entry

    def history_view(self, request, object_id, extra_context=None):
        # Each version gets a « Comparer » link (templates/reversion/object_history.html).
        context = {
            "can_compare": True,
            "oldest_row": "last" if self.history_latest_first else "first",
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)

    def history_compare_view(self, request, object_id, version_id):
        """Version ``version_id`` beside the one before it (or ``?with=<version id>``), field
        by field, both languages and the followed rows included (core/history.py)."""
        from django.http import Http404
        from django.template.response import TemplateResponse

        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404
        versions = list(
            Version.objects.get_for_object(obj).select_related("revision__user").order_by("pk")
        )
        by_pk = {v.pk: v for v in versions}
        new = by_pk.get(version_id)
        if new is None:
            raise Http404
        other = request.GET.get("with", "")
        if other:
            if not other.isdigit() or int(other) not in by_pk:
                raise Http404
            old = by_pk[int(other)]
            old, new = sorted([old, new], key=lambda v: v.pk)
        else:
            earlier = [v for v in versions if v.pk < new.pk]
            old = earlier[-1] if earlier else None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": obj,
            "title": gettext("Compare two versions of %(name)s") % {"name": obj},
            "old": old,
            "new": new,
            "versions": versions,
            "diff": compare(self.model, old, new) if old is not None else None,
        }
        return TemplateResponse(request, "admin/history_compare.html", context)

    def _deleted_meanwhile(self, request, object_id):
        """An unsaved stand-in for the object being saved if someone deleted it meanwhile."""
        to_field = request.POST.get(TO_FIELD_VAR, request.GET.get(TO_FIELD_VAR))
        if self.get_object(request, unquote(object_id), to_field) is not None:
            return None
        try:
            pk = self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            return None
        if pk is None or not self.has_add_permission(request):
            return None  # Django's « perhaps it was deleted » redirect
        return self.model(pk=pk)

    def _as_new_object(self, request, deleted, extra_context):
        """The editor's input, on the add form, when the object was deleted while they edited.

        Django's change view would redirect to the index (« perhaps it was deleted »),
        losing what was typed. Here the same POST fills the add form, inline rows turned
        into new rows, with a message naming who deleted it: nothing is saved until the
        editor saves again (to create it anew), or leaves and recovers it from the history.
        """
        data = request.POST.copy()
        for inline in self.get_inline_instances(request):
            formset = inline.get_formset(request)
            prefix = formset.get_default_prefix()
            fk = getattr(formset, "fk", None)
            row_fields = {"id", SEEN, fk.name if fk else "id"}
            for key in list(data):
                parts = key.split("-")
                if len(parts) == 3 and parts[0] == prefix and parts[2] in row_fields:
                    data[key] = ""
            data[f"{prefix}-INITIAL_FORMS"] = "0"
        data.pop(SEEN, None)
        request.POST = data
        request._save_conflict = deleted_object_message(deleted)
        add_url = reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_add",
            current_app=self.admin_site.name,
        )
        query = request.GET.urlencode()
        form_url = f"{add_url}?{query}" if query else add_url
        return super().changeform_view(request, None, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except DELETE_RACES:
            # Something came to depend on the object between the confirmation page and
            # the delete (the transaction rolled back): the page lists it now.
            self.message_user(request, delete_refused_message(), messages.ERROR)
            return redirect(request.get_full_path())

    def changelist_view(self, request, extra_context=None):
        bulk_delete = request.method == "POST" and request.POST.get("action") == "delete_selected"
        try:
            if bulk_delete and isinstance(self, VersionAdmin):
                # VersionAdmin's change list holds one revision for the whole request,
                # saved when it ends: after the delete, and reversion saves only versions
                # whose rows still exist, so the « state before deletion » was lost. The
                # delete action runs outside it, as delete_view does (its confirmation
                # page needs nothing VersionAdmin adds).
                return super(VersionAdmin, self).changelist_view(request, extra_context)
            return super().changelist_view(request, extra_context)
        except DELETE_RACES:  # the bulk delete action, as above
            if not bulk_delete:
                raise
            self.message_user(request, delete_refused_message(), messages.ERROR)
            return redirect(request.get_full_path())

    def _snapshot(self, request, objs):
        """Record the objects (and the rows they follow) in the history before deletion."""
        with reversion.create_revision(manage_manually=True):
            reversion.set_user(request.user)
            reversion.set_comment(note(gettext_noop("State before deletion")))
            for obj in objs:
                reversion.add_to_revision(obj)

    def delete_model(self, request, obj):
        self._snapshot(request, [obj])
        delete_objects(objs=[obj])

    def delete_queryset(self, request, queryset):
        objs = list(queryset)
        # One transaction, as delete_view's: a refused delete keeps no snapshot either.
        with transaction.atomic():
            self._snapshot(request, objs)
            delete_objects(objs=objs)


class EditingInlineMixin:
    """For inlines: the version field on each row and a visible error for vanished rows."""

    def get_formset(self, request, obj=None, **kwargs):
        kwargs["form"] = versioned_form(kwargs.get("form", self.form))
        kwargs["formset"] = versioned_formset(kwargs.get("formset", self.formset))
        return super().get_formset(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        return _with_seen_field(super().get_fieldsets(request, obj))
