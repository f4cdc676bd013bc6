"""The back office's home: what needs doing, in a fixed number of queries."""

import datetime
import io

import pytest
from django.contrib.admin.models import CHANGE
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from core.models import Publishable
from groups.models import FriendshipGroup
from sens.models import ImportRun
from tests.factories import make_colloquium
from tests.factories import make_group
from tests.factories import make_mission
from tests.factories import make_news
from tests.factories import make_report
from tests.factories import make_senator

pytestmark = pytest.mark.django_db
DRAFT = Publishable.Status.DRAFT


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
        make_report(published_at=now + datetime.timedelta(days=2 + i % 10))
        ImportRun.objects.create(
            source="export_sens.zip",
            status=ImportRun.Status.FAILED if i % 2 else ImportRun.Status.DONE,
            user=user,
            summary={"sen": {"created": i, "rejected": 1}},
            rows=[{"table": "sen", "key": str(i), "action": "rejected", "rule": "not_null"}],
        )
    LogEntry.objects.log_actions(
        user_id=user.pk, queryset=groups, action_flag=CHANGE, change_message="", single_object=False
    )


@pytest.mark.parametrize("rows", [3, 30])
def test_dashboard_query_count_is_fixed(client, editor, django_assert_num_queries, rows):
    _fill(rows, editor)
    ContentType.objects.clear_cache()
    client.get("/admin/")  # warms the content-type cache, as any running server has
    # 1 session, 2 user, 3 the session's verified device (django-otp), 4 editors' group check,
    # (the counts of missing English and drafts, 10 queries, were counted by the warm-up
    # request and are kept until the next edit: core.generation.for_generation),
    # 5-10 scheduled publications, one per publishable model,
    # 11 missions coming soon (+ group, delegation size), 12 colloquia coming soon,
    # 13 latest changes (+ user, content type),
    # 14 the last import run (+ user, the last completed run's time as a subquery),
    # 15 declarations to validate (+ authority, their number as a window),
    # 16-17 the user's own and group permissions (the sidebar's model list)
    with django_assert_num_queries(17):
        response = client.get("/admin/")
    assert response.status_code == 200
    assert len(response.context["coming_soon"]) >= rows
    assert response.context["last_import"]["run"] == ImportRun.objects.latest("started_at")
    assert FriendshipGroup.objects.count() >= rows


# « Last import »: the last run of the Senate's data import (sens).


def last_import_block(page):
    """The HTML of the « last import » block, so that assertions read it, not the page."""
    start = page.index('aria-labelledby="last-import"')
    return page[start : page.index("</section>", start)]


def test_no_import_yet_says_so(client, editor):
    block = last_import_block(dashboard(client).content.decode())
    assert "Aucun import des données du Sénat pour l’instant." in block
    assert 'href="/admin/sens/importrun/"' in block


def test_last_import_shows_a_real_run_with_its_figures_and_rejected_rows(client, editor, tmp_path):
    from tests import sens_export
    from tests.factories import make_country
    from tests.factories import make_zone

    zone = make_zone()
    for code, name in [("JP", "Japon"), ("GA", "Gabon"), ("CD", "RDC"), ("CF", "Centrafrique")]:
        make_country(code=code, zone=zone, name_fr=name)
    folder = sens_export.write_csv_folder(sens_export.base_tables(), tmp_path / "csv")
    call_command(
        "import_sens",
        str(folder),
        "--export-date",
        "2026-11-30",
        "--no-progress",
        stdout=io.StringIO(),
    )
    run = ImportRun.objects.get()
    rejected = sum(figures["rejected"] for figures in run.summary.values())
    created = sum(figures["created"] for figures in run.summary.values())
    assert rejected >= 9 and created > 0  # the base export's bad rows (tests/test_sens_import.py)

    response = dashboard(client)
    assert response.context["last_import"]["run"] == run
    block = last_import_block(response.content.decode())
    assert "30/11/2026" in block  # the export's date
    assert str(folder) in block  # the source
    assert run.run_by and run.run_by in block  # who: the system account of the command
    assert "Effectuée" in block
    assert f'<th scope="row">Créées</th><td class="number">{created}</td>' in block
    url = f"/admin/sens/importrun/{run.pk}/change/"
    assert f'<td class="number"><a href="{url}">{rejected}</a></td>' in block
    assert f'<a href="{url}">Le rapport de l’import ({rejected} lignes rejetées)</a>' in block
    assert 'href="/admin/sens/importrun/"' in block
    # The editor can open the run's page, which lists the rejected rows.
    run_page = client.get(url)
    assert run_page.status_code == 200
    assert "unknown_senator" in run_page.content.decode()


def test_a_failed_run_is_shown_as_failed_with_the_last_completed_one(client, editor):
    done = ImportRun.objects.create(
        source="export_sens.zip",
        status=ImportRun.Status.DONE,
        run_by="cron",
        summary={"sen": {"created": 4, "rejected": 1}},
    )
    started = timezone.make_aware(datetime.datetime(2026, 11, 28, 6, 30))
    ImportRun.objects.filter(pk=done.pk).update(started_at=started)  # auto_now_add
    failed = ImportRun.objects.create(
        source="https://data.senat.fr/data/senateurs/export_sens.zip",
        status=ImportRun.Status.FAILED,
        user=editor,
        message="The database refused a row, nothing was saved: duplicate key",
    )
    # A later dry run saved nothing: it is not « the last import ».
    ImportRun.objects.create(source="x.zip", status=ImportRun.Status.DRY_RUN)
    response = dashboard(client)
    assert response.context["last_import"]["run"] == failed
    block = last_import_block(response.content.decode())
    assert '<strong class="dashboard-flag">Échec (rien d’enregistré)</strong>' in block
    assert "duplicate key" in block
    assert "Claire Dupont" in block
    assert "Dernier import terminé : 28/11/2026 06:30." in block
    assert "Créées" not in block  # a failed run has no figures to show
    assert f'href="/admin/sens/importrun/{failed.pk}/change/"' in block
    assert f'href="/admin/sens/importrun/{done.pk}/change/"' not in block


def test_a_refused_run_with_no_completed_one_before(client, editor):
    ImportRun.objects.create(
        source="vide.zip", status=ImportRun.Status.REFUSED, message="The export is empty"
    )
    block = last_import_block(dashboard(client).content.decode())
    assert "Refusé" in block and "The export is empty" in block
    assert "Aucun import n’a encore abouti." in block


def test_last_import_block_in_english(client, editor):
    ImportRun.objects.create(
        source="export_sens.zip",
        status=ImportRun.Status.DONE,
        run_by="cron",
        summary={"sen": {"created": 2, "rejected": 1}, "memgrpsen": {"rejected": 2}},
    )
    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")
    block = last_import_block(response.content.decode())
    assert "Last import" in block and "Done" in block
    assert (
        "The run’s report (3 rejected rows)" in block
        or "The run's report (3 rejected rows)" in block
    )
