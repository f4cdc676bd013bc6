"""Links to a group that keep working after it is renamed (its former slugs)."""

import functools

from django.http import Http404

from core.links import moved_permanently

from .models import FriendshipGroup


def follows_former_slugs(view):
    """A group's page (or feed) asked for under a slug the group had before answers with
    a 301 to the same page under its slug today: links to a renamed group keep working.
    Only when the slug finds no page: one more query, on the way to a 404."""

    @functools.wraps(view)
    def wrapper(request, *args, slug, **kwargs):
        try:
            return view(request, *args, slug=slug, **kwargs)
        except Http404:
            new_slug = FriendshipGroup.objects.published().slug_for_former(slug)
            if new_slug is None:
                raise
            return moved_permanently(request, slug=new_slug)

    return wrapper
