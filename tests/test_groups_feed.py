"""The groups and countries lists' feed: groups created or dissolved, newest first."""

import datetime
import html

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils import translation

from tests.factories import count_queries
from tests.factories import make_country
from tests.factories import make_group
from tests.helpers.feeds import FeedLinks
from tests.helpers.feeds import parse

pytestmark = pytest.mark.django_db

RSS, ATOM = "application/rss+xml", "application/atom+xml"
DAY = datetime.timedelta(days=1)


def feed_url(kind, lang="fr"):
    with translation.override(lang):
        return reverse(f"groups:{kind}")


@pytest.fixture
def history():
    today = timezone.localdate()
    japan = make_country(name_fr="Japon", name_en="Japan")
    make_group(name_fr="France-Japon", created_on=today - 10 * DAY, countries=[japan])
    make_group(
        name_fr="France-Atlantide",
        name_en="France-Atlantis",
        created_on=datetime.date(1998, 3, 1),
        dissolved_on=today - 3 * DAY,
        official_name_fr="Groupe interparlementaire d'amitié France-Atlantide",
    )
    make_group(name_fr="France-Brouillon", created_on=today - DAY, status="draft")
    make_group(name_fr="France-Futur", created_on=today + 5 * DAY)  # not news yet
    make_group(name_fr="France-Bientôt dissous", dissolved_on=today + 5 * DAY)
    make_group(name_fr="France-Sans date")  # no creation date: nothing to say


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_the_feed_lists_creations_and_dissolutions_newest_first(client, history, kind):
    feed = parse(client, feed_url(kind))
    assert [e.title for e in feed.entries] == [
        "Groupe dissous : France-Atlantide",
        "Groupe créé : France-Japon",
        "Groupe créé : France-Atlantide",
    ]
    assert len({e.id for e in feed.entries}) == 3  # one group, two entries
    assert "/fr/groupes/" in feed.entries[1].link
    assert "Japon" in feed.entries[1].summary
    # RSS readers show the summary as text once unescaped (core/feeds.py).
    official = "Groupe interparlementaire d'amitié France-Atlantide"
    assert official in html.unescape(feed.entries[0].summary)


def test_the_feed_in_english(client, history):
    feed = parse(client, feed_url("atom", "en"))
    assert feed.feed.title == "Senate friendship groups created or dissolved"
    assert feed.entries[0].title == "Group dissolved: France-Atlantis"
    assert "/en/groups/" in feed.entries[0].link
    assert "Japan" in feed.entries[1].summary


def test_the_feed_is_dated_by_the_events(client, history):
    feed = parse(client, feed_url("atom"))
    day = timezone.localdate() - 3 * DAY
    assert feed.entries[0].updated.startswith(day.isoformat())


def test_the_feed_query_count(client):
    today = timezone.localdate()

    def add_groups(n):
        for i in range(n):
            make_group(created_on=today - i * DAY, dissolved_on=today - DAY if i % 2 else None)

    # 1 groups created  2 their countries  3 groups dissolved  4 their countries
    add_groups(3)
    assert count_queries(client, feed_url("rss")) == 4
    add_groups(40)
    assert count_queries(client, feed_url("rss")) == 4
    assert len(parse(client, feed_url("rss")).entries) == 30


@pytest.mark.parametrize("lang,word", [("fr", "S’abonner"), ("en", "Subscribe")])
@pytest.mark.parametrize("page", ["groups:list", "groups:country-list"])
def test_groups_and_countries_lists_offer_the_feed_in_body_and_head(client, lang, word, page):
    make_group()
    with translation.override(lang):
        url = reverse(page)
    page_html = client.get(url).content.decode()
    links = FeedLinks()
    links.feed(page_html)
    feeds = {(RSS, feed_url("rss", lang)), (ATOM, feed_url("atom", lang))}
    assert links.head == feeds
    assert links.body >= feeds
    assert word in page_html


def test_the_senators_list_offers_no_feed(client):
    page_html = client.get(reverse("groups:senator-list")).content.decode()
    links = FeedLinks()
    links.feed(page_html)
    assert links.head == set() and links.body == set()
    assert "Subscribe" not in page_html and "S’abonner" not in page_html
