import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from reports.models import Report
from reports.search import clean_query, headline_html, suggest
from tests.factories import (
    make_country,
    make_group,
    make_mission,
    make_news,
    make_report,
)

pytestmark = pytest.mark.django_db


def found(text, language="fr"):
    return list(Report.objects.published().search(text, language).values_list("slug", flat=True))


def test_unaccented_query_finds_accented_text():
    make_report(slug="coop", title_fr="La coopération décentralisée avec l'Égypte")
    assert found("cooperation") == ["coop"]
    assert found("Egypte") == ["coop"]


def test_accented_query_finds_unaccented_text():
    make_report(slug="plain", title_fr="Cooperation economique", summary_fr="Egypte et Liban")
    assert found("coopération") == ["plain"]
    assert found("Égypte") == ["plain"]


def test_plural_finds_singular_by_stemming():
    make_report(slug="one", title_fr="Une mission au Japon")
    assert found("missions") == ["one"]


def test_english_stemming_in_english():
    make_report(slug="en", title_fr="Échanges", title_en="Parliamentary exchanges")
    assert found("exchange", "en") == ["en"]


def test_title_match_ranks_before_body_match():
    make_report(
        slug="body",
        title_fr="Rapport d'activité",
        body_fr="<p>" + "Le riz et le thé. " * 5 + "La viticulture est évoquée.</p>",
        publication_date=datetime.date(2024, 1, 1),
    )
    make_report(
        slug="title",
        title_fr="La viticulture en Géorgie",
        publication_date=datetime.date(2010, 1, 1),
    )
    assert found("viticulture") == ["title", "body"]


def test_summary_match_ranks_before_extracted_text_match():
    make_report(slug="pdf", title_fr="Rapport A", extracted_text="Les vignobles du Caucase.")
    make_report(slug="summary", title_fr="Rapport B", summary_fr="Les vignobles de Kakhétie.")
    assert found("vignobles") == ["summary", "pdf"]


def test_english_search_finds_french_only_report():
    make_report(slug="fr-only", title_fr="La coopération universitaire", title_en="")
    assert found("coopération", "en") == ["fr-only"]
    assert found("cooperation", "en") == ["fr-only"]


def test_french_search_finds_english_words():
    make_report(slug="bilingual", title_fr="Le commerce du vin", title_en="The wine trade")
    assert found("wine", "fr") == ["bilingual"]


def test_extracted_pdf_text_is_searchable():
    make_report(slug="pdf", extracted_text="Hydroélectricité sur le Mékong")
    assert found("hydroelectricite mekong") == ["pdf"]


def test_unpublished_report_is_not_found():
    make_report(slug="draft", title_fr="Mission secrète", status="draft")
    assert found("secrète") == []


def test_web_search_syntax_phrase_or_and_exclusion():
    make_report(slug="a", title_fr="Énergie solaire au Maroc")
    make_report(slug="b", title_fr="Énergie éolienne au Maroc")
    make_report(slug="c", title_fr="Agriculture au Sénégal")
    assert sorted(found("énergie -éolienne")) == ["a"]
    assert sorted(found("solaire OR Sénégal")) == ["a", "c"]
    assert found('"énergie solaire"') == ["a"]


def test_vectors_are_filled_by_bulk_create():
    Report.objects.bulk_create(
        [
            Report(
                title_fr=f"Rapport groupé {i} sur la Mongolie",
                slug=f"bulk-{i}",
                publication_date=datetime.date(2020, 1, 1),
                status="published",
            )
            for i in range(3)
        ]
    )
    assert len(found("mongolie")) == 3


