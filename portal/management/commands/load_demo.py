"""Load the demo data: every country, zones, groups, bureaux, missions, reports, news.

The data lives in fixtures/: countries.json (codes, zones, centroids; names come
from django-countries in French and English) and demo.json (the rest, in both
languages; every senator in it is fictitious). Loading only adds what is missing,
looked up by natural key (slug, ISO code, Senate identifier, report number), and
never changes or deletes a row: running it twice, or after editors changed demo
records, loses nothing.

It fills every app, so it lives in portal/, above them all (the Makefile calls it).
"""

import datetime
import zoneinfo

from django.core.management.base import BaseCommand
from django.db import IntegrityError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from groups import reference
from groups.models import Country
from groups.models import FriendshipGroup
from groups.models import Membership
from groups.models import PoliticalGroup
from groups.models import PoliticalMembership
from groups.models import Senator
from groups.models import Zone
from missions.models import Colloquium
from missions.models import Mission
from missions.models import MissionParticipant
from missions.models import Partner
from missions.models import Reception
from reports.models import NewsItem
from reports.models import Report

# The fixtures' times are Paris wall-clock times: 09:00 is 07:00 UTC in summer (CEST)
# and 08:00 UTC in winter (CET). A fixed +01:00 offset put summer dates an hour off.
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
# The demo senators' (fictitious) political groups date from the 2023 renewal.
DEMO_POLITICAL_START = datetime.date(2023, 10, 1)


def date(value):
    return datetime.date.fromisoformat(value) if value else None


def local_datetime(value):
    """A fixture's « 2024-06-12T09:00:00 » as that moment in Paris."""
    return datetime.datetime.fromisoformat(value).replace(tzinfo=PARIS)


def published_at(day):
    """The content's own date (09:00) as its publication moment, never in the future."""
    moment = datetime.datetime.combine(day, datetime.time(9), tzinfo=PARIS)
    return min(moment, timezone.now())


