"""Scaled, fictitious data for the benchmark (``make bench``).

``--scale 1`` is the size of the demo data, ``--scale 10`` ten times that; each
model is topped up to its target, so the command can run on top of the demo
(or twice) and only adds what is missing. ``--reports 100000`` sets the size of
the report archive on its own. Everything written is invented: senators are
« Prénom Nom » built from syllables, texts come from a sentence generator with a
large, skewed vocabulary so that some words are in most reports and others in a
handful, as in a real archive.

Rows go in with bulk_create, in batches, one transaction per kind of row; the
report search vectors are filled by the database trigger of reports migration
0002 as the rows are inserted (``Report.objects.refresh_search_vectors()`` then
catches any row left without one).
"""

import datetime
import json
import multiprocessing
import os
import random
import time
from pathlib import Path

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.db import connection
from django.db import transaction
from django.utils import timezone
from django.utils import translation
from django.utils.text import slugify
from django_countries import countries as iso_countries

from core.generation import bump_generation
from core.models import Publishable
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

PUBLISHED = Publishable.Status.PUBLISHED
DRAFT = Publishable.Status.DRAFT
BATCH = 1000
# From this many new reports on, load them in parallel with the GIN indexes dropped.
BULK_FROM = 5000

# What --scale 1 means: the size of the demo data (fixtures/demo.json), or these
# numbers when the fixture cannot be read.
DEMO_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "demo.json"
KINDS = ("groups", "senators", "missions", "receptions", "colloquia", "reports", "news")


def _demo_sizes():
    sizes = dict(zip(KINDS, (31, 64, 17, 10, 7, 39, 8), strict=True))
    try:
        demo = json.loads(DEMO_FIXTURE.read_text(encoding="utf-8"))
        sizes.update({kind: len(demo[kind]) for kind in KINDS if demo.get(kind)})
    except (OSError, ValueError):
        pass
    return sizes


BASE = _demo_sizes()

# Words the benchmark searches for: FREQUENT_TERM is in nearly every report,
# the rare ones in about one report in a thousand each.
FREQUENT_TERM = "coopération"
RARE_TERMS_FR = [
    "hydrolienne", "lithium", "mangrove", "sismologie", "géothermie", "cacaoculture",
    "désalinisation", "cybersécurité", "fromagerie", "aquaculture", "phosphates",
    "biodiversité", "vaccination", "microcrédit", "orpaillage", "satellitaire",
    "hydrogène", "permafrost", "riziculture", "typhons", "ferroviaire", "notariat",
    "bilinguisme", "archéologie", "sucrerie", "vignoble", "câblage", "luthiers",
    "calligraphie", "apiculture",
]  # fmt: skip
RARE_TERMS_EN = [
    "tidal", "lithium", "mangroves", "seismology", "geothermal", "cocoa", "desalination",
    "cybersecurity", "cheesemaking", "aquaculture", "phosphates", "biodiversity",
    "vaccination", "microcredit", "gold-panning", "satellite", "hydrogen", "permafrost",
    "rice-growing", "typhoons", "railway", "notaries", "bilingualism", "archaeology",
    "sugar", "vineyards", "cabling", "luthiers", "calligraphy", "beekeeping",
]  # fmt: skip

SYLLABLES = (
    "ba be bi bo ca ce ci co da de di do fa fe fi ga ge gi go la le li lo lu ma me mi mo mu "
    "na ne ni no pa pe pi po ra re ri ro ru sa se si so ta te ti to va ve vi vo za ze zo "
    "an en in on ar er ir or al el il ol am em im"
).split()

