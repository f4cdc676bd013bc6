"""The relations' timelines (portal/timeline.py): a country's and a group's, their latest
entries on the country and group pages, the Atom feed and the calendar of coming entries."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils import translation
from icalendar import Calendar

from groups.models import Membership
from groups.models import triennial_period
from groups.models import triennial_period_year
from portal import timeline
from tests.factories import make_agreement
from tests.factories import make_colloquium
from tests.factories import make_foreign_authority
from tests.factories import make_group
from tests.factories import make_local_authority
from tests.factories import make_membership
from tests.factories import make_mission
from tests.factories import make_reception
from tests.factories import make_report
from tests.factories import query_counts
from tests.helpers.chile import make_chile

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
LATER = timezone.now() + datetime.timedelta(days=1)


def day(y, m, d):
    return datetime.date(y, m, d)


@pytest.fixture
def chile():
    """Chile, its group (created 1990, bureau elected in 2020 and 2023) and one published
    row of every kind, plus drafts and a scheduled report that must not show."""
    country, group = make_chile(created_on=day(1990, 5, 2))  # and the mission to Santiago
    old = make_group(
        countries=[country],
        slug="ancien-chili",
        name_fr="Ancien groupe Chili",
        name_en="",
        created_on=day(1970, 1, 1),
        dissolved_on=day(1985, 6, 30),
    )
    make_group(countries=[country], status="draft", slug="brouillon", created_on=day(2001, 1, 1))
    make_membership(group=group, role=Membership.Role.PRESIDENT, start_date=day(2020, 10, 14))
    make_membership(
        group=group,
        role=Membership.Role.VICE_PRESIDENT,
        start_date=day(2020, 10, 20),
        end_date=day(2023, 9, 30),
    )
    make_membership(group=group, role=Membership.Role.SECRETARY, start_date=day(2023, 10, 18))
    make_membership(group=group, start_date=day(2023, 10, 1))  # a member: no bureau entry
    make_mission(group=group, countries=[country], status="draft", title_fr="Mission brouillon")
    make_reception(
        group=group, country=country, title_fr="Délégation chilienne", date=day(2022, 6, 1)
    )
    make_colloquium(
        countries=[country],
        groups=[group],
        slug="forum-chili",
        title_fr="Forum Chili",
        title_en="Chile forum",
        start_at=timezone.make_aware(datetime.datetime(2021, 11, 5, 9)),
        end_at=timezone.make_aware(datetime.datetime(2021, 11, 5, 17)),
    )
    make_report(
        group=group,
        countries=[country],
        slug="rapport-chili",
        title_fr="Rapport sur le Chili",
        title_en="",
        publication_date=day(2024, 6, 1),
    )
    make_report(group=group, countries=[country], title_fr="Rapport programmé", published_at=LATER)
    make_agreement(
        slug="jumelage-chili",
        french=[make_local_authority(name="Bourg-Exemple (fictif)")],
        foreign=[
            make_foreign_authority(country=country, name_fr="Valparaíso", name_en="Valparaiso")
        ],
        signed_on=day(2015, 1, 1),
        signed_precision="year",
    )
    return country, group, old


def lines(html):
    """[(date, kind, title)] of the entries on a page, in order."""
    found = re.findall(
        r'<span class="timeline-date">(.*?)</span>\s*<span class="timeline-kind">(.*?)</span>\s*'
        r"<(?:a|span)[^>]*>(.*?)</(?:a|span)>",
        html,
    )
    return [(d, k, t) for d, k, t in found]


@pytest.mark.parametrize(
    "date",
    [day(y, m, d) for y in (1995, 2017, 2019, 2020, 2023, 2026) for m, d in ((9, 30), (10, 1))]
    + [day(1900, 1, 1), day(2021, 12, 31)],
)
def test_the_sql_triennial_period_is_the_python_one(date):
    make_membership(start_date=date)
    rows = Membership.objects.annotate(y=triennial_period_year("start_date"))
    assert rows.values_list("y", flat=True).get() == triennial_period(date)[0].year


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_country_timeline_lists_every_published_kind_newest_first(client, chile, lang):
    country, _, _ = chile
    with translation.override(lang):
        url = reverse("portal:country-timeline", kwargs={"code": "cl"})
    assert url == {"fr": "/fr/pays/cl/chronologie/", "en": "/en/countries/cl/timeline/"}[lang]
    html = client.get(url).content.decode()
    expected = {
        "fr": [
            ("1 juin 2024", "Rapport de mission", "Rapport sur le Chili"),
            ("Du 4 mars 2024 au 8 mars 2024", "Mission", "Mission à Santiago"),
            ("18 octobre 2023", "Bureau élu", "France-Chili"),
            ("1 juin 2022", "Délégation reçue", "Délégation chilienne"),
            ("5 novembre 2021", "Colloque économique", "Forum Chili"),
            ("14 octobre 2020", "Bureau élu", "France-Chili"),
            ("2015", "Jumelage", "Bourg-Exemple (fictif) – Valparaíso"),
            ("2 mai 1990", "Groupe créé", "France-Chili"),
            ("30 juin 1985", "Groupe dissous", "Ancien groupe Chili"),
            ("1 janvier 1970", "Groupe créé", "Ancien groupe Chili"),
        ],
        "en": [
            ("June 1, 2024", "Mission report", "Rapport sur le Chili"),
            ("From March 4, 2024 to March 8, 2024", "Mission", "Mission to Santiago"),
            ("Oct. 18, 2023", "Bureau elected", "France-Chile"),
            ("June 1, 2022", "Delegation received", "Délégation chilienne"),
            ("Nov. 5, 2021", "Economic colloquium", "Chile forum"),
            ("Oct. 14, 2020", "Bureau elected", "France-Chile"),
            ("2015", "Twinning", "Bourg-Exemple (fictif) – Valparaiso"),
            ("May 2, 1990", "Group created", "France-Chile"),
            ("June 30, 1985", "Group dissolved", "Ancien groupe Chili"),
            ("Jan. 1, 1970", "Group created", "Ancien groupe Chili"),
        ],
    }[lang]
    assert lines(html) == expected
    # By year, newest first; links to each entry's page.
    years = re.findall(r'<h2 id="year-(\d+)">', html)
    assert years == ["2024", "2023", "2022", "2021", "2020", "2015", "1990", "1985", "1970"]
    assert f'href="/{lang}/' in html
    assert "Mission brouillon" not in html and "programmé" not in html and "brouillon" not in html
    if lang == "en":  # the French title shown on the English page is marked so
        assert '<a href="/en/reports/rapport-chili/" lang="fr">Rapport sur le Chili</a>' in html


def test_group_timeline_and_kind_and_year_filters(client, chile):
    html = client.get("/fr/groupes/france-chili/chronologie/?kind=bureau&kind=mission").content
    assert [k for _, k, _ in lines(html.decode())] == ["Mission", "Bureau élu", "Bureau élu"]
    html = client.get("/fr/groupes/france-chili/chronologie/?year=2023").content.decode()
    assert lines(html) == [("18 octobre 2023", "Bureau élu", "France-Chili")]
    # The group's own line: not the other group's creation.
    html = client.get("/fr/groupes/france-chili/chronologie/").content.decode()
    assert "Ancien groupe" not in html and ("2 mai 1990", "Groupe créé", "France-Chili") in lines(
        html
    )


@pytest.mark.parametrize("query", ["?kind=nope", "?year=abc", "?year=1800", "?page=999"])
def test_bad_filters_show_their_error_and_no_entry(client, chile, query):
    response = client.get("/en/countries/cl/timeline/" + query)
    assert response.status_code == 200
    html = response.content.decode()
    if "page" in query:  # the last page
        assert len(lines(html)) == 10
    else:  # nothing that looks filtered, and why (core.filters.ListFilterSet's rule)
        assert 'class="field-error"' in html
        assert lines(html) == []


def test_draft_group_and_unknown_country_are_404(client, chile):
    assert client.get("/fr/groupes/brouillon/chronologie/").status_code == 404
    assert client.get("/fr/pays/zz/chronologie/").status_code == 404
    assert client.get("/fr/groupes/brouillon/chronologie/atom/").status_code == 404
    assert client.get("/fr/pays/zz/chronologie/ical/").status_code == 404


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_country_and_group_pages_show_the_latest_entries(client, chile, lang):
    country, group, _ = chile
    for page in (country, group):
        with translation.override(lang):
            html = client.get(page.get_absolute_url()).content.decode()
            whole = (
                reverse("portal:country-timeline", kwargs={"code": "cl"})
                if page is country
                else reverse("portal:group-timeline", kwargs={"slug": group.slug})
            )
        shown = lines(html.split('id="timeline-title"')[1])
        assert len(shown) == timeline.LATEST == 8, shown  # of 10 and 8 entries
        assert shown[0][2] == "Rapport sur le Chili"
        assert f'<a href="{whole}">' in html


def test_feed_and_calendar_have_only_coming_entries(client, chile):
    country, group, _ = chile
    soon = TODAY + datetime.timedelta(days=10)
    make_mission(
        group=group,
        countries=[country],
        slug="mission-a-venir",
        title_fr="Mission à venir",
        title_en="",
        start_date=soon,
        end_date=soon + datetime.timedelta(days=2),
    )
    # Still running today: coming too.
    make_reception(group=group, country=country, title_fr="Délégation du jour", date=TODAY)
    atom = client.get("/fr/pays/cl/chronologie/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [
        e.findtext("a:title", namespaces=ns)
        for e in ET.fromstring(atom.content).findall("a:entry", ns)
    ]
    assert titles == ["Délégation reçue : Délégation du jour", "Mission : Mission à venir"]
    ical = client.get("/en/groups/france-chili/timeline/ical/")
    events = Calendar.from_ical(ical.content).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [
        "Delegation received: Délégation du jour",
        "Mission: Mission à venir",
    ]
    assert events[1].decoded("DTEND") == soon + datetime.timedelta(days=3)
    assert str(events[1]["UID"]).startswith("mission-")


@pytest.mark.parametrize("kind", ["country", "group"])
def test_timeline_page_query_count(client, chile, kind):
    country, group, _ = chile

    def add_rows(n):
        for i in range(n):
            make_mission(group=group, countries=[country], start_date=day(2000 + i, 1, 1))
            make_report(group=group, countries=[country])
            make_membership(
                group=group, role=Membership.Role.SECRETARY, start_date=day(1990 + i, 11, 1)
            )
            make_agreement(foreign=[make_foreign_authority(country=country)])

    url = (
        "/fr/pays/cl/chronologie/" if kind == "country" else "/fr/groupes/france-chili/chronologie/"
    )
    # 1 the country (or group)  2 the years (menu)  3 the number of entries  4 the page
    assert query_counts(client, url, add_rows) == (4, 4)


def test_feed_and_calendar_query_counts(client, chile):
    country, group, _ = chile

    def add_rows(n):
        for i in range(n):
            make_mission(
                group=group, countries=[country], start_date=TODAY + datetime.timedelta(days=i)
            )

    # 1 the country or group  2 its coming entries
    for url in ("/fr/pays/cl/chronologie/atom/", "/en/groups/france-chili/timeline/ical/"):
        assert query_counts(client, url, add_rows) == (2, 2)
