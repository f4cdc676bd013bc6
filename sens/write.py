"""Apply a checked plan to the portal's models (call inside one transaction).

Each imported record is matched on a stable key (the group's Senate code, the senator's
matricule, otherwise ``source_key`` = "<table>:<key>"). Only the fields the Senate owns
are compared and written; staff's fields (English texts, descriptions, contacts, photos,
publication state) are never touched, so a second run on the same export writes nothing.
A change to a record that has an edit history is recorded in it under the
« Import data.senat.fr » author, so that staff can see and revert it.
"""

import uuid

import reversion
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Func
from django.db.models import UUIDField
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.text import slugify
from reversion.models import Version

from core.models import Publishable
from groups.models import Country
from groups.models import CountryLink
from groups.models import FormerSlug
from groups.models import FriendshipGroup
from groups.models import GroupName
from groups.models import Membership
from groups.models import PoliticalGroup
from groups.models import PoliticalMembership
from groups.models import Senator
from missions.models import Mission
from missions.models import MissionParticipant
from missions.models import Reception

IMPORT_AUTHOR = "Import data.senat.fr"
BATCH = 1000


def import_user():
    """The account that signs the import's entries in the edit history (cannot log in)."""
    user, _created = get_user_model().objects.get_or_create(
        username=IMPORT_AUTHOR, defaults={"is_active": False}
    )
    return user