# Sentence parts, French. Repeated entries are the frequent words.
FR = {
    "subject": [
        "La délégation",
        "Le groupe d'amitié",
        "La présidente du groupe",
        "Le président du groupe",
        "Les sénateurs",
        "La mission",
        "L'ambassade de France",
        "Le ministre des affaires étrangères",
        "Le président de la commission",
        "Les parlementaires",
        "La vice-présidente",
        "Le secrétaire du groupe",
        "Les interlocuteurs rencontrés",
        "Le gouvernement",
        "Le Parlement",
        "La chambre haute",
        "Les élus locaux",
        "La communauté française",
        "Les entreprises françaises",
        "Le conseiller économique",
        "L'Agence française de développement",
        "Business France",
        "Les chercheurs",
        "Les représentants de la société civile",
    ],
    "verb": [
        "a rencontré",
        "a souligné",
        "a rappelé",
        "a examiné",
        "a présenté",
        "s'est entretenu de",
        "a visité",
        "a salué",
        "a évoqué",
        "a défendu",
        "a constaté",
        "a encouragé",
        "a insisté sur",
        "a débattu de",
        "s'est intéressé à",
        "a signé",
        "a proposé",
        "a approfondi",
        "a relevé",
        "a plaidé pour",
    ],
    "object": [
        "la coopération parlementaire",
        "la coopération économique",
        "la coopération culturelle",
        "la coopération décentralisée",
        "la coopération universitaire",
        "les échanges commerciaux",
        "la francophonie",
        "la transition énergétique",
        "la sécurité régionale",
        "les investissements français",
        "la formation professionnelle",
        "l'enseignement du français",
        "la gouvernance locale",
        "la réforme constitutionnelle",
        "le développement durable",
        "la santé publique",
        "l'agriculture",
        "la politique migratoire",
        "le tourisme",
        "la protection du patrimoine",
        "la lutte contre la corruption",
        "les infrastructures portuaires",
        "la recherche scientifique",
        "l'égalité entre les femmes et les hommes",
        "la mobilité des étudiants",
        "le numérique",
        "la sécurité alimentaire",
        "l'eau potable",
        "les énergies renouvelables",
        "la dette publique",
        "la décentralisation",
        "la justice",
    ],
    "complement": [
        "avec les autorités locales",
        "en présence de l'ambassadeur",
        "lors d'un déjeuner de travail",
        "au cours d'une séance plénière",
        "dans la capitale",
        "à l'occasion de cette visite",
        "devant la commission des affaires étrangères",
        "au siège du Parlement",
        "avec les représentants des entreprises",
        "dans un contexte régional difficile",
        "pour la première fois depuis dix ans",
        "selon un calendrier ambitieux",
        "au terme de longues discussions",
        "en lien avec l'Union européenne",
        "dans le cadre de l'accord bilatéral",
        "avec la diaspora",
        "sur le terrain",
        "au lycée français",
        "à l'université",
        "dans les provinces du nord",
    ],
    "adjective": [
        "important",
        "décisif",
        "prometteur",
        "fragile",
        "remarquable",
        "encourageant",
        "significatif",
        "durable",
        "stratégique",
        "exemplaire",
        "ambitieux",
        "nécessaire",
    ],
    "closing": [
        "Ce dossier reste {adj} pour les deux pays.",
        "La délégation juge ce chantier {adj}.",
        "Les progrès constatés sont {adj}.",
        "Un suivi {adj} sera assuré par le groupe.",
        "Le bilan de la coopération est jugé {adj}.",
    ],
    "title": [
        "La coopération entre la France et {place} : {topic}",
        "Mission du groupe d'amitié en {place}",
        "{place} : {topic} et coopération parlementaire",
        "Rapport d'information sur {topic} en {place}",
        "Actes du colloque « {place}, {topic} »",
        "Relations entre le Sénat et {place} : bilan et perspectives",
        "{topic} : l'exemple de {place}",
    ],
}
EN = {
    "subject": [
        "The delegation", "The friendship group", "The chair of the group", "The group's president",
        "The senators", "The mission", "The French embassy", "The foreign minister",
        "The committee chair", "The members of parliament", "The vice-chair",
        "The group's secretary", "The officials we met", "The government", "The parliament",
        "The upper house", "Local elected officials", "The French community", "French companies",
        "The economic adviser", "The French Development Agency", "Business France",
        "The researchers", "Civil society representatives",
    ],
    "verb": [
        "met", "stressed", "recalled", "examined", "presented", "discussed", "visited",
        "welcomed", "mentioned", "defended", "noted", "encouraged", "insisted on", "debated",
        "looked into", "signed", "proposed", "explored", "pointed out", "argued for",
    ],
    "object": [
        "parliamentary cooperation", "economic cooperation", "cultural cooperation",
        "decentralised cooperation", "academic cooperation", "trade", "the French language",
        "the energy transition", "regional security", "French investment", "vocational training",
        "the teaching of French", "local governance", "constitutional reform",
        "sustainable development", "public health", "agriculture", "migration policy", "tourism",
        "heritage protection", "the fight against corruption", "port infrastructure",
        "scientific research", "equality between women and men", "student mobility",
        "digital policy", "food security", "drinking water", "renewable energy", "public debt",
        "decentralisation", "the justice system",
    ],
    "complement": [
        "with the local authorities", "with the ambassador present", "over a working lunch",
        "during a plenary sitting", "in the capital", "during this visit",
        "before the foreign affairs committee", "at the parliament building",
        "with business representatives", "in a difficult regional context",
        "for the first time in ten years", "on an ambitious timetable", "after long talks",
        "together with the European Union", "under the bilateral agreement", "with the diaspora",
        "in the field", "at the French lycée", "at the university", "in the northern provinces",
    ],
    "adjective": [
        "important", "decisive", "promising", "fragile", "remarkable", "encouraging",
        "significant", "lasting", "strategic", "exemplary", "ambitious", "necessary",
    ],
    "closing": [
        "This matter remains {adj} for both countries.",
        "The delegation considers this work {adj}.",
        "The progress observed is {adj}.",
        "The group will provide {adj} follow-up.",
        "Cooperation is judged {adj} overall.",
    ],
    "title": [
        "Cooperation between France and {place}: {topic}",
        "Mission of the friendship group to {place}",
        "{place}: {topic} and parliamentary cooperation",
        "Information report on {topic} in {place}",
        "Proceedings of the colloquium “{place}, {topic}”",
        "Relations between the Senate and {place}: review and outlook",
        "{topic}: the example of {place}",
    ],
}  # fmt: skip