def test_vectors_follow_updates_and_refresh():
    report = make_report(slug="upd", title_fr="Ancien titre")
    Report.objects.filter(pk=report.pk).update(title_fr="Nouveau titre sur l'Arménie")
    assert found("armenie") == ["upd"]
    with connection.cursor() as cursor:  # as a raw import with the trigger off would leave it
        cursor.execute("SET LOCAL session_replication_role = replica")  # triggers off
        cursor.execute("UPDATE reports_report SET title_fr = 'Le Kazakhstan', search_fr = NULL")
        cursor.execute("SET LOCAL session_replication_role = DEFAULT")
    assert found("kazakhstan") == []
    assert Report.objects.all().refresh_search_vectors() == 1
    assert found("kazakhstan") == ["upd"]


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '""""',
        "-",
        "- - -",
        "OR",
        "OR OR",
        "a OR",
        "'; DROP TABLE reports_report; --",
        "\\",
        "%_",
        "(!&|:*)",
        "<script>alert(1)</script>",
        "🇫🇷 coopération 🤝",
        "\x00nul",
        "x" * 10_000,
        "mot " * 3000,
        "le la les",
    ],
)
def test_any_text_is_a_valid_query(client, text):
    make_report(title_fr="Coopération")
    for url in (reverse("reports:list"), reverse("reports:search")):
        response = client.get(url, {"q": text})
        assert response.status_code == 200, url


def test_clean_query_caps_length_and_removes_control_characters():
    assert clean_query("a\x00b\tc  d") == "a b c d"
    assert len(clean_query("x" * 10_000)) == 200
    assert clean_query(None) == ""


def test_headline_html_escapes_text_and_marks_matches():
    html = headline_html("<b>x</b> \ue000coopération\ue001")
    assert html == "&lt;b&gt;x&lt;/b&gt; <mark>coopération</mark>"


def test_search_page_highlights_matches_in_snippets(client):
    make_report(
        title_fr="Rapport",
        summary_fr="La coopération en R&D décentralisée",
    )
    response = client.get(reverse("reports:list"), {"q": "cooperation"})
    content = response.content.decode()
    assert "<mark>coopération</mark> en R&amp;D" in content  # the text itself is escaped


def test_suggestion_from_country_names():
    make_country(name_fr="Japon", name_en="Japan")
    make_country(name_fr="Jordanie", name_en="Jordan")
    assert suggest("japn") == "Japon"


def test_suggestion_from_report_title_words():
    make_report(title_fr="La viticulture en Géorgie")
    assert suggest("viticultre") == "viticulture"


def test_no_suggestion_for_known_or_unknown_words():
    make_country(name_fr="Japon", name_en="Japan")
    assert suggest("Japon") is None
    assert suggest("zzzzqqq") is None


def test_report_list_offers_suggestion_when_nothing_found(client):
    make_country(name_fr="Japon", name_en="Japan")
    make_report(title_fr="Mission au Japon")
    response = client.get(reverse("reports:list"), {"q": "japn"})
    assert response.context["page"].paginator.count == 0
    assert response.context["suggestion"] == "Japon"
    assert "?q=Japon" in response.content.decode()


def test_report_list_combines_filters_with_text(client):
    japan = make_country(name_fr="Japon")
    korea = make_country(name_fr="Corée")
    group = make_group(countries=[japan])
    other_group = make_group(countries=[korea])
    make_report(
        slug="hit",
        title_fr="Énergie",
        group=group,
        countries=[japan],
        publication_date=datetime.date(2019, 5, 1),
        kind="information",
    )
    make_report(
        slug="wrong-year",
        title_fr="Énergie",
        group=group,
        countries=[japan],
        publication_date=datetime.date(2018, 5, 1),
        kind="information",
    )
    make_report(
        slug="wrong-group",
        title_fr="Énergie",
        group=other_group,
        countries=[korea],
        publication_date=datetime.date(2019, 5, 1),
        kind="information",
    )
    make_report(
        slug="wrong-kind",
        title_fr="Énergie",
        group=group,
        countries=[japan],
        publication_date=datetime.date(2019, 5, 1),
        kind="mission",
    )
    make_report(
        slug="wrong-text",
        title_fr="Culture",
        group=group,
        countries=[japan],
        publication_date=datetime.date(2019, 5, 1),
        kind="information",
    )
    params = {"q": "energie", "year": "2019", "group": group.slug, "country": japan.code,
              "kind": "information"}  # fmt: skip
    response = client.get(reverse("reports:list"), params)
    assert [r.slug for r in response.context["page"]] == ["hit"]
    params.pop("year")
    response = client.get(reverse("reports:list"), params)
    assert sorted(r.slug for r in response.context["page"]) == ["hit", "wrong-year"]


