"""Plain helpers that build valid rows (every keyword overrides a default), and query counts."""

import datetime
import importlib
import itertools
import string

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import Publishable
from groups.models import Country
from groups.models import CountryLink
from groups.models import FriendshipGroup
from groups.models import GroupName
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

_seq = itertools.count(1)
PUBLISHED = Publishable.Status.PUBLISHED


def _n():
    return next(_seq)


def _unused_code():
    used = set(Country.objects.values_list("code", flat=True))
    for a, b in itertools.product(string.ascii_uppercase, repeat=2):
        if a + b not in used:
            return a + b
    raise RuntimeError("no ISO code left")


def _create(model, fields, **many_to_many):
    """A ``model`` row with these fields, then its many-to-many relations set."""
    obj = model.objects.create(**fields)
    for name, values in many_to_many.items():
        getattr(obj, name).set(values)
    return obj


def make_zone(**kw):
    n = _n()
    kw.setdefault("slug", f"zone-{n}")
    kw.setdefault("name_fr", f"Zone {n}")
    kw.setdefault("name_en", f"Zone {n} (en)")
    return Zone.objects.create(**kw)


def make_country(**kw):
    n = _n()
    if "zone" not in kw:
        kw["zone"] = make_zone()
    kw.setdefault("code", _unused_code())
    kw.setdefault("name_fr", f"Pays {n}")
    kw.setdefault("name_en", f"Country {n}")
    kw.setdefault("latitude", 10)
    kw.setdefault("longitude", 20)
    return Country.objects.create(**kw)


def make_group(countries=None, **kw):
    n = _n()
    kw.setdefault("name_fr", f"France-Pays {n}")
    kw.setdefault("name_en", f"France-Country {n}")
    kw.setdefault("slug", f"group-{n}")
    kw.setdefault("kind", FriendshipGroup.Kind.COUNTRY)
    kw.setdefault("status", PUBLISHED)
    if countries is None:
        countries = [make_country()]
    return _create(FriendshipGroup, kw, countries=countries)


def make_senator(**kw):
    n = _n()
    kw.setdefault("civility", Senator.Civility.MRS if n % 2 else Senator.Civility.MR)
    kw.setdefault("first_name", f"Prénom{n}")
    kw.setdefault("last_name", f"Nom{n}")
    kw.setdefault("slug", f"senator-{n}")
    kw.setdefault("senate_id", f"T{n:05d}")
    kw.setdefault("constituency_fr", "Paris")
    political_group = kw.pop("political_group", None)
    senator = Senator.objects.create(**kw)
    if political_group is not None:
        # A name or a PoliticalGroup: the senator's political group today.
        if not isinstance(political_group, PoliticalGroup):
            political_group = PoliticalGroup.objects.filter(
                name=political_group
            ).first() or make_political_group(name=political_group)
        make_political_membership(senator=senator, political_group=political_group)
    return senator


def make_political_group(**kw):
    n = _n()
    kw.setdefault("senate_code", f"PG{n}")
    kw.setdefault("name", f"Groupe politique {n} (fictif)")
    return PoliticalGroup.objects.create(**kw)


def _term(kw):
    """A senator's term in a group (friendship or political): a new senator and the
    2023 renewal's date unless told."""
    if "senator" not in kw:
        kw["senator"] = make_senator()
    kw.setdefault("start_date", datetime.date(2023, 10, 1))
    return kw


def make_political_membership(**kw):
    if "political_group" not in kw:
        kw["political_group"] = make_political_group()
    kw.setdefault("kind", "membre")
    return PoliticalMembership.objects.create(**_term(kw))


def make_membership(**kw):
    if "group" not in kw:
        kw["group"] = make_group()
    kw.setdefault("role", Membership.Role.MEMBER)
    return Membership.objects.create(**_term(kw))


def make_partner(**kw):
    n = _n()
    kw.setdefault("name_fr", f"Partenaire {n}")
    kw.setdefault("slug", f"partner-{n}")
    kw.setdefault("kind", Partner.Kind.PUBLIC_AGENCY)
    return Partner.objects.create(**kw)


