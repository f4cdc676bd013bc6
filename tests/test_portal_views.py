"""Home, groups, countries, senators and map: content, order, and pinned query counts."""

import datetime

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils import translation

from core import i18n
from core.filters import Select
from core.links import reverse_with
from groups.filters import GroupFilter
from groups.models import FriendshipGroup
from groups.models import Membership
from groups.models import PoliticalGroup
from groups.models import PoliticalMembership
from groups.models import triennial_period
from portal import worldmap
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_mission
from tests.factories import make_report
from tests.factories import make_senator
from tests.factories import make_zone
from tests.factories import query_counts

# --- query counts: the same with 3 or 30 rows --------------------------------------------


# The list pages: the numbers of queries listed below each URL.
LIST_PAGES = [
    # 1 covered countries (figure + map)  2 groups by kind  3 featured news  4 latest news
    # 5 upcoming colloquia  6 upcoming missions (+ group)  7 recent missions (+ group)
    # 8 latest reports  9 agreements  10 countries they reach
    pytest.param("/fr/", 10, id="home"),
    # 1 count  2 page of groups  3 their countries  4 their current presidents (+ senator)
    # 5 senators of active groups (+ political group)  6 political groups by size (make-up)
    # 7 zones (filter's choices)  8 countries (filter's choices)
    pytest.param("/en/groups/", 8, id="group-list"),
    # 1 countries (+ zone)  2 their active groups
    pytest.param("/fr/pays/", 2, id="country-list"),
    # 1 covered countries (+ zone)  2 their active groups
    # 3 countries visited by recent missions, with their count
    pytest.param("/en/map/", 3, id="map"),
]


@pytest.mark.parametrize("url, queries", LIST_PAGES)
def test_list_page_query_count(client, groups_with_everything, url, queries):
    assert query_counts(client, url, groups_with_everything) == (queries, queries)


def test_group_detail_query_count(client, groups_with_everything):
    group, _, _ = groups_with_everything(3)

    def add_rows(n):
        for _ in range(n):
            make_membership(group=group)
            make_mission(group=group)
            make_report(group=group)

    # 1 group  2 countries  3 memberships (+ senator, country)  4 missions  5 receptions
    # (+ country)  6 colloquia  7 reports  8 news  9 political groups by size (make-up)
    # 10 latest timeline entries (portal/timeline.py)
    assert query_counts(client, group.get_absolute_url(), add_rows) == (10, 10)


def test_country_detail_query_count(client, groups_with_everything):
    group, country, _ = groups_with_everything(3)

    def add_rows(n):
        for _ in range(n):
            make_mission(group=group, countries=[country])
            make_report(group=group, countries=[country])

    # 1 country (+ zone)  2 active groups  3 current delegate presidents (+ senator, group)
    # 4 former (dissolved) groups  5 missions (+ group)  6 receptions (+ group)  7 colloquia
    # 8 reports  9 agreements by kind  10 latest agreements (none: their authorities are
    # not fetched, see tests/test_cooperation_sections.py)  11 latest timeline entries
    assert query_counts(client, country.get_absolute_url(), add_rows) == (11, 11)


def test_senator_detail_query_count(client, groups_with_everything):
    _, _, senator = groups_with_everything(3)
    political = PoliticalGroup.objects.create(senate_code="GX", name="Groupe X (fictif)")

    def add_rows(n):
        for _ in range(n):
            make_membership(senator=senator)
            make_mission(participants=[senator])
            make_report(authors=[senator])
            PoliticalMembership.objects.create(senator=senator, political_group=political)

    # 1 senator  2 memberships (+ group, country)  3 political groups (+ group)
    # 4 missions (+ group)  5 reports  6 their département  7 agreements around it: count
    # 8 latest agreements (none here: see tests/test_cooperation_sections.py)
    assert query_counts(client, senator.get_absolute_url(), add_rows) == (8, 8)


# --- content -----------------------------------------------------------------------------


