"""« Renouveler tous les bureaux » (issue 21 §3): after a Senate election, every group's
terms closed and the senators still in office kept as members, from the back office
(groups.services.groups_renew_all, as ``manage.py renew_bureaux``)."""

import pytest
from django.contrib.admin.models import LogEntry

from groups.models import Membership
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_senator
from tests.test_renewal import EVE
from tests.test_renewal import ON
from tests.test_renewal import START
from tests.test_renewal import R
from tests.test_renewal import current_terms

pytestmark = pytest.mark.django_db
URL = "/admin/groups/friendshipgroup/renew-all/"


@pytest.fixture
def groups():
    japan = make_group(name_fr="France-Japon")
    make_membership(
        group=japan, senator=make_senator(last_name="Ancien"), role=R.PRESIDENT, start_date=START
    )
    make_membership(group=japan, senator=make_senator(last_name="Reste"), start_date=START)
    chile = make_group(name_fr="France-Chili")
    make_membership(
        group=chile, senator=make_senator(last_name="Battu", is_active=False), start_date=START
    )
    dissolved = make_group(name_fr="France-URSS", dissolved_on=START)
    make_membership(group=dissolved, senator=make_senator(last_name="Dissous"), start_date=START)
    return japan, chile, dissolved


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("fr", ["Renouveler tous les bureaux", "2 groupes"]),
        ("en", ["Renew every bureau", "2 groups"]),
    ],
)
def test_the_change_list_leads_to_the_page_which_counts_the_groups(
    editor, client, groups, lang, words
):
    changelist = client.get("/admin/groups/friendshipgroup/", headers={"Accept-Language": lang})
    assert f'href="{URL}"' in changelist.content.decode()
    page = client.get(f"{URL}?on={ON.isoformat()}", headers={"Accept-Language": lang})
    assert page.status_code == 200
    html = page.content.decode()
    assert all(word in html for word in words), html
    assert Membership.objects.filter(end_date=EVE).count() == 0  # a GET writes nothing


def test_confirming_renews_every_group_and_keeps_senators_in_office(editor, client, groups):
    japan, chile, dissolved = groups
    response = client.post(URL, {"on": ON.isoformat()}, headers={"Accept-Language": "fr"})
    assert response.status_code == 302
    assert response["Location"] == "../"
    assert current_terms() == {
        ("France-Japon", "Ancien", R.MEMBER),
        ("France-Japon", "Reste", R.MEMBER),
        ("France-URSS", "Dissous", R.MEMBER),  # a dissolved group is not renewed
    }
    assert Membership.objects.get(senator__last_name="Battu").end_date == EVE
    assert set(LogEntry.objects.values_list("object_id", flat=True)) == {
        str(japan.pk),
        str(chile.pk),
    }
    page = client.get("/admin/groups/friendshipgroup/", headers={"Accept-Language": "fr"})
    assert "2 groupes renouvelés le" in page.content.decode()
    assert "2 sénateurs restent membres" in page.content.decode()


def test_a_wrong_date_is_a_form_error_and_writes_nothing(editor, client, groups):
    response = client.post(URL, {"on": "2026-13-45"}, headers={"Accept-Language": "fr"})
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert Membership.objects.filter(end_date__isnull=True).count() == 4


def test_a_staff_member_who_is_not_an_editor_is_sent_to_the_login(client, groups):
    from django.contrib.auth.models import User

    from tests.admin_helpers import login_verified

    login_verified(client, User.objects.create_user("lecteur", is_staff=True))
    for response in (client.get(URL), client.post(URL, {"on": ON.isoformat()})):
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
    assert Membership.objects.filter(end_date__isnull=True).count() == 4


def test_the_page_query_count(editor, client, groups, django_assert_num_queries):
    client.get(URL)  # the session's first load
    # 1. session  2. user  3. OTP device  4. in the editors' group?
    # 5-6. the user's and the group's permissions  7. groups not dissolved by the date (count)
    with django_assert_num_queries(7):
        assert client.get(f"{URL}?on={ON.isoformat()}").status_code == 200
