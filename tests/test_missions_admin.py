import datetime

import pytest

from missions.models import Mission
from tests.admin_helpers import refused_form
from tests.admin_helpers import refused_in_both_languages
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_mission
from tests.factories import make_senator
from tests.factories import make_zone

pytestmark = pytest.mark.django_db


def test_mission_changelist_filters_by_year_zone_and_status(admin_client):
    zone = make_zone()
    group = make_group(countries=[make_country(zone=zone)])
    wanted = make_mission(group=group, start_date=datetime.date(2019, 5, 1), status="draft")
    make_mission(group=group, start_date=datetime.date(2021, 5, 1), status="draft")
    make_mission(start_date=datetime.date(2019, 6, 1), status="draft")
    params = {"year": "2019", "countries__zone__id__exact": zone.pk, "status__exact": "draft"}
    response = admin_client.get("/admin/missions/mission/", params)
    assert list(response.context["cl"].result_list) == [wanted]


def test_bad_year_in_the_filter_is_ignored(admin_client):
    make_mission()
    response = admin_client.get("/admin/missions/mission/", {"year": "abc"})
    assert response.status_code == 200


def test_mission_search_finds_english_titles(admin_client):
    mission = make_mission(title_fr="Mission au Japon", title_en="Mission to Japan")
    make_mission()
    response = admin_client.get("/admin/missions/mission/", {"q": "to Japan"})
    assert list(response.context["cl"].result_list) == [mission]


def mission_post(mission, delegation):
    data = {
        "title_fr": mission.title_fr,
        "title_en": mission.title_en,
        "slug": mission.slug,
        "group": mission.group_id,
        "countries": [c.pk for c in mission.countries.all()],
        "start_date": mission.start_date.isoformat(),
        "end_date": mission.end_date.isoformat(),
        "progress": "done",
        "status": "published",
        "published_at_0": "2024-01-01",
        "published_at_1": "10:00:00",
        "delegation-TOTAL_FORMS": str(len(delegation)),
        "delegation-INITIAL_FORMS": "0",
        "delegation-MIN_NUM_FORMS": "0",
        "delegation-MAX_NUM_FORMS": "1000",
        "seen_version": mission.version,  # as the change form a browser posts
    }
    for i, (senator, leader) in enumerate(delegation):
        data[f"delegation-{i}-senator"] = senator.pk
        if leader:
            data[f"delegation-{i}-is_leader"] = "on"
    return data


def test_delegation_is_saved_with_its_leader(admin_client):
    mission = make_mission()
    leader, member = make_senator(), make_senator()
    data = mission_post(mission, [(leader, True), (member, False)])
    response = admin_client.post(f"/admin/missions/mission/{mission.pk}/change/", data)
    assert response.status_code == 302
    assert mission.delegation.get(is_leader=True).senator == leader


@refused_in_both_languages(
    en="A delegation has only one leader.",
    fr="Une délégation n’a qu’un seul chef.",
)
def test_two_leaders_get_the_constraint_message(admin_client, lang, message):
    mission = make_mission()
    data = mission_post(mission, [(make_senator(), True), (make_senator(), True)])
    assert message in refused_form(
        admin_client, f"/admin/missions/mission/{mission.pk}/change/", data, lang
    )
    assert not mission.delegation.exists()


def test_same_senator_twice_in_a_delegation_gets_the_message(admin_client):
    mission = make_mission()
    senator = make_senator()
    data = mission_post(mission, [(senator, True), (senator, False)])
    assert "This senator is already in the delegation." in refused_form(
        admin_client, f"/admin/missions/mission/{mission.pk}/change/", data
    )


def test_mission_ending_before_it_starts_gets_the_constraint_message(admin_client):
    mission = make_mission()
    data = mission_post(mission, [])
    data["end_date"] = (mission.start_date - datetime.timedelta(days=1)).isoformat()
    assert "La date de fin doit être égale ou postérieure à la date de début." in refused_form(
        admin_client, f"/admin/missions/mission/{mission.pk}/change/", data, "fr"
    )


def test_publishing_a_mission_from_the_changelist(admin_client):
    mission = make_mission(status="draft")
    admin_client.post(
        "/admin/missions/mission/", {"action": "publish", "_selected_action": [mission.pk]}
    )
    assert Mission.objects.published().get() == mission


def test_a_large_delegation_lists_its_leader_first_then_by_name(admin_client):
    """Issue 15 §4 for a mission's delegation: one date, so no terms to group; the rows
    stay readable as it grows: the leader first, then the others by name."""
    names = ["Martin", "Bernard", "Abadie", "Roux", "Durand", "Petit", "Garnier", "Faure"]
    leader = make_senator(last_name="Zola")
    others = [make_senator(last_name=name) for name in names]
    mission = make_mission(participants=[leader, *others])
    response = admin_client.get(f"/admin/missions/mission/{mission.pk}/change/")
    formset = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.formset.prefix == "delegation"
    )
    shown = [form.instance.senator.last_name for form in formset.initial_forms]
    assert shown == ["Zola", *sorted(names)]


@pytest.mark.parametrize("size", [3, 30])
def test_mission_change_form_queries_do_not_grow_with_the_delegation(
    admin_client, django_assert_num_queries, size
):
    mission = make_mission(participants=[make_senator() for _ in range(size)])
    url = f"/admin/missions/mission/{mission.pk}/change/"
    admin_client.get(url)  # the first view records the « state before the first edit »
    # 1 session, 2 user, 3 verified device (django-otp), savepoint, 4 the mission,
    # 5 its countries, 6 the delegation (+ senators: select_related, and the senator
    # autocompletes labelled from them, LoadedChoicesForm), 7 has history?, release,
    # 8 the group autocomplete's selected group, 9 the countries autocomplete's selection.
    # Before LoadedChoicesForm each row's senator autocomplete ran its own query (+30).
    # And +1 its unpublished version, if any (backoffice/drafts.py).
    with django_assert_num_queries(12):
        assert admin_client.get(url).status_code == 200
