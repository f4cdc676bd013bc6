import datetime

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils import translation

from reports import search as report_search
from reports.models import Report
from reports.search import SearchResults
from reports.search import clean_query
from reports.search import headline_html
from reports.search import suggest
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_mission
from tests.factories import make_news
from tests.factories import make_report

pytestmark = pytest.mark.django_db


def found(text, language="fr"):
    return list(Report.objects.published().search(text, language).values_list("slug", flat=True))


def make_dated_report(year, slug, **texts):
    """A report published on the 1st of January of ``year`` (the order's tie-breaker)."""
    return make_report(slug=slug, publication_date=datetime.date(year, 1, 1), **texts)


def assert_ranked(text, expected):
    """Both the search and the page's SearchResults give the reports in this order."""
    assert found(text) == expected
    results = SearchResults(Report.objects.published(), text, "fr")
    assert [r.slug for r in results[: len(expected)]] == expected


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
    body = "<p>" + "Le riz et le thé. " * 5 + "La viticulture est évoquée.</p>"
    make_dated_report(2024, "body", title_fr="Rapport d'activité", body_fr=body)
    make_dated_report(2010, "title", title_fr="La viticulture en Géorgie")
    assert found("viticulture") == ["title", "body"]


def test_body_only_matches_come_newest_first_after_head_matches():
    for year in (2015, 2023, 2019):
        # More occurrences in the older bodies: the body count does not rank.
        body = "<p>La pêche. " + "La pêche. " * (2030 - year) + "</p>"
        make_dated_report(year, f"body-{year}", body_fr=body)
    make_dated_report(2000, "summary", summary_fr="La pêche")
    make_dated_report(1999, "title", title_fr="La pêche")
    assert_ranked("peche", ["title", "summary", "body-2023", "body-2019", "body-2015"])


def test_search_results_pages_follow_the_search_order_across_both_runs():
    for i in range(5):
        make_report(
            slug=f"title-{i}",
            title_fr="Le volcanisme " + "volcan " * i,
            publication_date=datetime.date(2000 + i, 1, 1),
        )
        make_report(
            slug=f"body-{i}",
            body_fr="<p>Un volcan.</p>",
            publication_date=datetime.date(2010 + i, 1, 1),
        )
    make_report(slug="other", title_fr="Rien à voir")
    queryset = Report.objects.published()
    expected = list(queryset.search("volcan", "fr").values_list("slug", flat=True))
    assert expected[:5] == [f"title-{i}" for i in range(4, -1, -1)]  # more words rank higher
    assert expected[5:] == [f"body-{i}" for i in range(4, -1, -1)]  # then newest first
    results = SearchResults(queryset, "volcan", "fr")
    assert results.count() == 10 and not results.capped
    for start, stop in [(0, 3), (3, 7), (4, 6), (5, 10), (8, 20), (12, 14)]:
        assert [r.slug for r in results[start:stop]] == expected[start:stop]


def test_matches_through_the_other_language_come_after_own_title_matches():
    make_dated_report(2024, "english-title", title_fr="Le commerce", title_en="Trade")
    make_dated_report(2020, "body", body_fr="<p>Le trading.</p>")
    make_dated_report(2000, "french-title", title_fr="Le trading")
    assert_ranked("trading", ["french-title", "english-title", "body"])


def test_a_partial_title_match_is_a_body_match_for_the_order():
    make_dated_report(2001, "partial", title_fr="La pêche", body_fr="<p>Au Sénégal.</p>")
    make_dated_report(2020, "body", body_fr="<p>La pêche au Sénégal.</p>")
    make_dated_report(1999, "title", title_fr="La pêche au Sénégal")
    assert_ranked("pêche Sénégal", ["title", "body", "partial"])


def test_head_matches_still_obey_exclusions_in_the_body():
    make_report(slug="kept", title_fr="La pêche au Sénégal")
    make_report(slug="excluded", title_fr="La pêche au Maroc", body_fr="<p>Les sardines.</p>")
    results = SearchResults(Report.objects.published(), "pêche -sardines", "fr")
    assert [r.slug for r in results[0:20]] == ["kept"]
    assert results.count() == 1


def test_head_vectors_hold_number_title_and_summary_only():
    report = make_report(
        number="GA 77", title_fr="Le désert", summary_fr="Les oasis", body_fr="<p>Le chameau</p>"
    )
    Report.objects.filter(pk=report.pk).update(title_fr="La steppe")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_head_fr::text, search_head_en::text FROM reports_report WHERE id = %s",
            [report.pk],
        )
        head_fr, head_en = cursor.fetchone()
    weights_fr = {lexeme.strip("'"): pos[-1] for lexeme, pos in _lexemes(head_fr)}
    assert weights_fr["stepp"] == "A" and weights_fr["77"] == "A" and weights_fr["oasis"] == "B"
    assert "desert" not in weights_fr and "chameau" not in weights_fr
    weights_en = {lexeme.strip("'") for lexeme, _ in _lexemes(head_en)}
    assert "oasi" in weights_en and "chameau" not in weights_en


def _lexemes(vector):
    return [item.rsplit(":", 1) for item in vector.split()]


