import datetime

import pytest
from django.contrib.staticfiles import finders
from reversion.models import Version

from groups.models import FriendshipGroup
from groups.models import Membership
from tests.admin_helpers import group_post
from tests.admin_helpers import refused_form
from tests.admin_helpers import refused_in_both_languages
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_senator
from tests.factories import make_zone

pytestmark = pytest.mark.django_db
PRESIDENT = Membership.Role.PRESIDENT
DELEGATE = Membership.Role.DELEGATE_PRESIDENT


def membership(senator, role="member", country=None, start="2023-10-01", end=""):
    return {
        "senator": senator.pk,
        "role": role,
        "country": country.pk if country else "",
        "start_date": start,
        "end_date": end,
    }


# --- Add and change pages, in both languages ---------------------------------------


def test_french_admin_uses_french_words(admin_client):
    response = admin_client.get("/admin/groups/friendshipgroup/add/", HTTP_ACCEPT_LANGUAGE="fr")
    page = response.content.decode()
    assert "Groupe d’information internationale" in page or "information internationale" in page
    assert "Président délégué" in page


def test_translated_fields_come_as_tabs_with_local_scripts(admin_client):
    page = admin_client.get("/admin/groups/friendshipgroup/add/").content.decode()
    assert 'name="name_fr"' in page and 'name="name_en"' in page
    # (file names carry a content hash once collected)
    assert "modeltranslation/js/tabbed_translation_fields." in page
    assert "vendor/jquery-ui/jquery-ui.min." in page
    assert "//ajax.googleapis.com" not in page
    assert finders.find("vendor/jquery-ui/jquery-ui.min.js")
    assert finders.find("modeltranslation/css/tabbed_translation_fields.css")


def test_changelist_shows_and_filters_missing_english(admin_client):
    done = make_group(name_fr="France-Japon", name_en="France-Japan")
    todo = make_group(name_fr="France-Italie", name_en="")
    response = admin_client.get("/admin/groups/friendshipgroup/", {"english": "missing"})
    assert list(response.context["cl"].result_list) == [todo]
    response = admin_client.get("/admin/groups/friendshipgroup/", {"english": "complete"})
    assert list(response.context["cl"].result_list) == [done]
    # The column: a "no" icon on the untranslated row.
    response = admin_client.get("/admin/groups/friendshipgroup/")
    assert 'alt="False"' in response.content.decode()


def test_changelist_filters_by_zone_kind_and_status(admin_client):
    zone = make_zone()
    inside = make_group(countries=[make_country(zone=zone)], kind="regional", status="draft")
    make_group()
    params = {
        "countries__zone__id__exact": zone.pk,
        "kind__exact": "regional",
        "status__exact": "draft",
    }
    response = admin_client.get("/admin/groups/friendshipgroup/", params)
    assert list(response.context["cl"].result_list) == [inside]


def test_search_finds_english_names(admin_client):
    group = make_group(name_fr="France-Allemagne", name_en="France-Germany")
    make_group()
    response = admin_client.get("/admin/groups/friendshipgroup/", {"q": "Germany"})
    assert list(response.context["cl"].result_list) == [group]


def test_country_autocomplete_searches_both_languages(admin_client):
    make_country(name_fr="Allemagne", name_en="Germany")
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "term": "Germ",
            "app_label": "groups",
            "model_name": "friendshipgroup",
            "field_name": "countries",
        },
    )
    assert [r["text"] for r in response.json()["results"]] == ["Allemagne"]


# --- Publication ------------------------------------------------------------------


def test_publish_and_unpublish_actions_are_recorded(admin_client):
    drafts = [make_group(status="draft"), make_group(status="draft")]
    response = admin_client.post(
        "/admin/groups/friendshipgroup/",
        {"action": "publish", "_selected_action": [g.pk for g in drafts]},
    )
    assert response.status_code == 302
    assert all(
        g.is_published for g in FriendshipGroup.objects.filter(pk__in=[g.pk for g in drafts])
    )
    assert Version.objects.get_for_object(drafts[0]).count() == 1

    admin_client.post(
        "/admin/groups/friendshipgroup/",
        {"action": "unpublish", "_selected_action": [drafts[0].pk]},
    )
    drafts[0].refresh_from_db()
    assert drafts[0].status == "draft"
    assert Version.objects.get_for_object(drafts[0]).count() == 2


def test_view_on_site_only_for_published_groups(admin_client):
    published = make_group()
    draft = make_group(status="draft")
    page = admin_client.get(f"/admin/groups/friendshipgroup/{published.pk}/change/").content
    assert published.get_absolute_url().encode() in page or b"viewsitelink" in page
    page = admin_client.get(f"/admin/groups/friendshipgroup/{draft.pk}/change/").content
    assert b"viewsitelink" not in page


def test_history_and_recover_pages_render(admin_client):
    group = make_group()
    assert admin_client.get(f"/admin/groups/friendshipgroup/{group.pk}/history/").status_code == 200
    assert admin_client.get("/admin/groups/friendshipgroup/recover/").status_code == 200


# --- The membership inline and the constraints' messages -------------------------


