"""A renamed group's old addresses keep leading to its page (301), in both languages."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from groups.models import FormerSlug
from groups.models import FriendshipGroup
from tests.factories import make_group
from tests.factories import make_membership

pytestmark = pytest.mark.django_db

DRAFT = FriendshipGroup.Status.DRAFT


def rename(group, slug):
    group.slug = slug
    group.save()


def url(name, lang, **kwargs):
    with translation.override(lang):
        return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_old_slug_answers_301_to_the_page_under_the_new_one(client, lang):
    group = make_group(slug="japon")
    rename(group, "france-japon")
    response = client.get(url("portal:group-detail", lang, slug="japon"))
    assert response.status_code == 301
    assert response["Location"] == url("portal:group-detail", lang, slug="france-japon")
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize(
    "name",
    [
        "portal:group-timeline",
        "portal:group-timeline-atom",
        "portal:group-timeline-ical",
        "dossier:group",
        "reports:group-rss",
        "reports:group-atom",
        "reports:group-news-rss",
        "reports:group-news-atom",
    ],
)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_page_of_the_group_follows_its_old_slug(client, name, lang):
    group = make_group(slug="japon")
    rename(group, "france-japon")
    response = client.get(url(name, lang, slug="japon"))
    assert response.status_code == 301
    assert response["Location"] == url(name, lang, slug="france-japon")


def test_the_redirect_keeps_the_query_string(client):
    group = make_group(slug="japon")
    rename(group, "france-japon")
    response = client.get(url("portal:group-detail", "fr", slug="japon") + "?format=csv")
    assert response["Location"] == url("portal:group-detail", "fr", slug="france-japon") + (
        "?format=csv"
    )


def test_a_group_renamed_twice_answers_under_both_old_slugs_in_one_step(client):
    group = make_group(slug="japon")
    rename(group, "france-japon")
    rename(group, "france-japon-2026")
    for old in ["japon", "france-japon"]:
        response = client.get(url("portal:group-detail", "fr", slug=old))
        assert response.status_code == 301
        assert response["Location"] == url("portal:group-detail", "fr", slug="france-japon-2026")
    assert set(group.former_slugs.values_list("slug", flat=True)) == {"japon", "france-japon"}


def test_a_group_that_takes_its_old_slug_again_answers_there_without_a_redirect(client):
    group = make_group(slug="japon")
    rename(group, "france-japon")
    rename(group, "japon")
    assert client.get(url("portal:group-detail", "fr", slug="japon")).status_code == 200
    response = client.get(url("portal:group-detail", "fr", slug="france-japon"))
    assert response["Location"] == url("portal:group-detail", "fr", slug="japon")
    assert list(group.former_slugs.values_list("slug", flat=True)) == ["france-japon"]


def test_a_slug_another_group_takes_shows_that_group_not_the_one_that_left_it(client):
    first = make_group(slug="coree", name_fr="France-Corée")
    rename(first, "france-coree-du-sud")
    second = make_group(slug="france-coree", name_fr="France-Corée du Nord")
    rename(second, "coree")
    response = client.get(url("portal:group-detail", "fr", slug="coree"))
    assert response.status_code == 200
    assert response.context["group"] == second
    # The slug the second group left leads to it; the first group's is gone for good.
    assert FormerSlug.objects.get(slug="france-coree").group == second
    assert not FormerSlug.objects.filter(slug="coree").exists()
    # And when the second group leaves it in turn, it leads to the second group.
    rename(second, "france-coree-du-nord")
    response = client.get(url("portal:group-detail", "fr", slug="coree"))
    assert response["Location"] == url("portal:group-detail", "fr", slug="france-coree-du-nord")


def test_two_groups_swapping_slugs_leave_no_redirect_on_either(client):
    a, b = make_group(slug="a-slug"), make_group(slug="b-slug")
    rename(a, "tmp")
    rename(b, "a-slug")
    rename(a, "b-slug")
    assert client.get(url("portal:group-detail", "fr", slug="a-slug")).context["group"] == b
    assert client.get(url("portal:group-detail", "fr", slug="b-slug")).context["group"] == a
    assert list(FormerSlug.objects.values_list("slug", "group")) == [("tmp", a.pk)]


def test_a_dissolved_groups_old_slug_leads_to_its_page(client):
    group = make_group(slug="atlantide", dissolved_on=datetime.date(2015, 7, 1))
    make_membership(
        group=group, start_date=datetime.date(2014, 10, 1), end_date=datetime.date(2015, 6, 30)
    )
    rename(group, "france-atlantide")
    response = client.get(url("portal:group-detail", "en", slug="atlantide"), follow=True)
    assert response.redirect_chain == [
        (url("portal:group-detail", "en", slug="france-atlantide"), 301)
    ]
    assert response.context["group"] == group
    assert "Dissolved on" in response.text


def test_an_unpublished_groups_old_slug_is_404(client):
    group = make_group(slug="brouillon", status=DRAFT)
    rename(group, "brouillon-2")
    assert client.get(url("portal:group-detail", "fr", slug="brouillon")).status_code == 404
    assert client.get(url("dossier:group", "fr", slug="brouillon")).status_code == 404


def test_an_unknown_slug_is_still_404(client):
    make_group(slug="japon")
    assert client.get(url("portal:group-detail", "fr", slug="nothing-here")).status_code == 404


def test_a_bulk_update_records_the_old_slug_too(client):
    # The import and shells change slugs without save(): the database keeps them.
    group = make_group(slug="japon")
    FriendshipGroup.objects.filter(pk=group.pk).update(slug="france-japon")
    response = client.get(url("portal:group-detail", "fr", slug="japon"))
    assert response["Location"] == url("portal:group-detail", "fr", slug="france-japon")


def test_deleting_a_group_deletes_its_former_slugs():
    group = make_group(slug="japon")
    rename(group, "france-japon")
    group.delete()
    assert not FormerSlug.objects.exists()


def test_the_redirect_path_query_count(client):
    group = make_group(slug="japon")
    for n in range(3):
        rename(group, f"japon-{n}")
    make_group(slug="other")
    # 1 the group under that slug (none)  2 the group that had it (its slug today)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("portal:group-detail", "fr", slug="japon"))
    assert response.status_code == 301
    assert len(queries) == 2, [q["sql"] for q in queries]
    # A feed: the same two.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("reports:group-atom", "en", slug="japon-0"))
    assert response.status_code == 301
    assert len(queries) == 2, [q["sql"] for q in queries]


@pytest.mark.parametrize(("lang", "other"), [("fr", "en"), ("en", "fr")])
def test_the_language_switch_keeps_the_renamed_group(client, lang, other):
    group = make_group(slug="japon")
    rename(group, "france-japon")
    # A page reached by an old link: the switch leads to the same group under its slug today.
    response = client.get(url("portal:group-detail", lang, slug="japon"), follow=True)
    assert response.context["group"] == group
    switch = url("portal:group-detail", other, slug="france-japon")
    assert f'<a href="{switch}" hreflang="{other}"' in response.text
    response = client.get(switch)
    assert response.status_code == 200
    assert response.context["group"] == group
    # The other language's old address leads there too.
    response = client.get(url("portal:group-detail", other, slug="japon"))
    assert response["Location"] == switch
