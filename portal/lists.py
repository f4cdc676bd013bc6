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

from collections import Counter

from django.db.models import F
from django.db.models import Prefetch

from reports.models import Report


def published_reports():
    """A mission's or colloquium's published reports, in ``published_reports`` (1 query)."""
    return Prefetch("reports", queryset=Report.objects.published(), to_attr="published_reports")


def latest(rows, date_field, *fields, limit):
    """The newest published ``rows`` (a reverse relation's manager or queryset), with only
    ``fields``, and the date the page shows as ``listed_on`` (portal/_latest.html) (1 query)."""
    return mark_repeated_titles(
        list(
            rows.published()
            .only(date_field, *fields)
            .annotate(listed_on=F(date_field))
            .order_by(f"-{date_field}")[:limit]
        )
    )


def mark_repeated_titles(rows):
    """Rows whose title another row of the list has: ``repeated_title`` is "year" (the
    page adds the year of ``listed_on`` to the title), or "date" when that year repeats too.

    Two reports « Les relations franco-arméniennes » (1998, 2017) were two identical
    links; each link's own text must tell it apart (RGAA 6.1), not only the date beside it.
    """
    titles = Counter(row.title for row in rows)
    years = Counter((row.title, row.listed_on.year) for row in rows)
    for row in rows:
        if titles[row.title] > 1:
            row.repeated_title = "date" if years[row.title, row.listed_on.year] > 1 else "year"
    return rows


def load_group_lists(group, limit=20):
    """The group page's latest missions, receptions, colloquia, reports, news (5 queries)."""
    group.latest_missions = latest(
        group.missions, "start_date", "slug", "title", "group", limit=limit
    )
    group.latest_receptions = latest(
        group.receptions.select_related("country"),
        *("date", "title", "group", "country__code", "country__name"),
        limit=limit,
    )
    group.latest_colloquia = latest(group.colloquia, "start_at", "slug", "title", limit=limit)
    group.latest_reports = latest(
        group.reports, "publication_date", "slug", "title", "group", limit=limit
    )
    group.latest_news = latest(group.news, "date", "slug", "title", limit=limit)
    return group


def load_country_lists(country, limit=10):
    """The country page's latest missions, receptions, colloquia and reports (4 queries)."""
    country.latest_missions = latest(
        country.missions.with_public("group"),
        *("start_date", "slug", "title", "group__slug", "group__name"),
        limit=limit,
    )
    country.latest_receptions = latest(country.receptions, "date", "title", "country", limit=limit)
    country.latest_colloquia = latest(country.colloquia, "start_at", "slug", "title", limit=limit)
    country.latest_reports = latest(
        country.reports, "publication_date", "slug", "title", limit=limit
    )
    return country


def load_senator_lists(senator, limit=20):
    """The senator page's latest missions and reports (2 queries)."""
    senator.latest_missions = latest(
        senator.missions.with_public("group"),
        *("start_date", "slug", "title", "group__slug", "group__name"),
        limit=limit,
    )
    senator.latest_reports = latest(
        senator.reports, "publication_date", "slug", "title", limit=limit
    )
    return senator