def test_adding_a_country_and_its_delegate_president_at_once_works(admin_client):
    kept, added = make_country(), make_country()
    group = make_group(countries=[kept], kind="regional", slug="regional")
    senator = make_senator()
    data = group_post(
        group,
        countries=[kept, added],
        memberships=[membership(senator, role=DELEGATE, country=added)],
        slug="regional",
    )
    response = admin_client.post(f"/admin/groups/friendshipgroup/{group.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"]
    assert group.memberships.get().country == added


def test_delegate_of_a_country_the_group_does_not_cover_gets_a_message(admin_client):
    covered, elsewhere = make_country(), make_country()
    data = group_post(
        countries=[covered],
        memberships=[membership(make_senator(), role=DELEGATE, country=elsewhere)],
    )
    assert "This country is not one of the countries the group covers." in refused_form(
        admin_client, "/admin/groups/friendshipgroup/add/", data
    )
    assert not FriendshipGroup.objects.exists()


@refused_in_both_languages(
    en="This group already has a current president.",
    fr="Ce groupe a déjà un président en fonction.",
)
def test_two_current_presidents_get_the_constraint_message(admin_client, lang, message):
    country = make_country()
    data = group_post(
        countries=[country],
        memberships=[
            membership(make_senator(), role=PRESIDENT),
            membership(make_senator(), role=PRESIDENT),
        ],
    )
    assert message in refused_form(admin_client, "/admin/groups/friendshipgroup/add/", data, lang)


def test_a_second_president_beside_a_saved_one_gets_the_message(admin_client):
    group = make_group()
    make_membership(group=group, role=PRESIDENT)
    data = group_post(
        group,
        countries=list(group.countries.all()),
        memberships=[membership(make_senator(), role=PRESIDENT)],
        slug=group.slug,
    )
    assert "This group already has a current president." in refused_form(
        admin_client, f"/admin/groups/friendshipgroup/{group.pk}/change/", data
    )
    assert group.memberships.count() == 1


def test_replacing_the_president_in_one_save_works(admin_client):
    group = make_group()
    old = make_membership(group=group, role=PRESIDENT, start_date=datetime.date(2020, 10, 1))
    data = group_post(
        group,
        countries=list(group.countries.all()),
        memberships=[membership(make_senator(), role=PRESIDENT)],
        slug=group.slug,
    )
    data["memberships-0-end_date"] = "2023-09-30"
    response = admin_client.post(f"/admin/groups/friendshipgroup/{group.pk}/change/", data)
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.end_date == datetime.date(2023, 9, 30)
    assert group.memberships.current().get().role == PRESIDENT


def test_same_senator_twice_gets_a_message(admin_client):
    senator = make_senator()
    data = group_post(
        countries=[make_country()],
        memberships=[membership(senator), membership(senator, role="secretary")],
    )
    assert "This senator already has a current role in this group." in refused_form(
        admin_client, "/admin/groups/friendshipgroup/add/", data
    )


def test_end_before_start_gets_the_constraint_message(admin_client):
    data = group_post(
        countries=[make_country()],
        memberships=[membership(make_senator(), start="2024-01-02", end="2024-01-01")],
    )
    assert "The end date must be on or after the start date." in refused_form(
        admin_client, "/admin/groups/friendshipgroup/add/", data
    )


def test_removing_a_country_that_has_a_delegate_gets_a_message(admin_client):
    kept, dropped = make_country(), make_country(name_fr="Ghana", name_en="Ghana")
    group = make_group(countries=[kept, dropped], kind="regional")
    make_membership(group=group, role=DELEGATE, country=dropped)
    data = group_post(group, countries=[kept], slug=group.slug)
    assert "still have a delegate president in this group: Ghana" in refused_form(
        admin_client, f"/admin/groups/friendshipgroup/{group.pk}/change/", data
    )
    assert group.countries.count() == 2


def test_membership_admin_shows_the_unique_constraint_message(admin_client):
    group = make_group()
    make_membership(group=group, role=PRESIDENT)
    response = admin_client.post(
        "/admin/groups/membership/add/",
        {
            "senator": make_senator().pk,
            "group": group.pk,
            "role": PRESIDENT,
            "start_date": "2024-01-01",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert "This group already has a current president." in response.content.decode()


@pytest.mark.parametrize("size", [3, 30])
def test_group_change_form_queries_do_not_grow_with_its_members(
    admin_client, django_assert_num_queries, size
):
    """Issue 15 §4: a regional group's form lists 15+ members a term; their senator and
    country autocompletes are labelled from the rows already loaded (LoadedChoicesForm)."""
    group = make_group()
    for _ in range(size):
        make_membership(group=group)
    url = f"/admin/groups/friendshipgroup/{group.pk}/change/"
    admin_client.get(url)  # the first view records the « state before the first edit »
    # 1 session, 2 user, 3 verified device, savepoint, 4 the group, 5 its countries,
    # 6 today's memberships (+ senator, country), 7 has history?, release, 8 the countries
    # autocomplete's selection, 9 the past terms. Before: +1 a row for each row's title
    # (« senator — group » loaded the group, ParentLoadedFormSet) and +1 a row for the
    # senator autocomplete (LoadedChoicesForm): 14 at 3 members, 41 at 30. And +1 its
    # unpublished version, if any (backoffice/drafts.py).
    with django_assert_num_queries(12):
        assert admin_client.get(url).status_code == 200