class TextGenerator:
    """French and English text from sentence parts, invented names and rare words.

    Each sentence picks its parts at random and most carry a number, a year or an
    invented proper name, so no two paragraphs are the same; the rare terms give
    the benchmark selective searches.
    """

    def __init__(self, rng):
        self.rng = rng
        self.names = [self.name() for _ in range(20000)]

    def name(self):
        syllables = self.rng.choices(SYLLABLES, k=self.rng.randint(2, 4))
        return "".join(syllables).capitalize()

    def sentence(self, parts, rare, lang):
        r = self.rng
        subject, verb = r.choice(parts["subject"]), r.choice(parts["verb"])
        if lang == "fr" and subject.startswith("Les "):  # the verb agrees with a plural
            verb = "ont" + verb[1:] if verb.startswith("a ") else verb.replace("s'est", "se sont")
        kind = r.random()
        if kind < 0.55:
            text = f"{subject} {verb} {r.choice(parts['object'])} {r.choice(parts['complement'])}"
        elif kind < 0.75:
            year, n = r.randint(1995, 2026), r.randint(2, 950)
            if lang == "fr":
                text = (
                    f"En {year}, {subject.lower()} {verb} "
                    f"{n} projets liés à {r.choice(parts['object'])} "
                    f"avec la société {r.choice(self.names)}"
                )
            else:
                text = (
                    f"In {year}, {subject.lower()} {verb} "
                    f"{n} projects on {r.choice(parts['object'])} "
                    f"with the firm {r.choice(self.names)}"
                )
        elif kind < 0.9:
            who = f"{r.choice(self.names)} {r.choice(self.names)}"
            if lang == "fr":
                text = (
                    f"À {r.choice(self.names)}, {who} {r.choice(parts['verb'])} "
                    f"{r.choice(parts['object'])} et {r.choice(parts['object'])}"
                )
            else:
                text = (
                    f"In {r.choice(self.names)}, {who} {r.choice(parts['verb'])} "
                    f"{r.choice(parts['object'])} and {r.choice(parts['object'])}"
                )
        else:
            text = r.choice(parts["closing"]).format(adj=r.choice(parts["adjective"]))[:-1]
        if r.random() < 0.003:
            text += (", notamment " if lang == "fr" else ", including ") + r.choice(rare)
        return text + "."

    def paragraph(self, parts, rare, lang, sentences):
        return " ".join(self.sentence(parts, rare, lang) for _ in range(sentences))

    def report(self, place, lang):
        """(title, summary, body HTML) of one report about ``place``."""
        parts, rare = (FR, RARE_TERMS_FR) if lang == "fr" else (EN, RARE_TERMS_EN)
        r = self.rng
        topic = r.choice(parts["object"])
        title = r.choice(parts["title"]).format(place=place, topic=topic)
        title = title[0].upper() + title[1:]
        summary = self.paragraph(parts, rare, lang, r.randint(2, 3))
        body = "".join(
            f"<p>{self.paragraph(parts, rare, lang, r.randint(3, 6))}</p>"
            for _ in range(r.randint(2, 5))
        )
        return title[:400], summary, body