def test_invalid_filter_values_are_ignored_not_500(client):
    make_report(slug="r")
    response = client.get(
        reverse("reports:list"),
        {"year": "abc", "group": "nope", "country": "ZZ", "kind": "x", "page": "999"},
    )
    assert response.status_code == 200


def test_site_search_groups_results_by_type(client):
    egypt = make_country(name_fr="Égypte", name_en="Egypt")
    group = make_group(name_fr="France-Égypte", name_en="France-Egypt", countries=[egypt])
    make_report(title_fr="Mission en Égypte", group=group)
    make_mission(title_fr="Visite en Égypte", group=group)
    make_news(title_fr="Le groupe France-Égypte reçoit une délégation")
    with translation.override("en"):
        response = client.get(reverse("reports:search"), {"q": "egypte"})
    assert response.status_code == 200
    results = response.context["results"]
    assert results["report_count"] == 1
    assert [c.pk for c in results["countries"]] == [egypt.pk]
    assert [g.pk for g in results["groups"]] == [group.pk]
    assert len(results["missions"]) == 1
    assert len(results["news"]) == 1


def test_site_search_url_is_translated():
    with translation.override("fr"):
        assert reverse("reports:search") == "/fr/recherche/"
        assert reverse("reports:list") == "/fr/rapports/"
    with translation.override("en"):
        assert reverse("reports:search") == "/en/search/"
        assert reverse("reports:list") == "/en/reports/"


def test_site_search_offers_suggestion(client):
    make_country(name_fr="Japon", name_en="Japan")
    response = client.get(reverse("reports:search"), {"q": "japn"})
    assert response.context["suggestion"] == "Japon"


def _make_reports(n, **kw):
    country = make_country()
    group = make_group(countries=[country])
    for i in range(n):
        make_report(
            title_fr=f"Coopération numéro {i}",
            summary_fr="Coopération culturelle.",
            group=group,
            countries=[country],
            **kw,
        )


@pytest.mark.parametrize("rows", [3, 30])
def test_report_list_search_query_count(client, django_assert_num_queries, rows):
    _make_reports(rows)
    # 1. group choices of the filter form  2. country choices
    # 3. count  4. page of reports + group  5. their countries  6. headlines of the page
    with django_assert_num_queries(6):
        response = client.get(reverse("reports:list"), {"q": "cooperation"})
    assert response.status_code == 200
    assert len(response.context["page"]) == min(rows, 20)


@pytest.mark.parametrize("rows", [3, 30])
def test_report_list_query_count(client, django_assert_num_queries, rows):
    _make_reports(rows)
    # 1. group choices  2. country choices  3. count  4. page + group  5. countries
    with django_assert_num_queries(5):
        response = client.get(reverse("reports:list"))
    assert response.status_code == 200


@pytest.mark.parametrize("rows", [3, 30])
def test_site_search_query_count(client, django_assert_num_queries, rows):
    _make_reports(rows)
    for i in range(rows):
        make_news(title_fr=f"Coopération {i}")
    # 1. reports  2. their countries  3. headlines  4. report count
    # 5. groups  6. countries  7. missions  8. news
    with django_assert_num_queries(8):
        response = client.get(reverse("reports:search"), {"q": "cooperation"})
    assert response.status_code == 200
    assert response.context["results"]["report_count"] == rows
