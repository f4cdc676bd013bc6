"""Drafts of live records: change a published page, preview it, then publish or schedule it.

Before, a published record could only be previewed once unpublished (its public page
answered 404 meanwhile). Now, on a live record, « Enregistrer le brouillon » validates
the change form exactly as a save would, then keeps the posted data aside (``Draft``,
backoffice/models.py) instead of writing it: the public site, the API, feeds, CSV,
search and sitemap read only the live rows, so they never show a pending draft.

Like Wagtail, which keeps each revision's content as serialised data beside the live
row and applies it on publication, a draft is data that the admin's own save path
applies (``apply_form_data``): the same forms, inline formsets, checks, history entry
(django-reversion) and signals (the page cache drops its pages) as a direct save. The
preview applies it inside a transaction that is rolled back once the page is rendered.

- The change form then shows the draft, with « Une version non publiée existe » and
  Prévisualiser / Publier / Abandonner (templates/admin/change_form.html).
- A draft whose publication date is in the future is scheduled: ``manage.py
  publish_drafts`` (run every few minutes) publishes it at that date.
- Two editors on one draft: the form carries the draft's version (``seen_draft``), and
  a save made from an older one is refused with the editor's input kept, as for records
  (core/editing.py).

``BackOfficeSite.register()`` adds ``DraftAdminMixin`` to every ``PublishableAdmin``.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext

from core.models import Publishable

from .formdata import DISCARD_DRAFT
from .formdata import PUBLISH_DRAFT
from .formdata import SAVE_DRAFT
from .formdata import SEEN_DRAFT
from .formdata import as_post
from .formdata import form_data_of
from .models import Draft
from .services import draft_discard
from .services import draft_save


def _user_name(user):
    if user is None:
        return gettext("an unknown editor")
    return user.get_full_name() or user.get_username()


def stale_draft_message(draft):
    return gettext(
        "Not saved: %(who)s changed the unpublished version (%(when)s) after you opened it. "
        "Your input is still below: compare it with theirs (open the page in another tab), "
        "then save again to keep yours."
    ) % {
        "who": _user_name(draft.saved_by),
        "when": date_format(localtime(draft.saved_at), "DATETIME_FORMAT"),
    }


def check_draft(form, request, obj):
    """Refuse a save made from an older version of ``obj``'s draft (two editors on it).

    Called from the form's clean(), after core/editing.py's check has locked the live
    row: two saves of one record's draft therefore run one after the other.
    """
    if request.method != "POST":
        return
    draft = Draft.objects.select_for_update().for_object(obj).first()
    request._draft = draft
    seen = request.POST.get(SEEN_DRAFT) or None
    saving_draft = getattr(request, "_keeping_draft", False)
    if draft is not None and (seen is not None or saving_draft) and seen != str(draft.version):
        form.add_error(None, stale_draft_message(draft))
    elif saving_draft and request.FILES:
        form.add_error(
            None,
            gettext(
                "An unpublished version cannot keep a file: save the page directly to "
                "replace its file, or save the draft without it."
            ),
        )


class DraftFormMixin:
    """Shows the draft's data (``draft_data``) when the form is opened, and checks the
    draft's version when it is posted."""

    draft_request = None
    draft_data = None

    def __init__(self, data=None, *args, **kwargs):
        if data is None and self.draft_data is not None:
            data = as_post(self.draft_data)
        super().__init__(data, *args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        if self.draft_request is not None and self.instance.pk is not None:
            check_draft(self, self.draft_request, self.instance)
        return cleaned_data


def _shown_draft(request, obj):
    """The draft a GET of ``obj``'s change form shows (once per request)."""
    if not hasattr(request, "_shown_draft"):
        request._shown_draft = (
            Draft.objects.for_object(obj).select_related("saved_by").first()
            if obj is not None and request.method == "GET"
            else None
        )
    return request._shown_draft


def is_live(obj):
    return obj is not None and obj.is_published


class DraftAdminMixin:
    """Adds drafts to a ``PublishableAdmin`` (see the module's docstring)."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if obj is None:
            return form_class
        draft = _shown_draft(request, obj)
        attrs = {
            "draft_request": request,
            "draft_data": draft.data if draft is not None else None,
            "__module__": form_class.__module__,
        }
        return type(form_class.__name__, (DraftFormMixin, form_class), attrs)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        draft = _shown_draft(request, obj) if obj is not None and obj.pk else None
        if draft is not None:
            kwargs.update(data=as_post(draft.data), files={})
        return kwargs

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id is not None:
            if DISCARD_DRAFT in request.POST:
                return self._discard_draft(request, object_id)
            if SAVE_DRAFT in request.POST:
                # Only a live record gets a draft: one that the public does not see yet
                # (a draft, a scheduled record) is simply saved.
                request._keeping_draft = is_live(self.get_object(request, unquote(object_id)))
        return super().changeform_view(request, object_id, form_url, extra_context)

    def _discard_draft(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        draft = Draft.objects.for_object(obj).select_related("saved_by").first()
        if draft is not None and request.POST.get(SEEN_DRAFT) != str(draft.version):
            self.message_user(request, stale_draft_message(draft), messages.ERROR)
        elif draft is not None:
            draft_discard(draft=draft)
            self.message_user(
                request,
                gettext("The unpublished version was discarded: the page stays as published."),
                messages.SUCCESS,
            )
        return HttpResponseRedirect(request.path)

    def save_model(self, request, obj, form, change):
        if getattr(request, "_keeping_draft", False):
            return  # kept by response_change(): the live row stays as it is
        if PUBLISH_DRAFT in request.POST:
            # « Publier » publishes now: not later, and not as a draft.
            obj.status = Publishable.Status.PUBLISHED
            obj.published_at = min(obj.published_at, timezone.now())
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if getattr(request, "_keeping_draft", False):
            return
        super().save_related(request, form, formsets, change)
        draft = getattr(request, "_draft", None)
        # The editor saved the draft they were shown: it is the live version now. A save
        # from a form opened before the draft existed leaves the colleague's draft alone.
        if draft is not None and request.POST.get(SEEN_DRAFT) == str(draft.version):
            draft.delete()

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "_keeping_draft", False):
            return []  # the formsets were not saved: nothing to describe yet
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if getattr(request, "_keeping_draft", False):
            return None
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if not getattr(request, "_keeping_draft", False):
            return super().response_change(request, obj)
        draft_save(
            obj=obj,
            draft=getattr(request, "_draft", None),
            data=form_data_of(request.POST),
            user=request.user,
        )
        self.message_user(
            request,
            gettext(
                "The unpublished version of “%(name)s” was saved: the public site still shows "
                "the published one. Preview it, then publish it."
            )
            % {"name": obj},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(request.path)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if change and obj is not None:
            context["can_save_draft"] = is_live(obj) and self.has_change_permission(request, obj)
            draft = getattr(request, "_draft", None) or _shown_draft(request, obj)
            if draft is None and request.method == "POST":
                draft = Draft.objects.for_object(obj).select_related("saved_by").first()
            context["draft"] = draft
        return super().render_change_form(request, context, add, change, form_url, obj)
