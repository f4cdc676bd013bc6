"""The back office's home: what needs doing, in a fixed number of queries."""

import datetime

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from groups.models import FriendshipGroup, Publishable
from tests.admin_helpers import login_verified
from tests.factories import (
    make_colloquium,
    make_group,
    make_mission,
    make_news,
    make_report,
    make_senator,
)

pytestmark = pytest.mark.django_db
DRAFT = Publishable.Status.DRAFT


@pytest.fixture
def editor(client):
    user = User.objects.create_user(
        "redactrice",
        password="not-a-real-password-42",
        is_staff=True,
        first_name="Claire",
        last_name="Dupont",
    )
    user.groups.add(Group.objects.get(name="Relations internationales"))
    login_verified(client, user)
    return user


def dashboard(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    return response


def test_to_translate_counts_published_records_lacking_english(client, editor):
    make_group(name_en="")  # published, no English: counted
    make_group(name_en="", status=DRAFT)  # a draft: not counted here
    make_group()  # complete
    make_report(title_en="")
    make_report(title_en="")
    context = dashboard(client).context
    counts = {row["model"]._meta.model_name: row for row in context["content_counts"]}
    assert counts["friendshipgroup"]["to_translate"] == 1
    assert counts["report"]["to_translate"] == 2
    assert counts["newsitem"]["to_translate"] == 0
    assert counts["friendshipgroup"]["drafts"] == 1
    # The link leads to the change list filtered the same way, and it lists that one group.
    url = counts["friendshipgroup"]["translate_url"]
    assert url == "/admin/groups/friendshipgroup/?status__exact=published&english=missing"
    changelist = client.get(url)
    assert changelist.context["cl"].result_count == 1


def test_drafts_are_counted_and_linked(client, editor):
    make_mission(status=DRAFT)
    make_mission(status=DRAFT)
    make_mission()
    page = dashboard(client).content.decode()
    assert '<a href="/admin/missions/mission/?status__exact=draft">2</a>' in page
    assert (
        client.get("/admin/missions/mission/?status__exact=draft").context["cl"].result_count == 2
    )


def test_scheduled_publications_of_the_next_14_days(client, editor):
    now = timezone.now()
    soon = make_news(
        title_fr="Annonce dans trois jours", published_at=now + datetime.timedelta(days=3)
    )
    make_news(title_fr="Annonce dans un mois", published_at=now + datetime.timedelta(days=30))
    make_news(
        title_fr="Brouillon futur", status=DRAFT, published_at=now + datetime.timedelta(days=2)
    )
    make_news(title_fr="Déjà publiée")
    response = dashboard(client)
    scheduled = [item["obj"] for item in response.context["scheduled"]]
    assert scheduled == [soon]
    assert f'href="/admin/reports/newsitem/{soon.pk}/change/"' in response.content.decode()


def test_coming_soon_flags_what_is_missing(client, editor):
    today = timezone.localdate()
    bare = make_mission(title_fr="Mission sans rien", start_date=today + datetime.timedelta(days=5))
    ready = make_mission(
        title_fr="Mission prête",
        start_date=today + datetime.timedelta(days=10),
        programme_fr="<p>Programme</p>",
        participants=[make_senator()],
    )
    make_mission(title_fr="Mission lointaine", start_date=today + datetime.timedelta(days=60))
    colloquium = make_colloquium(
        title_fr="Colloque sans inscription",
        start_at=timezone.now() + datetime.timedelta(days=7),
        programme_fr="<p>Programme</p>",
    )
    response = dashboard(client)
    soon = {
        item["obj"]: [str(x) for x in item["lacks"]] for item in response.context["coming_soon"]
    }
    assert soon == {
        bare: ["programme", "délégation"],
        ready: [],
        colloquium: ["lien d’inscription"],
    }
    page = response.content.decode()
    assert "Mission sans rien" in page and "Mission lointaine" not in page


def test_latest_changes_come_from_the_history_with_links(client, editor):
    group = make_group(name_fr="France-Japon")
    LogEntry.objects.log_actions(
        user_id=editor.pk,
        queryset=[group],
        action_flag=CHANGE,
        change_message=[{"changed": {"fields": ["Description"]}}],
        single_object=True,
    )
    response = dashboard(client)
    page = response.content.decode()
    assert [entry.object_repr for entry in response.context["latest_changes"]] == ["France-Japon"]
    assert f'<a href="/admin/groups/friendshipgroup/{group.pk}/change/">France-Japon</a>' in page
    assert "Claire Dupont" in page


def test_model_list_stays_reachable(client, editor):
    page = dashboard(client).content.decode()
    assert 'href="/admin/groups/friendshipgroup/"' in page
    assert 'id="nav-sidebar"' in page


def _fill(rows, user):
    today = timezone.localdate()
    now = timezone.now()
    groups = []
    for i in range(rows):
        group = make_group(
            name_en="" if i % 2 else f"Group {i}", status=DRAFT if i % 3 else "published"
        )
        groups.append(group)
        make_mission(group=group, start_date=today + datetime.timedelta(days=i % 25))
        make_colloquium(start_at=now + datetime.timedelta(days=i % 25, hours=1))
        make_news(published_at=now + datetime.timedelta(days=1 + i % 10))
    LogEntry.objects.log_actions(
        user_id=user.pk, queryset=groups, action_flag=CHANGE, change_message="", single_object=False
    )


@pytest.mark.parametrize("rows", [3, 30])
def test_dashboard_query_count_is_fixed(client, editor, django_assert_num_queries, rows):
    _fill(rows, editor)
    ContentType.objects.clear_cache()
    client.get("/admin/")  # warms the content-type cache, as any running server has
    # 1 session, 2 user, 3 the session's verified device (django-otp), 4 editors' group check,
    # 5-10 per publishable model: missing English among published() + drafts (one aggregate),
    # 11-14 missing English of zones, countries, senators, partners,
    # 15-20 scheduled publications, one per publishable model,
    # 21 missions coming soon (+ group, delegation size), 22 colloquia coming soon,
    # 23 latest changes (+ user, content type),
    # 24-25 the user's own and group permissions (the sidebar's model list)
    with django_assert_num_queries(25):
        response = client.get("/admin/")
    assert response.status_code == 200
    assert len(response.context["coming_soon"]) >= rows
    assert FriendshipGroup.objects.count() >= rows