def test_countries_in_french_alphabetical_order(client, db):
    zone = make_zone()
    for name in ["Zambie", "Égypte", "Espagne", "Allemagne"]:
        make_country(zone=zone, name_fr=name, name_en=name)
    html = client.get("/fr/pays/").content.decode()
    positions = [
        html.index(f">{name}</a>") for name in ["Allemagne", "Égypte", "Espagne", "Zambie"]
    ]
    assert positions == sorted(positions)


def test_countries_in_english_order_on_the_english_page(client, db):
    zone = make_zone()
    make_country(zone=zone, name_fr="Allemagne", name_en="Germany")
    make_country(zone=zone, name_fr="Égypte", name_en="Egypt")
    make_country(zone=zone, name_fr="Espagne", name_en="Spain")
    html = client.get("/en/countries/").content.decode()
    assert html.index(">Egypt</a>") < html.index(">Germany</a>") < html.index(">Spain</a>")


def test_country_list_says_when_no_group_covers_a_country(client, db):
    covered = make_country(name_fr="Japon")
    make_group(countries=[covered], name_fr="France-Japon")
    make_country(name_fr="Nauru")
    html = client.get("/fr/pays/").content.decode()
    assert "France-Japon" in html
    assert "Aucun groupe d’amitié" in html


def test_group_list_filters_by_zone(client, db):
    asia, europe = make_zone(slug="asie"), make_zone(slug="europe")
    make_group(countries=[make_country(zone=asia)], name_fr="France-Japon")
    make_group(countries=[make_country(zone=europe)], name_fr="France-Italie")
    html = client.get("/fr/groupes/?zone=asie").content.decode()
    assert "France-Japon" in html
    assert "France-Italie" not in html


def test_group_list_filters_by_kind_country_and_name(client, db):
    japan = make_country(code="JP")
    make_group(countries=[japan], name_fr="France-Japon", name_en="France-Japan")
    make_group(kind=FriendshipGroup.Kind.REGIONAL, name_fr="France-Asie centrale")
    assert "France-Asie" not in client.get("/fr/groupes/?kind=country").content.decode()
    assert "France-Asie" not in client.get("/fr/groupes/?country=JP").content.decode()
    html = client.get("/fr/groupes/?q=japan").content.decode()  # English name, French page
    assert "France-Japon" in html
    assert "France-Asie" not in html


def test_inactive_and_draft_groups_are_not_listed(client, db):
    make_group(name_fr="Groupe actif")
    make_group(name_fr="Groupe dissous", dissolved_on=datetime.date(2015, 6, 30))
    make_group(name_fr="Groupe brouillon", status="draft")
    html = client.get("/fr/groupes/").content.decode()
    assert "Groupe actif" in html
    assert "Groupe dissous" not in html
    assert "Groupe brouillon" not in html


def test_group_page_shows_bureau_in_order_members_and_past_bureau(client, db):
    country = make_country(name_fr="Japon")
    group = make_group(countries=[country])
    make_membership(
        group=group,
        role=Membership.Role.SECRETARY,
        senator=make_senator(last_name="Secrétaire", civility="M"),
    )
    make_membership(
        group=group,
        role=Membership.Role.PRESIDENT,
        senator=make_senator(last_name="Présidente", civility="MME"),
    )
    make_membership(
        group=group,
        role=Membership.Role.DELEGATE_PRESIDENT,
        country=country,
        senator=make_senator(last_name="Délégué", civility="M"),
    )
    make_membership(
        group=group,
        role=Membership.Role.PRESIDENT,
        senator=make_senator(last_name="Ancien", civility="M"),
        start_date=datetime.date(2020, 10, 1),
        end_date=datetime.date(2023, 9, 30),
    )
    html = client.get(group.get_absolute_url()).content.decode()
    bureau = html[html.index('id="bureau-title"') : html.index('id="members-title"')]
    assert bureau.index("Présidente") < bureau.index("Délégué") < bureau.index("Secrétaire")
    assert "Président délégué (pour <span>Japon</span>)" in bureau
    past = html[html.index('id="past-title"') :]
    assert "2020–2023" in past
    assert "Ancien" in past
    assert "Ancien" not in bureau