class Loader:
    def __init__(self):
        self.created = {}
        self.skipped = 0

    def add(self, model, lookup, defaults, m2m=None):
        """Create the row unless one with this natural key exists; return it (or None)."""
        obj = model._default_manager.filter(**lookup).first()
        if obj is not None:
            return obj
        try:
            with transaction.atomic():
                obj = model._default_manager.create(**lookup, **defaults)
                for name, values in (m2m or {}).items():
                    getattr(obj, name).set(values)
        except IntegrityError:
            # Another row already holds a unique value (an editor's record, say):
            # keep theirs.
            self.skipped += 1
            return None
        label = model._meta.verbose_name_plural
        self.created[label] = self.created.get(label, 0) + 1
        return obj

    def add_record(self, model, record, key="slug", *, skip=(), m2m=None, **fields):
        """Add a fixture's ``record`` looked up by its ``key``, with ``fields`` in place of
        its raw values (dates, relations) and ``m2m`` set after. ``skip`` names the keys
        that become rows of their own."""
        ignored = {key, *skip, *(m2m or {})}
        values = {k: v for k, v in record.items() if k not in ignored}
        return self.add(model, {key: record[key]}, {**values, **fields}, m2m=m2m)

    def load(self):
        data = reference.read_fixture("demo.json")
        zones = {z["slug"]: self.add_record(Zone, z) for z in reference.zone_rows()}
        countries = self.load_countries(zones)
        political_groups = {
            p["senate_code"]: self.add_record(PoliticalGroup, p, "senate_code")
            for p in data["political_groups"]
        }
        senators = {
            s["senate_id"]: self.add_record(Senator, s, "senate_id", skip=["political_group"])
            for s in data["senators"]
        }
        for s in data["senators"]:
            senator, political_group = (
                senators[s["senate_id"]],
                political_groups[s["political_group"]],
            )
            if senator is not None and political_group is not None:
                self.add(
                    PoliticalMembership,
                    {"senator": senator, "political_group": political_group},
                    {"kind": "membre", "start_date": DEMO_POLITICAL_START},
                )
        groups = {g["slug"]: self.load_group(g, countries, senators) for g in data["groups"]}
        partners = {p["slug"]: self.add_record(Partner, p) for p in data["partners"]}
        missions = {
            m["slug"]: self.load_mission(m, groups, countries, senators) for m in data["missions"]
        }
        for r in data["receptions"]:
            self.add_record(
                Reception,
                r,
                group=groups[r["group"]],
                country=countries[r["country"]],
                date=date(r["date"]),
                published_at=published_at(date(r["date"])),
            )
        colloquia = {
            c["slug"]: self.load_colloquium(c, groups, countries, partners)
            for c in data["colloquia"]
        }
        for r in data["reports"]:
            self.load_report(r, groups, missions, colloquia, countries, senators)
        for n in data["news"]:
            self.load_news(n, groups, countries)

    def load_countries(self, zones):
        return {
            code: self.add(Country, {"code": code}, values)
            for code, values in reference.country_rows(zones)
        }

    def load_group(self, g, countries, senators):
        group = self.add_record(
            FriendshipGroup,
            g,
            skip=["memberships"],
            created_on=date(g["created_on"]),
            published_at=published_at(datetime.date(2020, 10, 1)),
            m2m={"countries": [countries[c] for c in g["countries"]]},
        )
        if group is None:
            return None
        for m in g["memberships"]:
            self.add(
                Membership,
                {
                    "group": group,
                    "senator": senators[m["senator"]],
                    "role": m["role"],
                    "start_date": date(m["start_date"]),
                },
                {
                    "country": countries[m["country"]] if m.get("country") else None,
                    "end_date": date(m.get("end_date")),
                },
            )
        return group

    def load_mission(self, m, groups, countries, senators):
        mission = self.add_record(
            Mission,
            m,
            skip=["delegation"],
            group=groups[m["group"]],
            start_date=date(m["start_date"]),
            end_date=date(m["end_date"]),
            published_at=published_at(date(m["start_date"]) - datetime.timedelta(days=30)),
            m2m={"countries": [countries[c] for c in m["countries"]]},
        )
        if mission is not None:
            for d in m["delegation"]:
                self.add(
                    MissionParticipant,
                    {"mission": mission, "senator": senators[d["senator"]]},
                    {"is_leader": d["is_leader"]},
                )
        return mission

    def load_colloquium(self, c, groups, countries, partners):
        start_at = local_datetime(c["start_at"])
        return self.add_record(
            Colloquium,
            c,
            start_at=start_at,
            end_at=local_datetime(c["end_at"]),
            published_at=min(start_at - datetime.timedelta(days=45), timezone.now()),
            m2m={
                "groups": [groups[s] for s in c["groups"]],
                "countries": [countries[s] for s in c["countries"]],
                "partners": [partners[s] for s in c["partners"]],
            },
        )

    def load_report(self, r, groups, missions, colloquia, countries, senators):
        if (
            r["number"]
            and Report.objects.filter(Q(number=r["number"]) & ~Q(slug=r["slug"])).exists()
        ):
            self.skipped += 1  # an editor's report already uses this number
            return
        self.add_record(
            Report,
            r,
            publication_date=date(r["publication_date"]),
            group=groups.get(r["group"]),
            mission=missions.get(r["mission"]),
            colloquium=colloquia.get(r["colloquium"]),
            published_at=published_at(date(r["publication_date"])),
            m2m={
                "countries": [countries[c] for c in r["countries"]],
                "authors": [senators[s] for s in r["authors"]],
            },
        )

    def load_news(self, n, groups, countries):
        self.add_record(
            NewsItem,
            n,
            date=date(n["date"]),
            published_at=published_at(date(n["date"])),
            m2m={
                "groups": [groups[s] for s in n["groups"]],
                "countries": [countries[c] for c in n["countries"]],
            },
        )


class Command(BaseCommand):
    help = "Load the demo data from fixtures/ (adds what is missing, never overwrites)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already has zones, countries, senators or groups.",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and any(m.objects.exists() for m in (Zone, Country, Senator, FriendshipGroup)):
            if options["verbosity"]:
                self.stdout.write("The database already holds data: demo data not loaded.")
            return
        loader = Loader()
        with transaction.atomic():
            loader.load()
        if not options["verbosity"]:
            return
        if not loader.created:
            self.stdout.write("Demo data already present: nothing to add.")
        for label, count in loader.created.items():
            self.stdout.write(f"  {count:4d} {label}")
        if loader.skipped:
            self.stdout.write(f"  {loader.skipped} rows kept as they were (unique values in use).")
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
