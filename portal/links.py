"""The public page of a record, for ``get_absolute_url()`` (settings.ABSOLUTE_URL_OVERRIDES).

The pages of groups, countries, senators, missions and colloquia join several apps, so
they are portal's; the models' apps cannot name them, and the wiring maps each model
here instead.
"""

from core.links import reverse_with

# model label -> (URL name, URL keyword, the row's attribute it takes)
PAGES = {
    "groups.country": ("portal:country-detail", "code", lambda obj: obj.code.lower()),
    "groups.friendshipgroup": ("portal:group-detail", "slug", lambda obj: obj.slug),
    "groups.senator": ("portal:senator-detail", "slug", lambda obj: obj.slug),
    "missions.mission": ("portal:mission-detail", "slug", lambda obj: obj.slug),
    "missions.colloquium": ("portal:colloquium-detail", "slug", lambda obj: obj.slug),
}


def page_url(obj):
    name, kwarg, value = PAGES[obj._meta.label_lower]
    return reverse_with(name, kwarg, value(obj))