class Writer:
    def __init__(self, plan, report, progress=None):
        self.plan = plan
        self.report = report
        self.day = plan.export_date
        self.progress = progress or (lambda iterable, **kw: iterable)
        self.changed_with_history = []

    def run(self):
        countries = dict(Country.objects.values_list("code", "pk"))
        groups = self.sync_groups()
        self.sync(
            GroupName,
            "libgrpsen",
            self.plan.names,
            ("group_id", "name", "short_name", "start_date", "end_date"),
            lambda r: {**r, "group_id": groups[r["group"]]},
            end_field="end_date",
        )
        self.sync(
            CountryLink,
            "nationgrpsen",
            self.plan.links,
            ("group_id", "country_id", "start_date", "end_date"),
            lambda r: {**r, "group_id": groups[r["group"]], "country_id": countries[r["country"]]},
            end_field="end_date",
        )
        self.add_countries(groups, countries)
        senators = self.sync_senators()
        political = self.sync(
            PoliticalGroup,
            "grppol",
            self.plan.political_groups,
            ("name", "short_name", "created_on", "ended_on"),
            lambda r: r,
            match="senate_code",
            key_of=lambda key, row: row["senate_code"],
        )
        self.sync(
            PoliticalMembership,
            "memgrppol",
            self.plan.political_memberships,
            ("senator_id", "political_group_id", "kind", "kind_feminine", "start_date", "end_date"),
            lambda r: {
                **r,
                "senator_id": senators[r["senator"]],
                "political_group_id": political[r["political_group"]],
            },
            end_field="end_date",
        )
        self.sync(
            Membership,
            "memberships",
            self.plan.memberships,
            (
                "group_id",
                "senator_id",
                "role",
                "title",
                "title_feminine",
                "rank",
                "country_id",
                "start_date",
                "end_date",
            ),
            lambda r: {
                **r,
                "group_id": groups[r["group"]],
                "senator_id": senators[r["senator"]],
                "country_id": countries[r["country"]] if r["country"] else None,
            },
            end_field="end_date",
            prefix_filter=False,  # memgrpsen:… and fonmemgrpsen:… rows
        )
        self.remove_countries(groups, countries)
        self.sync_activities(groups, senators, countries)
        self.record_history()

    # --- generic matching ------------------------------------------------------------

    def sync(
        self,
        model,
        table,
        rows,
        fields,
        to_db,
        *,
        match="source_key",
        end_field=None,
        create_defaults=None,
        key_of=None,
        prefix_filter=True,
        delete_missing=False,
    ):
        """Create, update or end ``model`` rows so that they match ``rows``; {key: pk}."""
        key_of = key_of or (lambda key, row: key)
        existing = {
            getattr(obj, match): obj
            for obj in model._default_manager.filter(
                **{f"{match}__isnull": False, "source_key__isnull": False}
                if match == "source_key"
                else {f"{match}__in": [key_of(k, r) for k, r in rows.items()]}
            )
        }
        if match == "source_key" and prefix_filter:
            existing = {k: o for k, o in existing.items() if k.startswith(f"{table}:")}
        to_create, to_update, seen = [], [], []
        pks = {}
        for key, row in self.progress(rows.items(), desc=model._meta.model_name, total=len(rows)):
            db_row = to_db(row)
            values = {f: db_row[f] for f in fields}
            obj = existing.pop(key_of(key, row), None)
            if obj is None:
                obj = model(**values, **(create_defaults(row) if create_defaults else {}))
                obj.source_key, obj.source_date = key, self.day
                if match != "source_key":
                    setattr(obj, match, key_of(key, row))
                to_create.append((key, obj))
                continue
            changed = [f for f, v in values.items() if getattr(obj, f) != v]
            if obj.source_key != key:
                obj.source_key = key
                changed.append("source_key")
            if changed:
                for f in changed:
                    if f != "source_key":
                        setattr(obj, f, values[f])
                new_version(obj)
                to_update.append(obj)
                self.report.count(table, "updated")
            else:
                self.report.count(table, "unchanged")
            seen.append(obj.pk)
            pks[key] = obj.pk
        # End first what is gone, then change, then create: the one-current-row rules hold
        # at every step.
        if end_field:
            self.end_missing(model, table, existing.values(), end_field)
        if delete_missing and existing:
            model._default_manager.filter(pk__in=[o.pk for o in existing.values()]).delete()
            self.report.count(table, "ended", len(existing))
        if to_update:
            self.changed_with_history += with_history(to_update)
            model._default_manager.bulk_update(
                to_update, [*fields, "source_key", *version_field(model)], batch_size=BATCH
            )
        if to_create:
            model._default_manager.bulk_create([o for _k, o in to_create], batch_size=BATCH)
            self.report.count(table, "created", len(to_create))
            for key, obj in to_create:
                pks[key] = obj.pk
        # The date of the export each row was last seen in, without touching the row's
        # fields (a second run on the same export writes nothing).
        if seen:
            for start in range(0, len(seen), 10000):
                model._default_manager.filter(pk__in=seen[start : start + 10000]).exclude(
                    source_date=self.day
                ).update(source_date=self.day)
        return pks

    def end_missing(self, model, table, objects, end_field):
        """Rows gone from the export are ended at the export's date, never left current.

        A plain-member period of a membership that is still in the export was only cut
        differently (a function was added or changed): it is replaced, not ended.
        """
        ended = []
        if model is Membership:
            parents = {row["parent"] for row in self.plan.memberships.values()}
            recut = [
                o
                for o in objects
                if o.source_key.startswith("memgrpsen:") and o.source_key.split(":")[1] in parents
            ]
            if recut:
                Membership.objects.filter(pk__in=[o.pk for o in recut]).delete()
                self.report.count(table, "updated", len(recut))
            objects = [o for o in objects if o not in recut]
        for obj in objects:
            if getattr(obj, end_field) is None:
                start = getattr(obj, "start_date", None)
                setattr(obj, end_field, max(self.day, start) if start else self.day)
                new_version(obj)
                ended.append(obj)
                self.report.note(table, obj.source_key, "missing_from_export", "ended")
        if ended:
            model._default_manager.bulk_update(
                ended, [end_field, *version_field(model)], batch_size=BATCH
            )
            self.report.count(table, "ended", len(ended))

    def record_history(self):
        """Staff-edited records that the import changed: a version by the import's author."""
        if not self.changed_with_history:
            return
        with reversion.create_revision():
            reversion.set_user(import_user())
            reversion.set_comment(IMPORT_AUTHOR)
            for obj in self.changed_with_history:
                obj.refresh_from_db()
                reversion.add_to_revision(obj)

    # --- groups and senators -----------------------------------------------------------

    def sync_groups(self):
        rows = self.plan.groups
        before = {
            code: (pk, name, slug)
            for code, pk, name, slug in FriendshipGroup.objects.filter(
                senate_code__in=[r["senate_code"] for r in rows.values()]
            ).values_list("senate_code", "pk", "name_fr", "slug")
        }
        # A new slug is neither a live one nor another group's former one (its old links
        # keep leading to that group).
        former = dict(FormerSlug.objects.values_list("slug", "group_id"))
        slugs = set(FriendshipGroup.objects.values_list("slug", flat=True)) | set(former)
        now = timezone.now()

        def create_defaults(row):
            return {
                "slug": unique_slug(row["name"], slugs),
                "status": FriendshipGroup.Status.PUBLISHED,  # the Senate already published it
                "published_at": now,
            }

        pks = self.sync(
            FriendshipGroup,
            "grpsenami",
            rows,
            ("name_fr", "official_name_fr", "kind", "created_on", "dissolved_on", "senate_url"),
            lambda r: {
                "name_fr": r["name"],
                "official_name_fr": r["official_name"],
                "kind": r["kind"],
                "created_on": r["created_on"],
                "dissolved_on": r["dissolved_on"],
                "senate_url": r["senate_url"] if r["senate_url"].startswith("http") else "",
            },
            match="senate_code",
            create_defaults=create_defaults,
            key_of=lambda key, row: row["senate_code"],
        )
        self.follow_renames(rows, before, slugs, former)
        # Groups imported before and gone from this export: dissolved, reported.
        gone = FriendshipGroup.objects.filter(
            senate_code__isnull=False, dissolved_on__isnull=True
        ).exclude(senate_code__in=[r["senate_code"] for r in rows.values()])
        gone = list(gone)
        for group in gone:
            self.report.note("grpsenami", group.senate_code, "missing_from_export", "dissolved")
        ended = FriendshipGroup.objects.filter(pk__in=[g.pk for g in gone]).update(
            dissolved_on=self.day, version=random_uuid(), updated_at=Now()
        )
        if ended:
            self.report.count("grpsenami", "ended", ended)
            Membership.objects.filter(group__in=[g.pk for g in gone], end_date__isnull=True).update(
                end_date=self.day, version=random_uuid(), updated_at=Now()
            )
        return pks

    def follow_renames(self, rows, before, slugs, former):
        """A group the export renamed takes the slug of its new name; the database keeps
        the old one as a former slug (groups.FormerSlug), which answers with a 301."""
        renamed = []
        for row in rows.values():
            pk, name, slug = before.get(row["senate_code"], (None, None, None))
            if pk is None or name == row["name"] or slug_of(row["name"], slug):
                continue
            own = {s for s, group in former.items() if group == pk}
            new_slug = unique_slug(row["name"], slugs - own)
            slugs.add(new_slug)
            renamed.append(
                FriendshipGroup(
                    pk=pk, slug=new_slug, version=uuid.uuid4(), updated_at=timezone.now()
                )
            )
            self.report.note("grpsenami", row["senate_code"], "renamed", f"{slug} → {new_slug}")
        if renamed:
            FriendshipGroup.objects.bulk_update(
                renamed, ["slug", *version_field(FriendshipGroup)], batch_size=BATCH
            )

    def sync_senators(self):
        slugs = set(Senator.objects.values_list("slug", flat=True))
        return self.sync(
            Senator,
            "sen",
            self.plan.senators,
            ("civility", "first_name", "last_name", "is_active", "constituency_fr"),
            lambda r: r,
            match="senate_id",
            create_defaults=lambda r: {
                "slug": unique_slug(f"{r['first_name']} {r['last_name']}", slugs),
            },
            key_of=lambda key, row: row["senate_id"],
        )

    def sync_activities(self, groups, senators, countries):
        """Missions (with their delegation) and receptions; new ones are published."""
        now = timezone.now()
        slugs = set(Mission.objects.values_list("slug", flat=True))
        reception_slugs = set(Reception.objects.values_list("slug", flat=True))
        day = self.day

        def published(taken):
            return lambda r: {
                "slug": unique_slug(f"{r['title']} {r['start_date']:%Y-%m}", taken),
                "status": Publishable.Status.PUBLISHED,
                "published_at": now,
            }

        missions = self.sync(
            Mission,
            "activite",
            self.plan.missions,
            ("title_fr", "group_id", "start_date", "end_date", "progress"),
            lambda r: {
                "title_fr": r["title"],
                "group_id": groups[r["group"]],
                "start_date": r["start_date"],
                "end_date": r["end_date"],
                "progress": "done" if r["end_date"] < day else "planned",
            },
            create_defaults=published(slugs),
        )
        # The countries visited are set when the mission is created; staff may refine them.
        through = Mission.countries.through
        have = set(
            through.objects.filter(mission_id__in=missions.values()).values_list(
                "mission_id", flat=True
            )
        )
        through.objects.bulk_create(
            [
                through(mission_id=missions[key], country_id=countries[iso])
                for key, row in self.plan.missions.items()
                if missions[key] not in have
                for iso in row["countries"]
            ]
        )
        self.sync(
            Reception,
            "activite",
            self.plan.receptions,
            ("title_fr", "group_id", "country_id", "date"),
            lambda r: {
                "title_fr": r["title"],
                "group_id": groups[r["group"]],
                "country_id": countries[r["country"]] if r["country"] else None,
                "date": r["start_date"],
            },
            create_defaults=published(reception_slugs),
        )
        self.sync(
            MissionParticipant,
            "activite_participant",
            self.plan.participants,
            ("mission_id", "senator_id", "is_leader"),
            lambda r: {
                "mission_id": missions[r["mission"]],
                "senator_id": senators[r["senator"]],
                "is_leader": r["is_leader"],
            },
            delete_missing=True,
        )

    def add_countries(self, groups, countries):
        through = FriendshipGroup.countries.through
        have = set(through.objects.filter(friendshipgroup_id__in=groups.values()).values_list(
            "friendshipgroup_id", "country_id"))  # fmt: skip
        self.country_pairs = {
            (groups[key], countries[iso])
            for key, row in self.plan.groups.items()
            for iso in row["countries"]
        }
        missing = self.country_pairs - have
        through.objects.bulk_create(
            [through(friendshipgroup_id=g, country_id=c) for g, c in sorted(missing)]
        )
        self.country_changed = {g for g, _c in missing}
        self.countries_written = len(missing)

    def remove_countries(self, groups, countries):
        through = FriendshipGroup.countries.through
        extra = through.objects.filter(friendshipgroup_id__in=groups.values()).exclude(
            pk__in=[
                pk
                for pk, g, c in through.objects.filter(
                    friendshipgroup_id__in=groups.values()
                ).values_list("pk", "friendshipgroup_id", "country_id")
                if (g, c) in self.country_pairs
            ]
        )
        self.country_changed |= set(extra.values_list("friendshipgroup_id", flat=True))
        removed, _ = extra.delete()
        if self.country_changed:
            FriendshipGroup.objects.filter(pk__in=self.country_changed).update(
                version=random_uuid(), updated_at=Now()
            )
        self.countries_written += removed
        if self.countries_written:
            self.report.count("groups countries", "updated", self.countries_written)