def test_country_page_shows_group_and_delegate_president(client, db):
    country = make_country(code="UZ", name_fr="Ouzbékistan")
    group = make_group(
        countries=[country], kind=FriendshipGroup.Kind.REGIONAL, name_fr="France-Asie centrale"
    )
    make_membership(
        group=group,
        role=Membership.Role.DELEGATE_PRESIDENT,
        country=country,
        senator=make_senator(first_name="Léa", last_name="Durand"),
    )
    make_mission(group=group, countries=[country], title_fr="Mission à Tachkent")
    html = client.get("/fr/pays/uz/").content.decode()
    assert "France-Asie centrale" in html
    assert "Léa Durand" in html
    assert "Mission à Tachkent" in html


def test_senator_page_lists_groups_missions_and_reports(client, db):
    senator = make_senator()
    make_membership(senator=senator, group=make_group(name_fr="France-Japon"))
    make_mission(participants=[senator], title_fr="Mission au Japon")
    make_report(authors=[senator], title_fr="Rapport sur le Japon")
    html = client.get(senator.get_absolute_url()).content.decode()
    assert "France-Japon" in html
    assert "Mission au Japon" in html
    assert "Rapport sur le Japon" in html


def test_draft_mission_is_not_on_the_group_page(client, db):
    group = make_group()
    make_mission(group=group, title_fr="Mission publiée")
    make_mission(group=group, title_fr="Mission secrète", status="draft")
    html = client.get(group.get_absolute_url()).content.decode()
    assert "Mission publiée" in html
    assert "Mission secrète" not in html


def test_home_shows_key_figures(client, db):
    make_group()
    make_group()
    make_group(kind=FriendshipGroup.Kind.REGIONAL, countries=[make_country(), make_country()])
    html = client.get("/fr/").content.decode()
    assert "<strong>2</strong>" in html and "groupes bilatéraux" in html
    assert "<strong>1</strong>" in html and "groupe régional" in html
    assert "<strong>4</strong>" in html  # countries covered


def test_map_links_covered_countries_and_pins_small_states(client, db):
    covered = make_country(code="JP", name_fr="Japon", name_en="Japan")
    make_country(code="CN", name_fr="Chine")
    monaco = make_country(
        code="MC", name_fr="Monaco", name_en="Monaco", latitude=43.73, longitude=7.42
    )
    make_group(countries=[covered, monaco])
    html = client.get("/en/map/").content.decode()
    if not worldmap.load_shapes():
        pytest.fail("var/map/world-110m.json is missing: run `make map`")
    assert 'href="/en/countries/jp/" class="map-covered" aria-label="Japan"' in html
    assert 'href="/en/countries/cn/"' not in html
    assert 'href="/en/countries/mc/" aria-label="Monaco"' in html  # no shape: a pin


def test_map_lists_recent_missions_by_country_in_french_order(client, db):
    recently = timezone.localdate() - datetime.timedelta(days=30)
    for name in ["Zambie", "Égypte", "Espagne"]:
        country = make_country(name_fr=name, name_en=name, latitude=1.0, longitude=1.0)
        make_mission(countries=[country], start_date=recently)
    response = client.get("/fr/carte/")
    labels = [pin.label for pin in response.context["mission_pins"]]
    assert labels == [
        "Égypte : 1 mission récente",
        "Espagne : 1 mission récente",
        "Zambie : 1 mission récente",
    ]


def test_home_map_highlights_covered_countries(client, db):
    make_group(countries=[make_country(code="JP", name_fr="Japon")])
    make_country(code="CN", name_fr="Chine")
    shapes = worldmap.load_shapes("small")
    html = client.get("/fr/").content.decode()
    assert f'<path class="map-covered" d="{shapes["JP"]}"/>' in html
    assert f'<path d="{shapes["CN"]}"/>' in html


def test_map_marks_a_french_only_country_name_on_the_english_page(client, db):
    make_group(countries=[make_country(code="JP", name_fr="Japon", name_en="")])
    html = client.get("/en/map/").content.decode()
    assert 'href="/en/countries/jp/" class="map-covered" aria-label="Japon" lang="fr">' in html
    # The French page, rendered after it, is not given the English page's markup.
    html = client.get("/fr/carte/").content.decode()
    assert 'href="/fr/pays/jp/" class="map-covered" aria-label="Japon">' in html


