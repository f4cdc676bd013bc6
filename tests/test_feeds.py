import datetime
import re
from html.parser import HTMLParser

import feedparser
import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils import translation

from tests.factories import make_agreement
from tests.factories import make_colloquium
from tests.factories import make_country
from tests.factories import make_foreign_authority
from tests.factories import make_group
from tests.factories import make_mission
from tests.factories import make_news
from tests.factories import make_report
from tests.helpers.feeds import FeedLinks
from tests.helpers.feeds import parse
from tests.helpers.payloads import XSS_PAYLOADS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_report_feed_in_french_and_english(client, kind):
    make_report(title_fr="Rapport sur le Japon", title_en="Report on Japan", number="GA 7")
    make_report(title_fr="Brouillon", status="draft")
    with translation.override("fr"):
        fr_url = reverse(f"reports:{kind}")
    with translation.override("en"):
        en_url = reverse(f"reports:{kind}")
    assert fr_url == f"/fr/rapports/{kind}/"
    assert en_url == f"/en/reports/{kind}/"
    fr, en = parse(client, fr_url), parse(client, en_url)
    assert [e.title for e in fr.entries] == ["GA 7 — Rapport sur le Japon"]
    assert [e.title for e in en.entries] == ["GA 7 — Report on Japan"]
    assert "/fr/rapports/" in fr.entries[0].link
    assert "/en/reports/" in en.entries[0].link
    assert fr.feed.title != en.feed.title


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_news_feed_in_both_languages(client, kind):
    make_news(title_fr="Une actualité", title_en="A news item")
    with translation.override("fr"):
        assert reverse(f"reports:news-{kind}") == f"/fr/actualites/{kind}/"
        fr = parse(client, reverse(f"reports:news-{kind}"))
    with translation.override("en"):
        assert reverse(f"reports:news-{kind}") == f"/en/news/{kind}/"
        en = parse(client, reverse(f"reports:news-{kind}"))
    assert [e.title for e in fr.entries] == ["Une actualité"]
    assert [e.title for e in en.entries] == ["A news item"]


def test_group_and_country_feeds_hold_only_their_items(client):
    japan, korea = make_country(name_fr="Japon"), make_country(name_fr="Corée")
    group = make_group(countries=[japan], slug="france-japon")
    make_report(title_fr="Du groupe", group=group, countries=[japan])
    make_report(title_fr="Autre", countries=[korea])
    make_news(title_fr="Nouvelle du groupe", groups=[group])
    make_news(title_fr="Nouvelle de Corée", countries=[korea])
    with translation.override("fr"):
        group_url = reverse("reports:group-rss", kwargs={"slug": "france-japon"})
        country_url = reverse("reports:country-atom", kwargs={"code": korea.code.lower()})
        group_news = reverse("reports:group-news-atom", kwargs={"slug": "france-japon"})
        country_news = reverse("reports:country-news-rss", kwargs={"code": korea.code.lower()})
    assert group_url == "/fr/groupes/france-japon/rapports/rss/"
    assert country_url == f"/fr/pays/{korea.code.lower()}/rapports/atom/"
    assert [e.title.split(" — ")[1] for e in parse(client, group_url).entries] == ["Du groupe"]
    assert [e.title.split(" — ")[1] for e in parse(client, country_url).entries] == ["Autre"]
    assert [e.title for e in parse(client, group_news).entries] == ["Nouvelle du groupe"]
    assert [e.title for e in parse(client, country_news).entries] == ["Nouvelle de Corée"]


def test_feed_of_unknown_group_or_country_is_404(client):
    assert client.get("/fr/groupes/inconnu/rapports/rss/").status_code == 404
    assert client.get("/fr/pays/zz/actualites/rss/").status_code == 404
    assert client.get("/fr/pays/" + "x" * 300 + "/rapports/rss/").status_code == 404


