import io
import re

import pytest
from django.core.management import call_command

from bench.management.commands.generate_bench_data import BASE
from bench.management.commands.generate_bench_data import FREQUENT_TERM
from bench.management.commands.generate_bench_data import Command
from groups.models import Country
from groups.models import FriendshipGroup
from groups.models import Membership
from groups.models import Senator
from missions.models import Colloquium
from missions.models import Mission
from missions.models import Reception
from reports.models import NewsItem
from reports.models import Report

SCALE = 0.3  # about 9 groups, 19 senators and 12 reports: enough to check, fast to build


def _generate(**kw):
    # bench/ is installed only under bench.settings: run the command object itself.
    call_command(Command(), scale=SCALE, seed=7, stdout=io.StringIO(), **kw)


def _target(name):
    return max(1, round(BASE[name] * SCALE))


@pytest.mark.django_db
def test_generator_creates_the_scaled_counts_of_every_kind():
    _generate()

    assert Country.objects.count() > 190
    assert FriendshipGroup.objects.count() == _target("groups")
    assert Senator.objects.count() == _target("senators")
    assert Mission.objects.count() == _target("missions")
    assert Reception.objects.count() == _target("receptions")
    assert Colloquium.objects.count() == _target("colloquia")
    assert NewsItem.objects.count() == _target("news")
    assert Report.objects.count() == _target("reports")


@pytest.mark.django_db
def test_generator_tops_up_and_never_doubles_on_a_second_run():
    _generate()
    _generate()

    assert FriendshipGroup.objects.count() == _target("groups")
    assert Report.objects.count() == _target("reports")


@pytest.mark.django_db
def test_report_count_can_be_set_on_its_own():
    _generate(reports=40)

    assert Report.objects.count() == 40


@pytest.mark.django_db
def test_every_group_has_one_current_president_and_members():
    _generate()

    groups = FriendshipGroup.objects.all()
    for group in groups:
        assert group.countries.exists()
    # A dissolved group (about 1 in 20) has no current member: Membership.current_condition.
    for group in groups.filter(dissolved_on=None):
        current = Membership.objects.current().filter(group=group)
        assert current.filter(role=Membership.Role.PRESIDENT).count() == 1
        assert current.count() >= 5


@pytest.mark.django_db
def test_reports_have_search_vectors_and_are_found_by_search():
    _generate(reports=40)

    assert not Report.objects.filter(search_fr__isnull=True).exists()
    assert not Report.objects.filter(search_en__isnull=True).exists()
    found = Report.objects.published().search(FREQUENT_TERM, "fr").count()
    assert found >= 0.8 * Report.objects.published().count()


@pytest.mark.django_db
def test_report_text_is_varied_and_never_repeats_a_paragraph():
    _generate(reports=60)

    paragraphs = []
    words = set()
    for body in Report.objects.values_list("body_fr", flat=True):
        for paragraph in re.findall(r"<p>(.*?)</p>", body):
            paragraphs.append(paragraph)
            words.update(re.findall(r"\w+", paragraph.lower()))
    assert len(paragraphs) >= 120
    assert len(set(paragraphs)) == len(paragraphs)
    assert len(words) > 500
    titles = list(Report.objects.values_list("title_fr", flat=True))
    assert len(set(titles)) > 0.8 * len(titles)


@pytest.mark.django_db
def test_some_reports_are_in_english_too_and_others_only_in_french():
    _generate(reports=60)

    english = Report.objects.exclude(body_en="").count()
    assert 0 < english < 60


@pytest.mark.django_db
def test_large_archive_path_rebuilds_the_search_indexes(monkeypatch):
    from django.db import connection

    from bench.management.commands import generate_bench_data

    monkeypatch.setattr(generate_bench_data, "BULK_FROM", 10)
    _generate(reports=30, workers=1)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'reports_report' "
            "AND indexdef LIKE '%USING gin%'"
        )
        indexes = {row[0] for row in cursor.fetchall()}
    assert indexes == {
        "report_search_fr_gin",
        "report_search_en_gin",
        "report_search_head_fr_gin",
        "report_search_head_en_gin",
    }
    assert not Report.objects.filter(search_head_fr__isnull=True).exists()
    assert Report.objects.count() == 30
    assert not Report.objects.filter(search_fr__isnull=True).exists()
    assert Report.countries.through.objects.count() == 30