# --- plain functions -----------------------------------------------------------------------


@pytest.mark.parametrize("value", [None, "", "b", "zz"])
def test_select_renders_the_same_html_as_djangos(value):
    choices = [("", "All"), ("a", "Alpha & co"), ("b", "<Beta>"), ("b", "Beta again")]
    attrs = {"id": "id_x", "required": True, "data-off": False}
    ours = Select(choices=choices).render("x", value, attrs)
    assert ours == forms.Select(choices=choices).render("x", value, attrs)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("value", [None, "EG", "CI"])
def test_menu_from_values_renders_what_the_model_rows_render(db, lang, value):
    make_country(code="EG", name_fr="Égypte", name_en="Egypt")
    make_country(code="CI", name_fr="Côte <d'Ivoire>", name_en="")  # English falls back
    with translation.override(lang):
        field = GroupFilter({"country": value}).form.fields["country"]
        ours = field.widget.render("country", value, {"id": "id_country"})
        rows = Select(choices=field.choices).render("country", value, {"id": "id_country"})
    assert ours == rows
    assert "Côte &lt;d&#x27;Ivoire&gt;</option>" in ours
    assert ("Egypt</option>" if lang == "en" else "Égypte</option>") in ours


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_reverse_with_gives_the_url_reverse_gives(db, lang):
    with translation.override(lang):
        for viewname, kwarg, value in [
            ("portal:group-detail", "slug", "france-japon"),
            ("portal:senator-detail", "slug", "jean-dupont"),
            ("portal:country-detail", "code", "jp"),
        ]:
            assert reverse_with(viewname, kwarg, value) == reverse(viewname, kwargs={kwarg: value})


def test_projection_puts_paris_and_the_corners_where_expected():
    assert worldmap.project(-180, worldmap.NORTH) == (0, 0)
    x, y = worldmap.project(180, worldmap.SOUTH)
    assert (round(x), round(y, 1)) == (worldmap.WIDTH, worldmap.HEIGHT)
    x, y = worldmap.project(2.35, 48.85)
    assert 500 < x < 510 and 90 < y < 100


@pytest.mark.django_db
def test_falls_back_to_french_only_when_english_text_is_empty():
    group = make_group(name_fr="France-Japon", name_en="", counterpart_fr="")
    assert i18n.falls_back_to_french(group, "name", "en")
    assert not i18n.falls_back_to_french(group, "name", "fr")
    assert not i18n.falls_back_to_french(group, "counterpart", "en")  # nothing shown at all
    group.name_en = "France-Japan"
    assert not i18n.falls_back_to_french(group, "name", "en")


def test_language_urls_keep_the_query_string(db):
    with translation.override("fr"):
        urls = i18n.language_urls("/fr/groupes/?zone=asie")
    assert [(code, url) for code, _, url in urls] == [
        ("fr", "/fr/groupes/?zone=asie"),
        ("en", "/en/groups/?zone=asie"),
    ]


def test_language_link_of_an_unknown_page_leads_to_the_other_home_page(db):
    with translation.override("en"):
        urls = i18n.language_urls("/en/no-such-page/")
    assert [(code, url) for code, _, url in urls] == [("fr", "/fr/"), ("en", "/en/no-such-page/")]


def test_group_members_in_french_alphabetical_order(client, db):
    group = make_group()
    for name in ["Zola", "Émery", "Dupont", "Faure"]:
        make_membership(group=group, senator=make_senator(last_name=name))
    html = client.get(group.get_absolute_url()).content.decode()
    members = html[html.index('id="members-title"') :]
    positions = [members.index(f">{name} ") for name in ["Dupont", "Émery", "Faure", "Zola"]]
    assert positions == sorted(positions)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_group_and_country_pages_link_to_their_feeds(client, db, lang):
    country = make_country(code="JP")
    group = make_group(slug="france-japon", countries=[country])
    with translation.override(lang):
        group_page = client.get(group.get_absolute_url()).content.decode()
        country_page = client.get(country.get_absolute_url()).content.decode()
        group_feeds = [
            reverse(f"reports:{name}", kwargs={"slug": "france-japon"})
            for name in ("group-rss", "group-news-rss")
        ]
        country_feeds = [
            reverse(f"reports:{name}", kwargs={"code": "jp"})
            for name in ("country-rss", "country-news-rss")
        ]
    for url in group_feeds:
        assert f'href="{url}"' in group_page
    for url in country_feeds:
        assert f'href="{url}"' in country_page