def make_mission(countries=None, participants=(), **kw):
    n = _n()
    if "group" not in kw:
        kw["group"] = make_group()
    kw.setdefault("title_fr", f"Mission {n}")
    kw.setdefault("title_en", f"Mission {n} (en)")
    kw.setdefault("slug", f"mission-{n}")
    kw.setdefault("start_date", datetime.date(2024, 3, 1))
    kw.setdefault("end_date", kw["start_date"] + datetime.timedelta(days=5))
    kw.setdefault("status", PUBLISHED)
    if countries is None:
        countries = kw["group"].countries.all()
    mission = _create(Mission, kw, countries=countries)
    for i, senator in enumerate(participants):
        MissionParticipant.objects.create(mission=mission, senator=senator, is_leader=i == 0)
    return mission


def make_reception(**kw):
    n = _n()
    if "group" not in kw:
        kw["group"] = make_group()
    kw.setdefault("country", kw["group"].countries.first() or make_country())
    kw.setdefault("title_fr", f"Réception {n}")
    kw.setdefault("slug", f"reception-{n}")
    kw.setdefault("date", datetime.date(2024, 5, 1))
    kw.setdefault("head_of_delegation_fr", "Délégation fictive")
    kw.setdefault("status", PUBLISHED)
    return Reception.objects.create(**kw)


def _published_page(kw, n, title_fr, title_en, slug):
    """The defaults of a published page numbered ``n``: « title_fr n », « title_en n »
    and slug-n."""
    kw.setdefault("title_fr", f"{title_fr} {n}")
    kw.setdefault("title_en", f"{title_en} {n}")
    kw.setdefault("slug", f"{slug}-{n}")
    kw.setdefault("status", PUBLISHED)
    return kw


def make_colloquium(countries=(), groups=(), partners=(), **kw):
    _published_page(kw, _n(), "Colloque", "Colloquium", "colloquium")
    kw.setdefault("start_at", timezone.now() + datetime.timedelta(days=30))
    kw.setdefault("end_at", kw["start_at"] + datetime.timedelta(hours=4))
    kw.setdefault("venue_fr", "Palais du Luxembourg")
    return _create(Colloquium, kw, countries=countries, groups=groups, partners=partners)


def make_report(countries=(), authors=(), **kw):
    n = _n()
    kw.setdefault("number", f"GA {n}")
    _published_page(kw, n, "Rapport", "Report", "report")
    kw.setdefault("publication_date", datetime.date(2024, 6, 1))
    return _create(Report, kw, countries=countries, authors=authors)


def make_news(groups=(), countries=(), **kw):
    _published_page(kw, _n(), "Actualité", "News", "news")
    kw.setdefault("date", datetime.date(2024, 6, 1))
    return _create(NewsItem, kw, groups=groups, countries=countries)


def make_group_with_everything(zone=None):
    """A group with two countries, a bureau, members and one of each related item.

    As the Senate's import leaves it: dated names and country links; its président has a
    political group and a past one; a vice-président has a rank, a secretary's term ended.
    Returns the group, its first country and the président.
    """
    country = make_country(zone=zone or make_zone())
    group = make_group(
        countries=[country, make_country(zone=country.zone)], senate_code=f"S{country.code}"
    )
    GroupName.objects.create(group=group, name="Ancien nom", end_date=datetime.date(2001, 1, 1))
    GroupName.objects.create(group=group, name=group.name_fr, start_date=datetime.date(2001, 1, 2))
    CountryLink.objects.create(group=group, country=country, start_date=datetime.date(1990, 1, 1))
    senator = make_membership(group=group, role=Membership.Role.PRESIDENT).senator
    make_membership(group=group, role=Membership.Role.DELEGATE_PRESIDENT, country=country)
    make_membership(group=group, role=Membership.Role.VICE_PRESIDENT, rank=2)
    make_membership(group=group)
    make_membership(
        group=group,
        role=Membership.Role.SECRETARY,
        start_date=datetime.date(2020, 10, 1),
        end_date=datetime.date(2023, 9, 30),
    )
    make_political_membership(senator=senator, end_date=datetime.date(2022, 12, 31))
    make_political_membership(
        senator=senator, kind="apparenté", start_date=datetime.date(2023, 1, 1)
    )
    recently = datetime.date.today() - datetime.timedelta(days=30)  # pinned on the map
    make_mission(group=group, countries=[country], participants=[senator], start_date=recently)
    make_reception(group=group, country=country)
    make_colloquium(groups=[group], countries=[country])
    make_report(group=group, countries=[country], authors=[senator])
    make_news(groups=[group], countries=[country], is_featured=True)
    return group, country, senator