def test_huge_result_counts_are_capped(client, monkeypatch):
    monkeypatch.setattr(report_search, "MAX_COUNTED_RESULTS", 4)
    for i in range(3):
        make_report(
            slug=f"t{i}", title_fr=f"Le riz {i}", publication_date=datetime.date(2020, 1, i + 1)
        )
        make_report(
            slug=f"b{i}", body_fr="<p>Le riz.</p>", publication_date=datetime.date(2021, 1, i + 1)
        )
    results = SearchResults(Report.objects.published(), "riz", "fr")
    assert results.count() == 4 and results.capped
    assert [r.slug for r in results[0:10]] == ["t2", "t1", "t0", "b2"]
    response = client.get(reverse("reports:list"), {"q": "riz"})
    assert response.context["page"].paginator.count == 4
    assert "Plus de 4 rapports" in response.content.decode()
    with translation.override("en"):
        response = client.get(reverse("reports:list"), {"q": "riz"})
    assert "More than 4 reports" in response.content.decode()
    response = client.get(reverse("portal:search"), {"q": "riz"})
    assert response.context["results"]["report_count"] == 4
    assert response.context["results"]["report_count_capped"] is True
    assert "(plus de 4)" in response.content.decode()
    assert "Voir plus de 4 rapports" in response.content.decode()


def test_counts_below_the_cap_are_exact(client, monkeypatch):
    monkeypatch.setattr(report_search, "MAX_COUNTED_RESULTS", 4)
    for i in range(4):
        make_report(title_fr=f"Le thé {i}")
    response = client.get(reverse("reports:list"), {"q": "the"})
    assert response.context["page"].paginator.count == 4
    assert "4 rapports" in response.content.decode()
    assert "Plus de" not in response.content.decode()


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
        "x" * 10_000,
        "mot " * 3000,
        "le la les",
    ],
)
def test_any_text_is_a_valid_query(client, text):
    make_report(title_fr="Coopération")
    for url in (reverse("reports:list"), reverse("portal:search")):
        response = client.get(url, {"q": text})
        assert response.status_code == 200, url


def test_a_nul_byte_in_the_query_is_a_404(client):
    """NUL bytes are refused before any view (senat_groups/nul_bytes.py, issue 24)."""
    for url in (reverse("reports:list"), reverse("portal:search")):
        assert client.get(url, {"q": "\x00nul"}).status_code == 404, url


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


def test_suggestion_never_offers_a_group_scheduled_for_later():
    later = timezone.now() + datetime.timedelta(days=3)
    group = make_group(name_fr="Zanzibarie", name_en="Zanzibaria", published_at=later)
    assert suggest("zanzibari") is None  # its page is still a 404
    group.published_at = timezone.now() - datetime.timedelta(minutes=1)
    group.save()
    assert suggest("zanzibari") == "Zanzibarie"


def test_english_suggestion_uses_english_names(client):
    make_country(name_fr="Japon", name_en="Japan")
    make_report(title_fr="Mission au Japon", title_en="")  # falls back to the French title
    assert suggest("japn", "en") == "Japan"
    response = client.get("/en/reports/", {"q": "japn"})
    assert response.status_code == 200
    assert response.context["suggestion"] == "Japan"


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
    hit = {
        "title_fr": "Énergie",
        "group": group,
        "countries": [japan],
        "publication_date": datetime.date(2019, 5, 1),
        "kind": "information",
    }
    make_report(slug="hit", **hit)
    make_report(slug="wrong-year", **{**hit, "publication_date": datetime.date(2018, 5, 1)})
    make_report(slug="wrong-group", **{**hit, "group": other_group, "countries": [korea]})
    make_report(slug="wrong-kind", **{**hit, "kind": "mission"})
    make_report(slug="wrong-text", **{**hit, "title_fr": "Culture"})
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
        response = client.get(reverse("portal:search"), {"q": "egypte"})
    assert response.status_code == 200
    results = response.context["results"]
    assert results["report_count"] == 1
    assert [c.pk for c in results["countries"]] == [egypt.pk]
    assert [g.pk for g in results["groups"]] == [group.pk]
    assert len(results["missions"]) == 1
    assert len(results["news"]) == 1


def test_site_search_offers_suggestion(client):
    make_country(name_fr="Japon", name_en="Japan")
    response = client.get(reverse("portal:search"), {"q": "japn"})
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
    # 3. both capped counts (title/summary matches, all matches)  4. ids of the page
    # 5. page of reports + group + headlines  6. their countries
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
    # 1. every kind's count and the capped report counts  2. ids of the first reports
    # 3. those reports + group + headlines  4. their countries  5. news (the only other
    # kind found: a kind without matches costs no query for its rows)
    with django_assert_num_queries(5):
        response = client.get(reverse("portal:search"), {"q": "cooperation"})
    assert response.status_code == 200
    assert response.context["results"]["report_count"] == rows


@pytest.mark.parametrize("rows", [3, 30])
def test_search_page_where_title_matches_end_has_the_same_query_count(
    client, django_assert_num_queries, rows
):
    _make_reports(rows)
    for i in range(rows):
        make_report(body_fr=f"<p>Coopération {i}.</p>", publication_date=datetime.date(2001, 1, 1))
    page = (rows // 20) + 1  # holds the last title match and the first body match
    # 1. group choices  2. country choices  3. capped counts  4. ids of both runs (one UNION)
    # 5. page of reports + group + headlines  6. their countries
    with django_assert_num_queries(6):
        response = client.get(reverse("reports:list"), {"q": "cooperation", "page": page})
    reports = response.context["page"].object_list
    assert [r.title_fr.startswith("Coopération numéro") for r in reports].count(False) > 0
    assert all(r.snippet for r in reports)


@pytest.mark.parametrize("year", ["0", "-5"])
def test_a_search_in_a_year_no_date_can_have_finds_nothing(client, year):
    """Year 0 is a filter Django knows matches nothing: the search counted it as a 500
    (found by the URL fuzzer)."""
    make_report(slug="r", title_fr="Coopération")
    response = client.get(reverse("reports:list"), {"q": "coopération", "year": year})
    assert response.status_code == 200
    assert list(response.context["page"]) == []