def version_field(model):
    """The fields a bulk write must set besides the data: ``version`` for the models an
    editor's form checks (core.models.Versioned), ``updated_at`` for those the API's
    ``updated_since`` reads (bulk_update() skips auto_now)."""
    names = {f.name for f in model._meta.fields}
    return [name for name in ("version", "updated_at") if name in names]


def new_version(obj):
    """A changed row gets a new version token, so that a form opened before the import
    refuses to overwrite it (core/editing.py)."""
    if hasattr(obj, "version"):
        obj.version = uuid.uuid4()
    if hasattr(obj, "updated_at"):
        obj.updated_at = timezone.now()


def random_uuid():
    return Func(function="gen_random_uuid", output_field=UUIDField())


def with_history(objects):
    """Those of the objects (one model) that already have an entry in the edit history."""
    model = type(objects[0])
    if not reversion.is_registered(model):
        return []
    content_type = ContentType.objects.get_for_model(model)
    ids = {str(o.pk) for o in objects}
    known = set(
        Version.objects.filter(content_type=content_type, object_id__in=ids).values_list(
            "object_id", flat=True
        )
    )
    return [o for o in objects if str(o.pk) in known]


def slug_of(text, slug):
    """Whether ``slug`` is what unique_slug() makes of ``text`` (with or without a number)."""
    base = slugify(text)[:180] or "x"
    return slug == base or (slug.startswith(f"{base}-") and slug.removeprefix(f"{base}-").isdigit())


def unique_slug(text, taken):
    base = slugify(text)[:180] or "x"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


def field_limits():
    """{plan section: {field: the portal column's length}} for the texts the import writes,
    so that the checks reject what the database would cut or refuse (check.Checker.fits)."""

    def lengths(model, **fields):
        return {name: model._meta.get_field(column).max_length for name, column in fields.items()}

    return {
        "groups": lengths(FriendshipGroup, name="name_fr", official_name="official_name_fr"),
        "names": lengths(GroupName, name="name", short_name="short_name"),
        "senators": lengths(
            Senator, first_name="first_name", last_name="last_name", constituency_fr="constituency"
        ),
        "political_groups": lengths(PoliticalGroup, name="name", short_name="short_name"),
        "political_memberships": lengths(
            PoliticalMembership, kind="kind", kind_feminine="kind_feminine"
        ),
        "memberships": lengths(Membership, title="title", title_feminine="title_feminine"),
        "missions": lengths(Mission, title="title"),
        "receptions": lengths(Reception, title="title"),
    }


def write(plan, report, progress=None):
    Writer(plan, report, progress).run()