def _batched(rows, model, stdout, label, total, after=None):
    """bulk_create ``rows`` in batches, with progress; ``after(batch)`` sees their pks."""
    start = time.monotonic()
    done = 0
    batch = []

    def flush():
        model.objects.bulk_create(batch)
        if after:
            after(batch)

    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            flush()
            done += len(batch)
            batch = []
            rate = done / max(time.monotonic() - start, 1e-6)
            stdout.write(f"  {label}: {done:,}/{total:,} ({rate:,.0f}/s)", ending="\r")
            stdout.flush()
    if batch:
        flush()
        done += len(batch)
    stdout.write(f"  {label}: {done:,}/{total:,} in {time.monotonic() - start:.1f}s")


class Command(BaseCommand):
    help = "Add fictitious data up to N times the demo's size, for the benchmark."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1 = the demo's size")
        parser.add_argument("--reports", type=int, help="total reports wanted (default: scaled)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)

    def handle(self, *, scale, reports, seed, workers, **options):
        if scale <= 0:
            raise CommandError("--scale must be positive.")
        self.rng = random.Random(seed)
        self.seed, self.workers = seed, workers
        self.text = TextGenerator(self.rng)
        self.run = f"{int(time.time()) % 1_000_000:06d}{seed % 100:02d}"
        target = {name: max(1, round(count * scale)) for name, count in BASE.items()}
        if reports is not None:
            target["reports"] = reports
        started = time.monotonic()
        with translation.override("fr"):
            self.countries = self._ensure_countries()
            self._top_up_partners()
            self._top_up_senators(target["senators"])
            self._top_up_groups(target["groups"])
            self._top_up(Mission, target["missions"], self._add_missions)
            self._top_up(Reception, target["receptions"], self._add_receptions)
            self._top_up(Colloquium, target["colloquia"], self._add_colloquia)
            self._top_up(NewsItem, target["news"], self._add_news)
            self._top_up(Report, target["reports"], self._add_reports)
        with connection.cursor() as cursor:
            # As autovacuum leaves a database soon after a bulk load: the GIN indexes' pending
            # lists merged (each search reads them whole until then) and the planner's
            # statistics taken. The site search's SQL for a selective word, on the freshly
            # generated data: p50 100 ms after ANALYZE alone, 28 ms after VACUUM ANALYZE
            # (bench/searchtime.py, load average 3.5, 2026-12-07).
            # VACUUM cannot run inside a caller's transaction (a test's): ANALYZE then.
            cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        bump_generation()  # bulk_create sends no signal: drop cached pages
        self.stdout.write(self.style.SUCCESS(f"Done in {time.monotonic() - started:.0f}s."))

    # --- reference data -------------------------------------------------------------

    def _ensure_countries(self):
        if not Zone.objects.exists():
            # The portal's own zones, as the demo and the Senate's import start from them.
            Zone.objects.bulk_create(Zone(**row) for row in reference.zone_rows())
        zones = list(Zone.objects.all())
        existing = set(Country.objects.values_list("code", flat=True))
        new = []
        for code, _name in iso_countries:
            if code in existing:
                continue
            with translation.override("fr"):
                name_fr = str(iso_countries.name(code))
            with translation.override("en"):
                name_en = str(iso_countries.name(code))
            new.append(
                Country(
                    code=code,
                    name_fr=name_fr,
                    name_en=name_en,
                    zone=self.rng.choice(zones),
                    latitude=round(self.rng.uniform(-60, 70), 5),
                    longitude=round(self.rng.uniform(-170, 170), 5),
                )
            )
        if new:
            Country.objects.bulk_create(new)
            self.stdout.write(f"  countries: {len(new)} added")
        return list(Country.objects.all())

    def _top_up_partners(self):
        if Partner.objects.count() >= 6:
            return
        Partner.objects.bulk_create(
            Partner(
                name_fr=f"Institut {self.text.name()}",
                name_en=f"{self.text.name()} Institute",
                slug=f"b{self.run}-partner-{i}",
                kind=self.rng.choice(Partner.Kind.values),
            )
            for i in range(6)
        )

    def _need(self, model, total):
        return max(0, total - model.objects.count())

    # --- people and groups ------------------------------------------------------------

    @transaction.atomic
    def _top_up_senators(self, total):
        need = self._need(Senator, total)
        r = self.rng
        rows = (
            Senator(
                civility=r.choice(Senator.Civility.values),
                first_name=self.text.name(),
                last_name=self.text.name(),
                slug=f"b{self.run}-senator-{i}",
                senate_id=f"B{self.run}{i:05d}",
                constituency_fr=self.text.name(),
                is_active=r.random() < 0.9,
            )
            for i in range(need)
        )
        political_groups = [
            PoliticalGroup.objects.get_or_create(
                senate_code=f"BENCH-{letter}", defaults={"name": f"Groupe {letter} (fictif)"}
            )[0]
            for letter in "ABCD"
        ]

        def political_memberships(senators):
            # Each senator's current political group (a relation, as the import makes it).
            PoliticalMembership.objects.bulk_create(
                PoliticalMembership(
                    senator=senator,
                    political_group=r.choice(political_groups),
                    kind="membre",
                    start_date=datetime.date(2023, 10, 1),
                )
                for senator in senators
            )

        _batched(rows, Senator, self.stdout, "senators", need, after=political_memberships)

    @transaction.atomic
    def _top_up_groups(self, total):
        need = self._need(FriendshipGroup, total)
        r = self.rng
        groups = []
        for i in range(need):
            kind = r.choices(FriendshipGroup.Kind.values, weights=[70, 25, 5])[0]
            first = r.choice(self.countries)
            groups.append(
                FriendshipGroup(
                    name_fr=f"France-{first.name_fr} {self.text.name()}",
                    name_en=f"France-{first.name_en} {self.text.name()}",
                    slug=f"b{self.run}-group-{i}",
                    kind=kind,
                    description_fr=f"<p>{self.text.paragraph(FR, RARE_TERMS_FR, 'fr', 3)}</p>",
                    description_en=f"<p>{self.text.paragraph(EN, RARE_TERMS_EN, 'en', 3)}</p>",
                    status=PUBLISHED if r.random() < 0.95 else DRAFT,
                    published_at=timezone.now() - datetime.timedelta(days=r.randint(1, 3000)),
                    dissolved_on=None if r.random() < 0.95 else datetime.date(2015, 6, 30),
                    created_on=datetime.date(r.randint(1960, 2020), r.randint(1, 12), 1),
                    counterpart_fr=f"Groupe d'amitié {first.name_fr}-France",
                    contact_name=f"{self.text.name()} {self.text.name()}",
                    contact_email=f"drip{i}@example.org",
                )
            )
        _batched(groups, FriendshipGroup, self.stdout, "groups", need)
        if not need:
            return
        groups = list(FriendshipGroup.objects.filter(slug__startswith=f"b{self.run}-group-"))
        links, covered = [], {}
        for group in groups:
            size = 1 if group.kind == FriendshipGroup.Kind.COUNTRY else r.randint(3, 8)
            covered[group.pk] = r.sample(self.countries, size)
            links += [
                FriendshipGroup.countries.through(friendshipgroup_id=group.pk, country_id=c.pk)
                for c in covered[group.pk]
            ]
        FriendshipGroup.countries.through.objects.bulk_create(links, batch_size=BATCH)
        senator_ids = list(Senator.objects.values_list("pk", flat=True))
        memberships = []
        for group in groups:
            chosen = r.sample(senator_ids, min(len(senator_ids), r.randint(8, 30)))
            start = datetime.date(2023, 10, 1)
            for n, senator_id in enumerate(chosen):
                role, country = Membership.Role.MEMBER, None
                if n == 0:
                    role = Membership.Role.PRESIDENT
                elif n <= 3:
                    role = Membership.Role.VICE_PRESIDENT
                elif n == 4:
                    role = Membership.Role.SECRETARY
                elif group.kind != FriendshipGroup.Kind.COUNTRY and n - 5 < len(covered[group.pk]):
                    role = Membership.Role.DELEGATE_PRESIDENT
                    country = covered[group.pk][n - 5]
                memberships.append(
                    Membership(
                        senator_id=senator_id,
                        group=group,
                        role=role,
                        country=country,
                        start_date=start,
                    )
                )
            # The previous bureau, for the history by renewal period.
            for n, senator_id in enumerate(r.sample(senator_ids, min(len(senator_ids), 4))):
                memberships.append(
                    Membership(
                        senator_id=senator_id,
                        group=group,
                        role=Membership.Role.PRESIDENT if n == 0 else Membership.Role.SECRETARY,
                        start_date=datetime.date(2020, 10, 1),
                        end_date=datetime.date(2023, 9, 30),
                    )
                )
        _batched(memberships, Membership, self.stdout, "memberships", len(memberships))

    def _groups_with_countries(self):
        groups = list(
            FriendshipGroup.objects.filter(status=PUBLISHED).prefetch_related("countries")
        )
        return [(g, list(g.countries.all())) for g in groups if g.countries.all()]

    def _top_up(self, model, total, add):
        """``add(need)``: the ``need`` rows of ``model`` still missing to reach ``total``."""
        need = self._need(model, total)
        if need:
            add(need)

    def _group_picks(self, need):
        """(i, group, its countries) for ``need`` new rows, each about a random published
        group that has countries."""
        groups = self._groups_with_countries()
        for i in range(need):
            yield i, *self.rng.choice(groups)

    def _random_date(self, first_year):
        r = self.rng
        return datetime.date(r.randint(first_year, 2026), r.randint(1, 12), r.randint(1, 28))

    def _published(self, kind, i):
        """The i-th new ``kind`` row's slug, and its publication yesterday."""
        return {
            "slug": f"b{self.run}-{kind}-{i}",
            "status": PUBLISHED,
            "published_at": timezone.now() - datetime.timedelta(days=1),
        }

    # --- missions, receptions, colloquia ---------------------------------------------

    @transaction.atomic
    def _add_missions(self, need):
        r = self.rng
        missions, visited = [], []
        for i, group, countries in self._group_picks(need):
            start = self._random_date(1995)
            place = countries[0]
            missions.append(
                Mission(
                    title_fr=f"Mission en {place.name_fr} ({start.year})",
                    title_en=f"Mission to {place.name_en} ({start.year})",
                    group=group,
                    start_date=start,
                    end_date=start + datetime.timedelta(days=r.randint(2, 9)),
                    progress=Mission.Progress.DONE
                    if start < datetime.date.today()
                    else Mission.Progress.PLANNED,
                    purpose_fr=self.text.paragraph(FR, RARE_TERMS_FR, "fr", 2),
                    purpose_en=self.text.paragraph(EN, RARE_TERMS_EN, "en", 2),
                    **self._published("mission", i),
                )
            )
            visited.append(r.sample(countries, min(len(countries), r.randint(1, 2))))
        _batched(missions, Mission, self.stdout, "missions", need)  # sets their pks
        senator_ids = list(Senator.objects.values_list("pk", flat=True))
        links, delegation = [], []
        for mission, countries in zip(missions, visited, strict=True):
            links += [
                Mission.countries.through(mission_id=mission.pk, country_id=c.pk) for c in countries
            ]
            for n, senator_id in enumerate(r.sample(senator_ids, min(len(senator_ids), 4))):
                delegation.append(
                    MissionParticipant(mission=mission, senator_id=senator_id, is_leader=n == 0)
                )
        Mission.countries.through.objects.bulk_create(links, batch_size=BATCH)
        MissionParticipant.objects.bulk_create(delegation, batch_size=BATCH)

    @transaction.atomic
    def _add_receptions(self, need):
        def rows():
            for i, group, countries in self._group_picks(need):
                country = self.rng.choice(countries)
                yield Reception(
                    title_fr=f"Accueil d'une délégation ({country.name_fr})",
                    title_en=f"Delegation received ({country.name_en})",
                    group=group,
                    country=country,
                    date=self._random_date(1995),
                    head_of_delegation_fr=f"{self.text.name()} {self.text.name()}",
                    **self._published("reception", i),
                )

        _batched(rows(), Reception, self.stdout, "receptions", need)

    @transaction.atomic
    def _add_colloquia(self, need):
        r = self.rng
        rows = []
        for i in range(need):
            start = timezone.now() + datetime.timedelta(days=r.randint(-4000, 200))
            place = r.choice(self.countries)
            rows.append(
                Colloquium(
                    title_fr=f"Colloque économique France-{place.name_fr}",
                    title_en=f"France-{place.name_en} business forum",
                    start_at=start,
                    end_at=start + datetime.timedelta(hours=r.randint(3, 8)),
                    venue_fr="Palais du Luxembourg",
                    summary_fr=self.text.paragraph(FR, RARE_TERMS_FR, "fr", 3),
                    summary_en=self.text.paragraph(EN, RARE_TERMS_EN, "en", 3),
                    **self._published("colloquium", i),
                )
            )
        _batched(rows, Colloquium, self.stdout, "colloquia", need)  # sets their pks
        group_ids = list(FriendshipGroup.objects.values_list("pk", flat=True))
        partner_ids = list(Partner.objects.values_list("pk", flat=True))
        c_links, g_links, p_links = [], [], []
        for colloquium in rows:
            c_links.append(
                Colloquium.countries.through(
                    colloquium_id=colloquium.pk, country_id=r.choice(self.countries).pk
                )
            )
            g_links.append(
                Colloquium.groups.through(
                    colloquium_id=colloquium.pk, friendshipgroup_id=r.choice(group_ids)
                )
            )
            p_links.append(
                Colloquium.partners.through(
                    colloquium_id=colloquium.pk, partner_id=r.choice(partner_ids)
                )
            )
        Colloquium.countries.through.objects.bulk_create(c_links)
        Colloquium.groups.through.objects.bulk_create(g_links)
        Colloquium.partners.through.objects.bulk_create(p_links)

    # --- news and reports -------------------------------------------------------------

    @transaction.atomic
    def _add_news(self, need):
        rows, about = [], []
        for i, group, countries in self._group_picks(need):
            title_fr, summary_fr, body_fr = self.text.report(countries[0].name_fr, "fr")
            title_en, summary_en, body_en = self.text.report(countries[0].name_en, "en")
            rows.append(
                NewsItem(
                    title_fr=title_fr[:300],
                    title_en=title_en[:300],
                    date=self._random_date(2015),
                    summary_fr=summary_fr,
                    summary_en=summary_en,
                    body_fr=body_fr,
                    body_en=body_en,
                    is_featured=self.rng.random() < 0.05,
                    **self._published("news", i),
                )
            )
            about.append((group, countries[0]))
        _batched(rows, NewsItem, self.stdout, "news", need)  # sets their pks
        NewsItem.groups.through.objects.bulk_create(
            NewsItem.groups.through(newsitem_id=item.pk, friendshipgroup_id=group.pk)
            for item, (group, _country) in zip(rows, about, strict=True)
        )
        NewsItem.countries.through.objects.bulk_create(
            NewsItem.countries.through(newsitem_id=item.pk, country_id=country.pk)
            for item, (_group, country) in zip(rows, about, strict=True)
        )

    def _add_reports(self, need):
        context = {
            "groups": self._groups_with_countries(),
            "mission_ids": list(Mission.objects.values_list("pk", flat=True)[:5000]),
            "senator_ids": list(Senator.objects.values_list("pk", flat=True)),
        }
        if need < BULK_FROM:
            with transaction.atomic():
                self._insert_reports(0, need, context, "reports")
        else:
            self._bulk_load_reports(need, context)
        missing = Report.objects.filter(search_fr__isnull=True)
        if missing.exists():
            count = missing.refresh_search_vectors()
            self.stdout.write(f"  search vectors refreshed for {count:,} reports")

    def _bulk_load_reports(self, need, context):
        """A large archive: GIN indexes dropped and rebuilt, one process per core.

        Updating the two GIN indexes row by row costs more than computing the search
        vectors; building them once at the end is several times faster. The workers
        (forked, each with its own connection and transaction) keep both cores busy
        between Python (text) and PostgreSQL (vectors).
        """
        gin = [index for index in Report._meta.indexes if isinstance(index, GinIndex)]
        with connection.schema_editor() as editor:
            for index in gin:
                editor.remove_index(Report, index)
        try:
            workers = max(1, min(self.workers, need // 1000))
            if workers == 1:
                with transaction.atomic():
                    self._insert_reports(0, need, context, "reports")
                return
            shares = [need // workers + (k < need % workers) for k in range(workers)]
            connection.close()  # a forked child must not share the parent's socket
            processes = []
            offset = 0
            for k, share in enumerate(shares):
                process = multiprocessing.get_context("fork").Process(
                    target=self._report_worker, args=(k, offset, share, context)
                )
                process.start()
                processes.append(process)
                offset += share
            for process in processes:
                process.join()
            if any(process.exitcode for process in processes):
                raise CommandError("a report worker failed; see its traceback above")
        finally:
            self.stdout.write("  rebuilding the search indexes")
            with connection.schema_editor() as editor:
                editor.execute("SET maintenance_work_mem = '256MB'")
                # Deferred foreign-key checks still pending in this transaction (workers=1)
                # would block CREATE INDEX: run them now.
                editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                for index in gin:
                    editor.add_index(Report, index)
                editor.execute("SET CONSTRAINTS ALL DEFERRED")

    def _report_worker(self, k, offset, count, context):
        self.rng = self.text.rng = random.Random(self.seed * 1000 + k)
        try:
            with transaction.atomic():
                self._insert_reports(offset, count, context, f"reports [worker {k + 1}]")
        finally:
            connection.close()

    def _insert_reports(self, offset, need, context, label):
        r = self.rng
        groups, mission_ids = context["groups"], context["mission_ids"]
        senator_ids = context["senator_ids"]
        prefix = f"b{self.run}-report-"
        related = []

        def rows():
            for i in range(offset, offset + need):
                group, countries = r.choice(groups)
                place = r.choice(countries)
                title_fr, summary_fr, body_fr = self.text.report(place.name_fr, "fr")
                translated = r.random() < 0.4  # most of the archive exists only in French
                if translated:
                    title_en, summary_en, body_en = self.text.report(place.name_en, "en")
                else:
                    title_en = summary_en = body_en = ""
                date = self._random_date(1995)
                related.append((place.pk, r.choice(senator_ids)))
                yield Report(
                    number=f"B{self.run}-{i}",
                    title_fr=title_fr,
                    title_en=title_en,
                    slug=f"{prefix}{i}-{slugify(title_fr)[:60]}",
                    kind=r.choices(Report.Kind.values, weights=[70, 20, 10])[0],
                    publication_date=date,
                    published_at=timezone.make_aware(
                        datetime.datetime.combine(date, datetime.time(9))
                    ),
                    status=PUBLISHED if r.random() < 0.97 else DRAFT,
                    group=group,
                    mission_id=r.choice(mission_ids) if mission_ids and r.random() < 0.5 else None,
                    summary_fr=summary_fr,
                    summary_en=summary_en,
                    body_fr=body_fr,
                    body_en=body_en,
                )

        def link(batch):
            Report.countries.through.objects.bulk_create(
                Report.countries.through(report_id=report.pk, country_id=country_id)
                for report, (country_id, _s) in zip(batch, related, strict=True)
            )
            Report.authors.through.objects.bulk_create(
                Report.authors.through(report_id=report.pk, senator_id=senator_id)
                for report, (_c, senator_id) in zip(batch, related, strict=True)
            )
            related.clear()

        _batched(rows(), Report, self.stdout, label, need, after=link)
