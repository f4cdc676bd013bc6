import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils import translation

from tests.factories import make_colloquium
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_mission
from tests.factories import make_report
from tests.factories import make_senator

pytestmark = pytest.mark.django_db


def test_report_list_is_newest_first_and_hides_drafts(client):
    make_report(slug="old", publication_date=datetime.date(1995, 3, 1))
    make_report(slug="new", publication_date=datetime.date(2024, 3, 1))
    make_report(slug="draft", status="draft")
    response = client.get(reverse("reports:list"))
    assert [r.slug for r in response.context["page"]] == ["new", "old"]


def test_report_list_paginates_by_20(client):
    for _ in range(21):
        make_report()
    response = client.get(reverse("reports:list"), {"page": 2})
    assert len(response.context["page"]) == 1


def test_report_list_pages_are_in_order_with_filters(client):
    country = make_country()
    for day in range(1, 26):
        make_report(
            slug=f"r{day:02}", publication_date=datetime.date(2020, 1, day), countries=[country]
        )
    make_report(slug="elsewhere", publication_date=datetime.date(2020, 1, 15))
    make_report(slug="future", published_at=timezone.now() + datetime.timedelta(days=1))
    newest_first = [f"r{day:02}" for day in range(25, 0, -1)]
    pages = [
        [
            r.slug
            for r in client.get(
                reverse("reports:list"), {"page": n, "country": country.code}
            ).context["page"]
        ]
        for n in (1, 2)
    ]
    assert pages == [newest_first[:20], newest_first[20:]]


def test_report_detail_shows_everything_with_author_links(client):
    country = make_country(name_fr="Japon")
    group = make_group(name_fr="France-Japon", countries=[country])
    senator = make_senator(first_name="Anne", last_name="Martin")
    mission = make_mission(group=group, title_fr="Mission à Tokyo")
    colloquium = make_colloquium(title_fr="Colloque économique")
    report = make_report(
        number="GA 102",
        title_fr="Le Japon face au vieillissement",
        summary_fr="Résumé du rapport.",
        body_fr='<p>Texte <strong>intégral</strong><script>alert("x")</script></p>',
        group=group,
        mission=mission,
        colloquium=colloquium,
        countries=[country],
        authors=[senator],
    )
    response = client.get(report.get_absolute_url())
    content = response.content.decode()
    assert "GA 102" in content
    assert "Le Japon face au vieillissement" in content
    assert f'href="{senator.get_absolute_url()}"' in content
    assert f'href="{group.get_absolute_url()}"' in content
    assert f'href="{mission.get_absolute_url()}"' in content
    assert "<strong>intégral</strong>" in content
    assert "alert(" not in content
    assert "1 juin 2024" in content
    assert "/pdf/" not in content  # no PDF, no download link


def test_report_detail_links_to_the_pdf_download(client, settings, tmp_path):
    from django.core.files.base import ContentFile

    from tests.factories import make_pdf_bytes

    settings.MEDIA_ROOT = tmp_path
    report = make_report(slug="avec-pdf")
    report.pdf.save("x.pdf", ContentFile(make_pdf_bytes()))
    content = client.get(report.get_absolute_url()).content.decode()
    assert 'href="/fr/rapports/avec-pdf/pdf/"' in content
    assert "/media/" not in content


@pytest.mark.parametrize("lang,size", [("fr", "(PDF, 1,2\xa0Mo)"), ("en", "(PDF, 1.2\xa0MB)")])
def test_report_pdf_link_gives_its_size(client, lang, size):
    from django.core.files.base import ContentFile

    from tests.factories import make_pdf_bytes

    report = make_report(slug="avec-pdf")
    pdf = make_pdf_bytes("Rapport")
    report.pdf.save("x.pdf", ContentFile(pdf + b"%" * (1_300_000 - len(pdf))))
    with translation.override(lang):
        url = report.get_absolute_url()
    assert size in client.get(url).content.decode()


def test_report_detail_in_english_falls_back_to_french_text(client):
    report = make_report(title_fr="Titre français", title_en="", summary_fr="Résumé")
    with translation.override("en"):
        url = report.get_absolute_url()
    assert url.startswith("/en/reports/")
    response = client.get(url)
    assert response["Content-Language"] == "en"
    assert "Titre français" in response.content.decode()


def test_draft_report_is_404(client):
    report = make_report(status="draft")
    assert client.get(report.get_absolute_url()).status_code == 404


def test_report_detail_query_count(client, django_assert_num_queries):
    country = make_country()
    group = make_group(countries=[country])
    report = make_report(
        group=group,
        mission=make_mission(group=group),
        countries=[country, make_country(), make_country()],
        authors=[make_senator(), make_senator(), make_senator()],
    )
    # 1. report + group + mission + colloquium  2. countries  3. authors
    with django_assert_num_queries(3):
        response = client.get(report.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_report_pages_answer_in_both_languages(client, lang):
    report = make_report()
    with translation.override(lang):
        urls = [reverse("reports:list"), report.get_absolute_url(), reverse("portal:search")]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Language"] == lang


@pytest.mark.parametrize(
    "lang,labels",
    [
        ("fr", ["Toutes les années", "Tous les groupes", "Tous les pays", "Tous les types"]),
        ("en", ["All years", "All groups", "All countries", "All types"]),
    ],
)
def test_report_list_menus_say_what_their_empty_choice_means(client, lang, labels):
    with translation.override(lang):
        html = client.get(reverse("reports:list")).content.decode()
    assert "---------" not in html
    for label in labels:
        assert f'<option value="" selected>{label}</option>' in html


@pytest.mark.django_db
def test_repeated_report_titles_on_a_country_page_show_their_year(client):
    import datetime
    import re

    from tests.factories import make_report

    armenia = make_country(code="AM", name_fr="Arménie")
    for year in (1998, 2017):
        make_report(
            title_fr="Les relations franco-arméniennes",
            countries=[armenia],
            publication_date=datetime.date(year, 3, 1),
        )
    make_report(title_fr="Un seul rapport", countries=[armenia])
    html = client.get("/fr/pays/am/").content.decode()
    # The reports' list (the timeline below lists them too, dated).
    reports = html[
        html.index('id="reports-title"') : html.index(
            "</section>", html.index('id="reports-title"')
        )
    ]
    links = re.findall(r'<a href="/fr/rapports/[^"]+/">([^<]+)</a>', reports)
    assert sorted(links) == [
        "Les relations franco-arméniennes (1998)",
        "Les relations franco-arméniennes (2017)",
        "Un seul rapport",
    ]