@pytest.mark.parametrize(
    ("day", "period"),
    [
        (datetime.date(2020, 10, 1), (2020, 2023)),
        (datetime.date(2023, 9, 30), (2020, 2023)),
        (datetime.date(2023, 10, 1), (2023, 2026)),
        (datetime.date(2015, 1, 10), (2014, 2017)),
    ],
)
def test_triennial_period_runs_from_one_renewal_to_the_next(day, period):
    first, last = triennial_period(day)
    assert (first.year, last.year) == period
    assert first <= day <= last


def test_past_bureaux_are_grouped_by_triennial_period(client, db):
    group = make_group()
    for name, start, end in [
        ("Ancienne", datetime.date(2014, 10, 8), datetime.date(2016, 3, 1)),
        ("Suivante", datetime.date(2016, 3, 2), datetime.date(2017, 9, 30)),
        ("Récente", datetime.date(2020, 10, 5), datetime.date(2023, 9, 30)),
    ]:
        make_membership(
            group=group,
            role=Membership.Role.SECRETARY,
            senator=make_senator(last_name=name),
            start_date=start,
            end_date=end,
        )
    html = client.get(group.get_absolute_url()).content.decode()
    past = html[html.index('id="past-title"') :]
    # One heading per period, newest first; both 2014–2017 secretaries under the same one.
    assert past.count("2014–2017") == 1 and past.count("2020–2023") == 1
    assert past.index("2020–2023") < past.index("Récente") < past.index("2014–2017")
    assert past.index("2014–2017") < past.index("Ancienne")
    assert past.index("2014–2017") < past.index("Suivante")


@pytest.mark.parametrize(
    "lang,upcoming,recent", [("fr", "Missions à venir", "Missions récentes"),
                             ("en", "Upcoming missions", "Recent missions")]
)  # fmt: skip
def test_home_splits_upcoming_and_recent_missions(client, db, lang, upcoming, recent):
    today = datetime.date.today()
    later, earlier = today + datetime.timedelta(days=400), today - datetime.timedelta(days=30)
    planned = make_mission(title_fr="Mission prévue", title_en="Mission prévue", start_date=later)
    done = make_mission(title_fr="Mission faite", title_en="Mission faite", start_date=earlier)
    response = client.get(f"/{lang}/")
    assert list(response.context["home"].upcoming_missions()) == [planned]
    assert list(response.context["home"].missions()) == [done]
    html = response.content.decode()
    assert html.index(upcoming) < html.index("Mission prévue") < html.index(recent)
    assert html.index(recent) < html.index("Mission faite")


def _key_figures(client):
    html = client.get("/fr/").content.decode()
    return html.split('class="key-figures"')[1].split("</ul>")[0]


@pytest.mark.django_db
def test_home_figure_with_nothing_behind_it_is_not_a_link(client):
    from tests.factories import make_agreement

    make_group()
    figures = _key_figures(client)
    assert "<strong>0</strong> accord de coopération décentralisée</li>" in figures
    assert "<a " not in figures
    make_agreement()
    figures = _key_figures(client)
    assert '<strong>1</strong> <a href="/fr/cooperation/">accord de coopération' in figures


def test_language_links_are_kept_per_path_and_current_language(db):
    """core.i18n keeps the answers by path: the current language is part of the answer."""
    with translation.override("fr"):
        as_french = i18n.language_urls("/en/no-such-page/")
    with translation.override("en"):
        as_english = i18n.language_urls("/en/no-such-page/")
    assert [url for _, _, url in as_french] == ["/en/no-such-page/", "/en/"]
    assert [url for _, _, url in as_english] == ["/fr/", "/en/no-such-page/"]