def ical(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_colloquium_ical_parses_and_lists_published_colloquia(client):
    start = timezone.now() + datetime.timedelta(days=10)
    make_colloquium(title_fr="Colloque Asie", title_en="Asia colloquium", start_at=start)
    make_colloquium(title_fr="Brouillon", status="draft")
    with translation.override("fr"):
        url = reverse("missions:colloquium-ical")
    assert url == "/fr/colloques/ical/"
    events = ical(client, url).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Colloque Asie"]
    assert events[0].decoded("DTSTART") == start.replace(microsecond=0)
    with translation.override("en"):
        url = reverse("missions:colloquium-ical")
    assert url == "/en/colloquia/ical/"
    assert [str(e["SUMMARY"]) for e in ical(client, url).walk("VEVENT")] == ["Asia colloquium"]


def test_mission_ical_has_all_day_events(client):
    today = timezone.localdate()
    make_mission(title_fr="Mission au Japon", start_date=today, end_date=today)
    with translation.override("fr"):
        url = reverse("missions:ical")
    events = ical(client, url).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Mission au Japon"]
    assert events[0].decoded("DTSTART") == today
    assert events[0].decoded("DTEND") == today + datetime.timedelta(days=1)


@pytest.mark.parametrize("rows", [3, 30])
def test_feed_and_calendar_query_counts(client, django_assert_num_queries, rows):
    country = make_country()
    group = make_group(countries=[country])
    for _ in range(rows):
        make_report(group=group, countries=[country])
        make_news(groups=[group])
        make_mission(group=group, start_date=timezone.localdate())
        make_colloquium()
    code = country.code.lower()
    # Each: 1 query for the rows (reports with their group).
    for url in (reverse("reports:rss"), reverse("reports:news-atom")):
        with django_assert_num_queries(1):
            assert client.get(url).status_code == 200
    # 1. the group or country  2. its rows
    for url in (
        reverse("reports:group-rss", kwargs={"slug": group.slug}),
        reverse("reports:country-news-rss", kwargs={"code": code}),
    ):
        with django_assert_num_queries(2):
            assert client.get(url).status_code == 200
    # 1. colloquia
    with django_assert_num_queries(1):
        assert client.get(reverse("missions:colloquium-ical")).status_code == 200
    # 1. missions + group  2. their countries
    with django_assert_num_queries(2):
        assert client.get(reverse("missions:ical")).status_code == 200


# --- Hostile text: plain text goes out as text ----------------------------------------


class _Rendered(HTMLParser):
    """What a feed reader that renders HTML shows: the text, and any element it builds."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    handle_startendtag = handle_starttag

    def handle_data(self, data):
        self.text.append(data)


def shown_by_a_reader(detail):
    """The text a reader shows for a feedparser ``*_detail``, and the elements it would build."""
    if detail.type == "text/plain":
        return detail.value, []
    rendered = _Rendered()
    rendered.feed(detail.value)
    rendered.close()
    return "".join(rendered.text), rendered.tags


def _chunks(items, size):
    return [items[i : i + size] for i in range(0, len(items), size)]


# PostgreSQL text cannot hold NUL, nor XML the other C0 controls: the rest, all of them.
STORABLE_PAYLOADS = [p for p in XSS_PAYLOADS if not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", p)]


@pytest.mark.parametrize("payloads", _chunks(STORABLE_PAYLOADS, 15))
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_plain_text_goes_out_as_text_in_feeds(client, kind, payloads):
    group = make_group(name_fr=payloads[0])
    for payload in payloads:
        make_report(title_fr=payload, summary_fr=payload, group=group, number=None)
        make_news(title_fr=payload, summary_fr=payload)
    with translation.override("fr"):
        urls = [reverse(f"reports:{kind}"), reverse(f"reports:news-{kind}")]
        urls.append(reverse(f"reports:group-{kind}", kwargs={"slug": group.slug}))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        # A reader that renders HTML and sanitises nothing.
        feed = feedparser.parse(response.content, sanitize_html=False)
        assert not feed.bozo, feed.bozo_exception
        assert len(feed.entries) == len(payloads), url
        for entry in feed.entries:
            title, title_tags = shown_by_a_reader(entry.title_detail)
            summary, summary_tags = shown_by_a_reader(entry.summary_detail)
            assert title_tags == [] and summary_tags == [], (url, entry.title_detail)
            assert summary in payloads, (url, entry.summary_detail)
            assert title == summary, url
    with translation.override("fr"):
        group_feed = client.get(reverse(f"reports:group-{kind}", kwargs={"slug": group.slug}))
    channel = feedparser.parse(group_feed.content, sanitize_html=False).feed
    text, tags = shown_by_a_reader(channel.title_detail)
    assert tags == [] and payloads[0] in text


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_plain_text_goes_out_as_text_in_the_cooperation_feeds(client, kind):
    payloads = STORABLE_PAYLOADS[:15]
    country = make_country(code="JP")
    names = {payload: payload[:200] for payload in payloads}  # an authority's name: 200 at most
    for payload, name in names.items():
        foreign = make_foreign_authority(name_fr=name, country=country)
        make_agreement(summary_fr=payload, foreign=[foreign])
    with translation.override("fr"):
        url = reverse(f"cooperation:country-{kind}", kwargs={"code": "jp"})
    response = client.get(url)
    assert response.status_code == 200
    feed = feedparser.parse(response.content, sanitize_html=False)
    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) == len(payloads)
    for entry in feed.entries:
        title, title_tags = shown_by_a_reader(entry.title_detail)
        summary, summary_tags = shown_by_a_reader(entry.summary_detail)
        assert title_tags == [] and summary_tags == [], entry.summary_detail
        assert summary in payloads and names[summary] in title


# --- « Subscribe »: every page with feeds offers them, in its body and its head ------------


RSS, ATOM, ICAL = "application/rss+xml", "application/atom+xml", "text/calendar"


def subscribe_pages(lang):
    """(page, {(type, feed URL)} it must offer), in ``lang``."""
    group = make_group(slug="france-japon")
    country = make_country(code="JP")
    with translation.override(lang):
        return [
            (reverse("reports:list"), {
                (RSS, reverse("reports:rss")), (ATOM, reverse("reports:atom")),
            }),
            (reverse("reports:news-list"), {
                (RSS, reverse("reports:news-rss")), (ATOM, reverse("reports:news-atom")),
            }),
            (reverse("missions:list"), {(ICAL, reverse("missions:ical"))}),
            (reverse("cooperation:list"), {
                (RSS, reverse("cooperation:rss")), (ATOM, reverse("cooperation:atom")),
            }),
            (reverse("missions:colloquium-list"), {(ICAL, reverse("missions:colloquium-ical"))}),
            (group.get_absolute_url(), {
                (RSS, reverse("reports:group-rss", kwargs={"slug": group.slug})),
                (ATOM, reverse("reports:group-atom", kwargs={"slug": group.slug})),
                (RSS, reverse("reports:group-news-rss", kwargs={"slug": group.slug})),
                (ATOM, reverse("reports:group-news-atom", kwargs={"slug": group.slug})),
            }),
            (country.get_absolute_url(), {
                (RSS, reverse("reports:country-rss", kwargs={"code": "jp"})),
                (ATOM, reverse("reports:country-atom", kwargs={"code": "jp"})),
                (RSS, reverse("reports:country-news-rss", kwargs={"code": "jp"})),
                (ATOM, reverse("reports:country-news-atom", kwargs={"code": "jp"})),
                (RSS, reverse("cooperation:country-rss", kwargs={"code": "jp"})),
                (ATOM, reverse("cooperation:country-atom", kwargs={"code": "jp"})),
            }),
        ]  # fmt: skip


@pytest.mark.parametrize("lang,word", [("fr", "S’abonner"), ("en", "Subscribe")])
def test_pages_offer_their_feeds_in_body_and_head(client, lang, word):
    for page, feeds in subscribe_pages(lang):
        response = client.get(page)
        assert response.status_code == 200, page
        html = response.content.decode()
        links = FeedLinks()
        links.feed(html)
        assert links.head == feeds, page
        assert links.body >= feeds, page
        assert word in html, page
        for _, url in feeds:
            assert client.get(url).status_code == 200, url


def test_cooperation_feed_has_every_published_agreement(client):
    make_agreement(summary_fr="Jumelage publié")
    make_agreement(summary_fr="Brouillon", status="draft")
    for name in ("cooperation:rss", "cooperation:atom"):
        feed = parse(client, reverse(name))
        assert len(feed.entries) == 1
