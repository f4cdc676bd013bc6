"""A change form's data outside its request: kept as a draft, then applied as the admin saves.

``apply_form_data`` runs the admin's own form, inline formsets and save methods on posted
data, so a draft (drafts.py) is previewed and published exactly as a direct save would
write it.
"""

from django.contrib.admin.utils import flatten_fieldsets
from django.forms.formsets import all_valid
from django.http import HttpRequest
from django.http import QueryDict
from django.utils.translation import gettext

SEEN_DRAFT = "seen_draft"
SAVE_DRAFT = "_save_draft"
PUBLISH_DRAFT = "_publish_draft"
DISCARD_DRAFT = "_discard_draft"
# What a draft does not keep of the POST: the token and which button was pressed.
NOT_DATA = {
    "csrfmiddlewaretoken",
    SEEN_DRAFT,
    SAVE_DRAFT,
    PUBLISH_DRAFT,
    DISCARD_DRAFT,
    "_save",
    "_continue",
    "_addanother",
    "_saveasnew",
}


def form_data_of(post):
    """The part of a change form's POST that a draft keeps: {name: [values]}."""
    return {name: post.getlist(name) for name in post if name not in NOT_DATA}


def as_post(data):
    post = QueryDict(mutable=True)
    for name, values in data.items():
        post.setlist(name, values)
    return post


def replay_request(user, data):
    """A POST of ``data`` by ``user``, for the admin's form methods (which read the
    request's method, POST and user: permissions, the inlines' extra arguments)."""
    request = HttpRequest()
    request.method = "POST"
    request.POST = as_post(data)
    request.user = user
    return request


def apply_form_data(model_admin, request, obj, *, log=True):
    """Validate ``request.POST`` as ``obj``'s change form and save it, as the admin's change
    view does (form, inline formsets, history message); return the errors ([] once saved).

    Runs in the caller's transaction; the caller opens the reversion revision.
    """
    fieldsets = model_admin.get_fieldsets(request, obj)
    form_class = model_admin.get_form(
        request, obj, change=True, fields=flatten_fieldsets(fieldsets)
    )
    form = form_class(request.POST, {}, instance=obj)
    formsets, _inlines = model_admin._create_formsets(request, form.instance, change=True)
    form_valid = form.is_valid()
    if not (all_valid(formsets) and form_valid):
        errors = [str(e) for e in form.non_field_errors()]
        errors += [
            f"{form[name].label}: {' '.join(e)}"
            for name, e in form.errors.items()
            if name != "__all__"
        ]
        for formset in formsets:
            errors += [str(e) for e in formset.non_form_errors()]
            errors += [str(e) for row in formset.errors for e in row.get("__all__", [])]
            errors += [
                f"{name}: {' '.join(e)}"
                for row in formset.errors
                for name, e in row.items()
                if name != "__all__"
            ]
        return errors or [gettext("The unpublished version is no longer valid.")]
    new_object = model_admin.save_form(request, form, change=True)
    model_admin.save_model(request, new_object, form, True)
    model_admin.save_related(request, form, formsets, True)
    if log:
        message = model_admin.construct_change_message(request, form, formsets, False)
        model_admin.log_change(request, new_object, message)
    return []
