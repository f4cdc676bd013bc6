"""The public site's URL tree (under /fr/ and /en/; senat_groups/urls.py adds the prefix).

Each app's own pages keep its namespace (``groups:list``, ``missions:list``...). The pages
that join several apps live in portal/views.py under the ``portal`` namespace, and the
dossiers under ``dossier``: no lower app reverses them. A model's ``get_absolute_url()``
for these pages comes from settings.ABSOLUTE_URL_OVERRIDES (``portal.links``).

Order matters where a fixed word and a slug share a path: missions' iCal feeds come
before ``missions/<slug>/``, the cooperation map before ``cooperation/<slug>/``.

Every page under ``groups/<slug>/`` follows the group's former slugs (a 301).
"""

from django.urls import include
from django.urls import path
from django.utils.translation import gettext_lazy as _

from groups.links import follows_former_slugs

from . import timeline
from . import views

portal_pages = [
    path("", views.home, name="home"),
    path(_("groups/<slug:slug>/"), follows_former_slugs(views.group_detail), name="group-detail"),
    path(_("countries/<iso:code>/"), views.country_detail, name="country-detail"),
    path(_("senators/<slug:slug>/"), views.senator_detail, name="senator-detail"),
    path(_("map/"), views.world_map, name="map"),
    path(_("missions/<slug:slug>/"), views.mission_detail, name="mission-detail"),
    path(_("colloquia/<slug:slug>/"), views.colloquium_detail, name="colloquium-detail"),
    path(_("search/"), views.search, name="search"),
    path(_("cooperation/map/"), views.cooperation_map, name="cooperation-map"),
    # The relations' timelines (portal/timeline.py): the page, its coming entries' feeds.
    path(_("countries/<iso:code>/timeline/"), views.country_timeline, name="country-timeline"),
    path(
        _("groups/<slug:slug>/timeline/"),
        follows_former_slugs(views.group_timeline),
        name="group-timeline",
    ),
    path(
        _("countries/<iso:code>/timeline/atom/"),
        timeline.UpcomingFeed(),
        name="country-timeline-atom",
    ),
    path(
        _("groups/<slug:slug>/timeline/atom/"),
        follows_former_slugs(timeline.UpcomingFeed()),
        name="group-timeline-atom",
    ),
    path(
        _("countries/<iso:code>/timeline/ical/"),
        timeline.upcoming_ical,
        name="country-timeline-ical",
    ),
    path(
        _("groups/<slug:slug>/timeline/ical/"),
        follows_former_slugs(timeline.upcoming_ical),
        name="group-timeline-ical",
    ),
    path(_("agenda/"), views.agenda, name="agenda"),
    path(_("compare/"), views.compare, name="compare"),
    path(_("agenda/ical/"), views.agenda_ical, name="agenda-ical"),
]
dossier_pages = [
    path(_("countries/<iso:code>/dossier/"), views.country_dossier, name="country"),
    path(_("countries/<iso:code>/dossier/pdf/"), views.country_dossier_pdf, name="country-pdf"),
    path(_("groups/<slug:slug>/dossier/"), follows_former_slugs(views.group_dossier), name="group"),
    path(
        _("groups/<slug:slug>/dossier/pdf/"),
        follows_former_slugs(views.group_dossier_pdf),
        name="group-pdf",
    ),
]

urlpatterns = [
    path("", include("groups.urls")),
    path("", include("missions.urls")),  # its iCal feeds before missions/<slug>/
    path("", include("reports.urls")),
    path("", include((portal_pages, "portal"))),  # the cooperation map before <slug>
    path("", include("cooperation.urls")),
    path("", include((dossier_pages, "dossier"))),
    path("", include("legal.urls")),  # mentions légales, accessibility, personal data
]