def ensure_cog():
    """The COG régions and départements (migration 0002 loads them; transactional tests
    empty the tables, so load them again if needed)."""
    from django.apps import apps as django_apps

    from cooperation.models import Department

    if not Department.objects.exists():
        migration = importlib.import_module("cooperation.migrations.0002_load_cog")
        migration.load_cog(django_apps, None)


def make_local_authority(**kw):
    from cooperation.models import Department
    from cooperation.models import LocalAuthority

    ensure_cog()
    n = _n()
    kw.setdefault("kind", LocalAuthority.Kind.COMMUNE)
    kw.setdefault("name", f"Commune {n}")
    kw.setdefault("slug", f"commune-{n}")
    if kw["kind"] != LocalAuthority.Kind.REGION:
        kw.setdefault("department", Department.objects.get(code="15"))
    return LocalAuthority.objects.create(**kw)


def make_ile_de_france(**kw):
    """The Île-de-France région as a local authority (a région signs agreements too)."""
    from cooperation.models import LocalAuthority
    from cooperation.models import Region

    ensure_cog()
    kw.setdefault("region", Region.objects.get(code="11"))
    return make_local_authority(kind=LocalAuthority.Kind.REGION, name="Île-de-France", **kw)


def make_foreign_authority(**kw):
    from cooperation.models import ForeignAuthority

    n = _n()
    kw.setdefault("name_fr", f"Ville étrangère {n}")
    kw.setdefault("name_en", f"Foreign town {n}")
    kw.setdefault("kind", ForeignAuthority.Kind.CITY)
    if "country" not in kw:
        kw["country"] = make_country()
    return ForeignAuthority.objects.create(**kw)


def make_agreement(french=None, foreign=None, **kw):
    from cooperation.models import Agreement

    n = _n()
    kw.setdefault("kind", Agreement.Kind.TWINNING)
    kw.setdefault("slug", f"agreement-{n}")
    kw.setdefault("signed_on", datetime.date(2015, 5, 1))
    kw.setdefault("summary_fr", f"Accord {n}")
    kw.setdefault("summary_en", f"Agreement {n}")
    kw.setdefault("status", PUBLISHED)
    if french is None:
        french = [make_local_authority()]
    if foreign is None:
        foreign = [make_foreign_authority()]
    return _create(Agreement, kw, french_authorities=french, foreign_authorities=foreign)


def make_declaration(authority, partner_country, **kw):
    """A declaration of a twinning sent through the public form (not confirmed unless told)."""
    from cooperation.models import Declaration

    n = _n()
    kw.setdefault("partner_name", f"Ville {n}")
    kw.setdefault("partner_kind", "city")
    kw.setdefault("kind", "twinning")
    kw.setdefault("signed_on", "2000-01-01")
    kw.setdefault("description", "x")
    kw.setdefault("declarant_name", "A")
    kw.setdefault("declarant_role", "B")
    kw.setdefault("declarant_email", "a@b.fr")
    return Declaration.objects.create(authority=authority, partner_country=partner_country, **kw)


def make_pdf_bytes(*pages, encrypt_with=None):
    """A small real PDF (built with pypdf), one page per text given (Latin-1 text)."""
    import io

    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject
    from pypdf.generic import DictionaryObject
    from pypdf.generic import NameObject

    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )
    for text in pages or ("Rapport",):
        page = writer.add_blank_page(width=595, height=842)
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        stream = DecodedStreamObject()
        stream.set_data(b"BT /F1 12 Tf 72 720 Td (" + escaped.encode("cp1252") + b") Tj ET")
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        page[NameObject("/Contents")] = writer._add_object(stream)
    if encrypt_with:
        writer.encrypt(encrypt_with, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def count_queries(client, url):
    """The number of SQL queries a GET of url runs (the page must answer 200)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:  # a streamed body queries while it is read
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(queries)


def query_counts(client, url, make_rows):
    """The queries a GET of url runs after ``make_rows(3)``, then after ``make_rows(27)``.

    A page without an N+1 query gives the same number twice.
    """
    make_rows(3)
    few = count_queries(client, url)
    make_rows(27)
    return few, count_queries(client, url)
