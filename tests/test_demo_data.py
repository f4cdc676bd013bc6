import datetime
import zoneinfo

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils import translation

from groups.models import Country
from groups.models import FriendshipGroup
from groups.models import Membership
from groups.models import PoliticalGroup
from groups.models import Senator
from groups.models import Zone
from missions.models import Colloquium
from missions.models import Mission
from missions.models import MissionParticipant
from missions.models import Partner
from missions.models import Reception
from portal.management.commands.load_demo import published_at
from reports.models import NewsItem
from reports.models import Report
from tests.factories import make_zone

pytestmark = pytest.mark.django_db
PARIS = zoneinfo.ZoneInfo("Europe/Paris")

MODELS = [
    Zone, Country, Senator, FriendshipGroup, Membership, Partner, Mission,
    MissionParticipant, Reception, Colloquium, Report, NewsItem,
]  # fmt: skip


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def test_demo_data_loads_twice_without_changing_anything(demo):
    first = counts()
    call_command("load_demo", verbosity=0)
    assert counts() == first


def test_reloading_keeps_an_editors_changes(demo):
    group = FriendshipGroup.objects.get(slug="france-japon")
    group.name_en = "France-Japan (edited)"
    group.save()
    Report.objects.filter(slug="ga-14").delete()

    call_command("load_demo", verbosity=0)

    group.refresh_from_db()
    assert group.name_en == "France-Japan (edited)"
    assert Report.objects.filter(slug="ga-14").exists()  # missing rows come back


def test_if_empty_leaves_a_database_with_data_alone():
    make_zone()
    call_command("load_demo", "--if-empty", verbosity=0)
    assert Country.objects.count() == 0
    assert FriendshipGroup.objects.count() == 0


def test_if_empty_loads_every_country_in_french_and_english():
    call_command("load_demo", "--if-empty", verbosity=0)
    assert Country.objects.count() == 249
    japan = Country.objects.get(code="JP")
    assert (japan.name_fr, japan.name_en) == ("Japon", "Japan")
    assert japan.zone.name_fr == "Asie-Océanie"
    assert 30 < japan.latitude < 40 and 130 < japan.longitude < 145
    assert not Country.objects.filter(name_en="").exists()
    assert Country.objects.get(code="EG").zone.slug == "afrique-nord-moyen-orient"
    assert not Country.objects.get(code="VA").has_parliament
    # Groups of every kind, with bureaux past and present.
    assert FriendshipGroup.objects.count() >= 20
    for kind in FriendshipGroup.Kind.values:
        assert FriendshipGroup.objects.filter(kind=kind).exists()
    regional = FriendshipGroup.objects.get(slug="afrique-de-l-ouest")
    roles = set(regional.memberships.current().values_list("role", flat=True))
    assert roles == set(Membership.Role.values)
    assert regional.memberships.filter(end_date=datetime.date(2023, 9, 30)).exists()
    assert FriendshipGroup.objects.filter(status="draft").exists()
    # Every senator is invented.
    assert not Senator.objects.exclude(senate_id__startswith="DEMO").exists()
    # Every senator in office belongs today to a fictitious political group (a relation,
    # not text); a former senator belongs to none.
    senators = Senator.objects.filter(is_active=True).with_political_group()
    assert all(s.current_political_group["name"].endswith("(fictif)") for s in senators)
    assert PoliticalGroup.objects.filter(senate_code__startswith="DEMO-").count() == 4


def test_demo_content_reports_missions_colloquia_and_news(demo):
    # Reports from 1995 to 2025, in both languages.
    reports = Report.objects.all()
    assert reports.count() >= 30
    years = {d.year for d in reports.values_list("publication_date", flat=True)}
    assert min(years) == 1995 and max(years) >= 2025
    assert not reports.filter(title_en="").exists()
    assert not reports.filter(body_en="").exists()
    report = Report.objects.get(slug="ga-14")
    assert report.body_fr.count("<p>") >= 3
    assert report.authors.exists() and report.countries.exists()
    assert reports.filter(status="draft").exists()
    assert reports.filter(mission__isnull=False).count() >= 10
    assert Mission.objects.filter(delegation__is_leader=True).distinct().count() >= 10
    assert Reception.objects.count() >= 5
    business_france = Partner.objects.get(slug="business-france")
    assert Colloquium.objects.filter(partners=business_france, kind="economic").count() >= 2
    assert {"ceri", "ifri", "inhesj"} <= set(Partner.objects.values_list("slug", flat=True))
    dsn = NewsItem.objects.get(date=datetime.date(2022, 12, 1))
    assert "Democracy Support Network" in dsn.title_fr
    with translation.override("en"):
        assert "Brussels" in dsn.body and "European Parliament" in dsn.body


def test_demo_times_are_paris_wall_clock_times_in_summer_and_winter(demo):
    # Colloquia: the fixture's local times, whatever the season's offset (CET or CEST).
    for slug, hour, minute in [("2024-06-12", 9, 0), ("2022-12-01", 9, 30)]:
        colloquium = Colloquium.objects.get(start_at__date=datetime.date.fromisoformat(slug))
        local = timezone.localtime(colloquium.start_at, PARIS)
        assert (local.hour, local.minute) == (hour, minute)
    # Publication moments: 09:00 in Paris on the content's own day.
    summer = published_at(datetime.date(2024, 7, 14))
    winter = published_at(datetime.date(2024, 1, 15))
    assert summer == datetime.datetime(2024, 7, 14, 7, 0, tzinfo=datetime.UTC)
    assert winter == datetime.datetime(2024, 1, 15, 8, 0, tzinfo=datetime.UTC)
