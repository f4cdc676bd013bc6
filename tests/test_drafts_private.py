"""Drafts stay private everywhere: no name, link or text of an unpublished or scheduled
object on any public page, feed, calendar, sitemap, search result or suggestion.

One published object of each kind is attached to one draft and to one scheduled object
of each related kind; every public URL is fetched in both languages. The published
objects must show (without the link to what is hidden); the hidden ones must not.
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils import translation

from core.models import Publishable
from tests.factories import make_colloquium
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_mission
from tests.factories import make_news
from tests.factories import make_reception
from tests.factories import make_report
from tests.factories import make_senator

pytestmark = pytest.mark.django_db

# Each hidden object's texts and slug carry its state's marker word.
HIDDEN = {
    "draft": {"marker": "Brouillonia", "status": Publishable.Status.DRAFT},
    "scheduled": {"marker": "Futuria", "status": Publishable.Status.PUBLISHED, "later": True},
}


def hidden_kw(state, kind):
    spec = HIDDEN[state]
    marker = spec["marker"]
    kw = {"status": spec["status"], "slug": f"{marker.lower()}-{kind}"}
    if spec.get("later"):
        kw["published_at"] = timezone.now() + datetime.timedelta(days=30)
    return marker, kw


@pytest.fixture
def site():
    """Public rows, hidden rows, and public rows attached to hidden ones."""
    country = make_country(name_fr="Pays Commun", name_en="Common Country")
    public_group = make_group(
        name_fr="France-Publique", name_en="France-Public", countries=[country]
    )
    senator = make_senator(first_name="Jeanne", last_name="Visible")
    make_membership(senator=senator, group=public_group)
    public_mission = make_mission(
        title_fr="Mission ouverte", title_en="Open mission", group=public_group
    )
    attached = {"missions": [], "colloquia": [], "reports": [], "news": []}
    for state in HIDDEN:
        marker, kw = hidden_kw(state, "group")
        group = make_group(
            name_fr=f"France-{marker} {WORD}",
            name_en=f"France-{marker} (en)",
            counterpart_fr=f"Parlement {marker}",
            countries=[country],
            **kw,
        )
        make_membership(senator=senator, group=group, role="president")
        marker, kw = hidden_kw(state, "mission")
        mission = make_mission(
            title_fr=f"Mission {marker} {WORD}",
            title_en=f"{marker} mission",
            purpose_fr=f"Objet {marker}",
            group=public_group,
            **kw,
        )
        marker, kw = hidden_kw(state, "colloquium")
        colloquium = make_colloquium(
            title_fr=f"Colloque {marker} {WORD}", title_en=f"{marker} colloquium", **kw
        )
        marker, kw = hidden_kw(state, "report")
        make_report(
            title_fr=f"Rapport {marker} {WORD}",
            title_en=f"{marker} report",
            summary_fr=f"Résumé {marker}",
            group=public_group,
            mission=public_mission,
            countries=[country],
            **kw,
        )
        marker, kw = hidden_kw(state, "news")
        make_news(
            title_fr=f"Actualité {marker} {WORD}",
            summary_fr=f"Résumé {marker}",
            groups=[public_group],
            countries=[country],
            is_featured=True,
            **kw,
        )
        marker, kw = hidden_kw(state, "reception")
        make_reception(title_fr=f"Réception {marker}", group=public_group, country=country, **kw)

        # Published, attached to the hidden rows above.
        attached["missions"].append(
            make_mission(
                title_fr=f"Mission publiée {state} {WORD}",
                title_en=f"Published mission {state}",
                group=group,
                countries=[country],
                start_date=datetime.date.today(),
            )
        )
        make_reception(title_fr=f"Réception publiée {state}", group=group, country=country)
        attached["reports"].append(
            make_report(
                title_fr=f"Rapport publié {state} {WORD}",
                title_en=f"Published report {state}",
                summary_fr="Un rapport publié.",
                group=group,
                mission=mission,
                colloquium=colloquium,
                countries=[country],
            )
        )
        # Colloquia and news name their groups and countries alike.
        for kind, make, fr, en in [
            (
                "colloquia",
                make_colloquium,
                f"Colloque publié {state}",
                f"Published colloquium {state}",
            ),
            ("news", make_news, f"Actualité publiée {state} {WORD}", f"Published news {state}"),
        ]:
            attached[kind].append(
                make(title_fr=fr, title_en=en, groups=[group], countries=[country])
            )
    return {
        "country": country,
        "group": public_group,
        "senator": senator,
        "mission": public_mission,
        **attached,
    }


def public_urls(site):
    """Every public URL of the portal for these rows, in the active language."""
    group, country = site["group"], site["country"]
    urls = [
        reverse(name)
        for name in (
            "portal:home",
            "groups:list",
            "groups:country-list",
            "portal:map",
            "missions:list",
            "missions:ical",
            "missions:colloquium-list",
            "missions:colloquium-ical",
            "reports:list",
            "reports:news-list",
            "reports:rss",
            "reports:atom",
            "reports:news-rss",
            "reports:news-atom",
        )
    ]
    urls += [
        group.get_absolute_url(),
        country.get_absolute_url(),
        site["senator"].get_absolute_url(),
        site["mission"].get_absolute_url(),
        reverse("dossier:group", kwargs={"slug": group.slug}),
        reverse("dossier:country", kwargs={"code": country.code.lower()}),
    ]
    for name in ("group-rss", "group-atom", "group-news-rss", "group-news-atom"):
        urls.append(reverse(f"reports:{name}", kwargs={"slug": group.slug}))
    for name in ("country-rss", "country-atom", "country-news-rss", "country-news-atom"):
        urls.append(reverse(f"reports:{name}", kwargs={"code": country.code.lower()}))
    for kind in ("missions", "colloquia", "reports", "news"):
        urls += [row.get_absolute_url() for row in site[kind]]
    search, reports = reverse("portal:search"), reverse("reports:list")
    for spec in HIDDEN.values():
        marker = spec["marker"]
        # The marker itself, and a misspelling that a leaked word would be suggested for.
        # (The page repeats the query: it must not contain the marker itself.)
        for q in (marker[:-1] + "o", f"France-{marker[:-1]}"):
            urls += [f"{search}?q={q}", f"{reports}?q={q}"]
    # A word in every hidden row's title and in the published rows attached to them.
    for q in (WORD, "publié", "published"):
        urls += [f"{search}?q={q}", f"{reports}?q={q}"]
    urls += [f"{reverse('missions:list')}?country={country.code}"]
    # The lists' CSV files (the open-data zip uses the same columns).
    urls += [f"{reverse(name)}?format=csv" for name in ("missions:list", "reports:list")]
    return urls


def hidden_urls():
    """The detail pages of the hidden rows, which must be 404."""
    urls = []
    for spec in HIDDEN.values():
        slug = spec["marker"].lower()
        urls += [
            reverse("portal:group-detail", kwargs={"slug": f"{slug}-group"}),
            reverse("portal:mission-detail", kwargs={"slug": f"{slug}-mission"}),
            reverse("portal:colloquium-detail", kwargs={"slug": f"{slug}-colloquium"}),
            reverse("reports:detail", kwargs={"slug": f"{slug}-report"}),
            reverse("reports:news-detail", kwargs={"slug": f"{slug}-news"}),
            reverse("reports:group-rss", kwargs={"slug": f"{slug}-group"}),
        ]
    return urls


WORD = "Zéphyrin"
LEAK = re.compile("|".join(spec["marker"].lower() for spec in HIDDEN.values()), re.IGNORECASE)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_hidden_name_or_link_on_any_public_url(client, site, lang):
    with translation.override(lang):
        urls = public_urls(site)
        hidden = hidden_urls()
    bodies, leaks = {}, []
    for url in urls + ["/sitemap.xml"]:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response) if response.streaming else response.content
        bodies[url] = body.decode()
        for found in LEAK.finditer(bodies[url]):
            context = bodies[url][max(found.start() - 80, 0) : found.end() + 20]
            leaks.append(f"{url}: …{context}…")
    assert not leaks, "hidden rows shown:\n" + "\n".join(leaks)
    for url in hidden:
        assert client.get(url).status_code == 404, url

    # The published rows attached to hidden ones still show, where they belong.
    everything = "\n".join(bodies.values())
    with translation.override(lang):
        for kind in ("missions", "colloquia", "reports", "news"):
            for row in site[kind]:
                assert row.title in everything, row.title
                assert row.get_absolute_url() in bodies["/sitemap.xml"] or kind == "news"
        mission_list = bodies[reverse("missions:list")]
        country_page = bodies[site["country"].get_absolute_url()]
    for row in site["missions"]:
        assert row.title in mission_list and row.title in country_page
    assert "France-Publique" in bodies[f"/{lang}/"] or "France-Public" in bodies[f"/{lang}/"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_suggestions_offer_only_public_names(lang):
    from reports.search import suggest

    later = timezone.now() + datetime.timedelta(days=3)
    make_group(name_fr="Syldavie", name_en="Syldavia")
    make_group(name_fr="Bordurie", name_en="Borduria", published_at=later)
    make_group(name_fr="Zorglubie", name_en="Zorglubia", status=Publishable.Status.DRAFT)
    make_report(title_fr="Rapport Moldavique", title_en="Moldavic report", published_at=later)
    make_report(title_fr="Rapport Ruritanien", title_en="Ruritanian report")
    with translation.override(lang):
        assert suggest("Syldavi", lang) in ("Syldavie", "Syldavia")  # public: offered
        assert suggest("Ruritanie", lang) in ("Ruritanien", "Ruritanian")
        for typo in ("Bordurie", "Borduri", "Zorglubi", "Moldaviqe", "Moldavi"):
            suggestion = suggest(typo, lang) or ""
            assert not re.search("bordur|zorglub|moldav", suggestion, re.I), (typo, suggestion)


def test_sitemap_lists_no_senator_known_only_through_a_hidden_group(client):
    hidden = make_group(status=Publishable.Status.DRAFT)
    only_hidden = make_senator(slug="senateur-du-brouillon")
    make_membership(senator=only_hidden, group=hidden)
    public = make_senator(slug="senatrice-publique")
    make_membership(senator=public)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "senatrice-publique" in sitemap
    assert "senateur-du-brouillon" not in sitemap
