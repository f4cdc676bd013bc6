"""Other apps' rows on a page about one object: a mission's or colloquium's reports, and
the latest missions, receptions, colloquia, reports and news on a group's, a country's
or a senator's page.

These lists join an app with the apps above it, so they live here, at the top of the
chain: `groups` knows nothing of missions or reports, `missions` nothing of reports.
Each list uses the other app's own ``published()`` (reached through the reverse
relations those apps declared), so that app still owns what "published" means.

A detail page shows one object, so each list is one plain query filtered on it. A
sliced Prefetch in ``for_detail()`` cost the same number of queries, but Django builds
it as a ROW_NUMBER() window over a subquery whose SQL took ~3 ms longer to compile,
per list, than the query took to run (measured at 10× data). ``only()`` keeps out the
columns the lists never show (a report's full text and search vectors weigh the most);
it keeps the foreign key to the page's object, which Django reads to link each row back
to it (one query per row otherwise).
"""

from django.db.models import Prefetch

from reports.models import Report


def published_reports():
    """A mission's or colloquium's published reports, in ``published_reports`` (1 query)."""
    return Prefetch("reports", queryset=Report.objects.published(), to_attr="published_reports")


MISSION_FIELDS = ("slug", "title", "start_date")
RECEPTION_FIELDS = ("title", "date")
COLLOQUIUM_FIELDS = ("slug", "title", "start_at")
REPORT_FIELDS = ("slug", "title", "publication_date")
NEWS_FIELDS = ("slug", "title", "date")
GROUP_NAME_FIELDS = ("group__slug", "group__name")


def load_group_lists(group, limit=20):
    """The group page's latest missions, receptions, colloquia, reports, news (5 queries)."""
    group.latest_missions = list(
        group.missions.published().only(*MISSION_FIELDS, "group").order_by("-start_date")[:limit]
    )
    group.latest_receptions = list(
        group.receptions.published()
        .select_related("country")
        .only(*RECEPTION_FIELDS, "group", "country__code", "country__name")
        .order_by("-date")[:limit]
    )
    group.latest_colloquia = list(
        group.colloquia.published().only(*COLLOQUIUM_FIELDS).order_by("-start_at")[:limit]
    )
    group.latest_reports = list(
        group.reports.published()
        .only(*REPORT_FIELDS, "group")
        .order_by("-publication_date")[:limit]
    )
    group.latest_news = list(group.news.published().only(*NEWS_FIELDS).order_by("-date")[:limit])
    return group


def load_country_lists(country, limit=10):
    """The country page's latest missions, receptions, colloquia and reports (4 queries)."""
    country.latest_missions = list(
        country.missions.published()
        .select_related("group")
        .only(*MISSION_FIELDS, *GROUP_NAME_FIELDS)
        .order_by("-start_date")[:limit]
    )
    country.latest_receptions = list(
        country.receptions.published().only(*RECEPTION_FIELDS, "country").order_by("-date")[:limit]
    )
    country.latest_colloquia = list(
        country.colloquia.published().only(*COLLOQUIUM_FIELDS).order_by("-start_at")[:limit]
    )
    country.latest_reports = list(
        country.reports.published().only(*REPORT_FIELDS).order_by("-publication_date")[:limit]
    )
    return country


def load_senator_lists(senator, limit=20):
    """The senator page's latest missions and reports (2 queries)."""
    senator.latest_missions = list(
        senator.missions.published()
        .select_related("group")
        .only(*MISSION_FIELDS, *GROUP_NAME_FIELDS)
        .order_by("-start_date")[:limit]
    )
    senator.latest_reports = list(
        senator.reports.published().only(*REPORT_FIELDS).order_by("-publication_date")[:limit]
    )
    return senator
