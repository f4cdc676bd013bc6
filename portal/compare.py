"""Two or three countries, or two or three groups, side by side: their groups and bureaux,
members and political make-up, missions and receptions by triennial period, reports,
cooperation agreements, and the last visit each way.

What concerns a subject is the timeline's one definition (``portal.timeline.related``),
read through each app's ``published()``; the make-up is ``groups.makeup``'s. Each subject
costs a fixed number of queries (``facts()``), whatever its number of rows.

The address names the subjects (``?country=cl&country=jp``, or ``?group=<slug>``), so a
comparison can be shared; a value may also be a name, in French or English, as a reader
types it into the form's text box (a <datalist> suggests them, no JavaScript needed).
"""

from dataclasses import dataclass
from dataclasses import field
from operator import itemgetter

from django.db.models import Count
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.exports import Column
from groups.makeup import makeup
from groups.models import Country
from groups.models import FriendshipGroup
from groups.models import Membership
from groups.models import Senator
from groups.models import triennial_period_year

from .timeline import related

MAX_SUBJECTS = 3
KINDS = ("country", "group")  # the query parameters, one per kind of subject


@dataclass
class Choice:
    """What the reader asked for: the kind, the values (as typed, or the name of the
    subject found: the form shows them again), the subjects found and the errors (then
    nothing is compared)."""

    kind: str = "country"
    values: list = field(default_factory=list)
    subjects: list = field(default_factory=list)
    errors: list = field(default_factory=list)


def choose(params):
    """The Choice of a request's GET parameters (1 query when a value is given)."""
    typed = {kind: [v.strip() for v in params.getlist(kind) if v.strip()] for kind in KINDS}
    if typed["country"] and typed["group"]:
        return Choice(
            values=typed["country"] + typed["group"],
            errors=[gettext("Compare countries or groups, not both at once.")],
        )
    kind = "group" if typed["group"] else "country"
    values = list(dict.fromkeys(typed[kind]))  # the same one twice counts once
    choice = Choice(kind=kind, values=values)
    if len(values) > MAX_SUBJECTS:
        choice.errors.append(gettext("Compare at most %(max)d at a time.") % {"max": MAX_SUBJECTS})
        return choice
    if not values:
        return choice
    found = _find(kind, values)
    choice.values = [found[v.casefold()].name if v.casefold() in found else v for v in values]
    for value in values:
        subject = found.get(value.casefold())
        if subject is None:
            message = (
                gettext("No country is called « %(value)s ».")
                if kind == "country"
                else gettext("No friendship group is called « %(value)s ».")
            )
            choice.errors.append(message % {"value": value})
        elif subject not in choice.subjects:
            choice.subjects.append(subject)
    return choice


def _find(kind, values):
    """{value typed, casefolded: subject} of the countries (by ISO code or name) or the
    published groups (by slug or name) these values name, in either language (1 query)."""
    names = Q()
    for value in values:
        names |= Q(name_fr__iexact=value) | Q(name_en__iexact=value)
    if kind == "country":
        rows = Country.objects.filter(names | Q(code__in=[v.upper() for v in values]))
        keys = ("code",)
    else:
        rows = FriendshipGroup.objects.published().filter(names | Q(slug__in=values))
        keys = ("slug",)
    found = {}
    for row in rows:
        for key in (*(getattr(row, k) for k in keys), row.name_fr, row.name_en):
            if key:
                found.setdefault(key.casefold(), row)
    return found


def suggestions():
    """(countries, groups): their names A–Z, the form's <datalist> (2 queries)."""
    countries = Country.objects.order_by("name").values_list("name", flat=True)
    groups = FriendshipGroup.objects.published().order_by("name").values_list("name", flat=True)
    return list(countries), list(groups)


@dataclass
class Facts:
    """What the comparison shows of one subject."""

    subject: object
    groups: list
    members: int
    makeup: list
    by_period: dict  # {first year of the period: (missions, receptions)}
    reports: int
    agreements: int
    last_mission: object
    last_reception: object
    anchor: str = ""  # the id of its make-up's section on the page


def _per_period(rows, date_field):
    """{first year of the triennial period: number of rows} (1 query)."""
    counted = (
        rows.order_by()
        .annotate(period=triennial_period_year(date_field))
        .values("period")
        .annotate(n=Count("pk", distinct=True))
        .values_list("period", "n")
    )
    return dict(counted)


def facts(subject, colour_of):
    """The Facts of a country or a published group (8 queries, 7 for a group):
    1. its active groups (a country's)  2. their current bureaux  3. their current members'
    political groups  4-5. missions and receptions by period  6. reports  7. agreements
    8-9. the last mission and the last reception."""
    rows = related(subject)
    today = timezone.localdate()
    if isinstance(subject, Country):
        groups = list(rows["groups"].active().order_by("name"))
    else:
        groups = [subject]
    bureau = (
        Membership.objects.current()
        .exclude(role=Membership.Role.MEMBER)
        .filter(group__in=[g.pk for g in groups])
        .select_related("senator", "country")
        .in_bureau_order()
    )
    for group in groups:
        group.compared_bureau = []
    by_pk = {g.pk: g for g in groups}
    for membership in bureau:
        by_pk[membership.group_id].compared_bureau.append(membership)
    current = Membership.objects.current().filter(group__in=[g.pk for g in groups])
    political = list(
        Senator.objects.filter(pk__in=current.values("senator"))
        .with_political_group()
        .values_list("current_political_group", flat=True)
    )
    missions = rows["missions"].published()
    receptions = rows["receptions"].published()
    mission_periods = _per_period(missions, "start_date")
    reception_periods = _per_period(receptions, "date")
    return Facts(
        subject=subject,
        groups=groups,
        members=len(political),
        makeup=makeup(political, colour_of),
        by_period={
            year: (mission_periods.get(year, 0), reception_periods.get(year, 0))
            for year in {*mission_periods, *reception_periods}
        },
        reports=rows["reports"].published().count(),
        agreements=rows["agreements"].published().count(),
        last_mission=missions.begun().order_by("-start_date", "-pk").first(),
        last_reception=receptions.filter(date__lte=today)
        .with_public("group")
        .order_by("-date", "-pk")
        .first(),
    )


@dataclass(frozen=True)
class Period:
    """A triennial period of the comparison's table: its label and each subject's
    (missions, receptions)."""

    label: str
    counts: list


def periods(all_facts):
    """[Period] in which any subject had a mission or a reception, newest first."""
    years = sorted({y for f in all_facts for y in f.by_period}, reverse=True)
    return [
        Period(
            label=gettext("October %(start)d – September %(end)d")
            % {"start": year, "end": year + 3},
            counts=[f.by_period.get(year, (0, 0)) for f in all_facts],
        )
        for year in years
    ]


# The CSV: one line per fact, one column per subject (core.exports' rows are objects).
CSV_FACTS = [
    (_("Friendship groups"), lambda f: ", ".join(g.name for g in f.groups)),
    (
        _("Presidents"),
        lambda f: ", ".join(
            m.senator.full_name
            for g in f.groups
            for m in g.compared_bureau
            if m.role == Membership.Role.PRESIDENT
        ),
    ),
    (_("Current members"), lambda f: f.members),
    (
        _("Political make-up"),
        lambda f: "; ".join(
            f"{s.short_name or s.name or gettext('No political group')}: {s.count}"
            for s in f.makeup
        ),
    ),
    (_("Reports"), lambda f: f.reports),
    (_("Cooperation agreements"), lambda f: f.agreements),
    (
        _("Last mission"),
        lambda f: (
            f"{f.last_mission.start_date.isoformat()} {f.last_mission.title}"
            if f.last_mission
            else ""
        ),
    ),
    (
        _("Last delegation received"),
        lambda f: (
            f"{f.last_reception.date.isoformat()} {f.last_reception.title}"
            if f.last_reception
            else ""
        ),
    ),
]


def csv_table(all_facts):
    """(columns, lines) of the comparison as CSV (``core.exports.csv_response``): one
    line per fact, then two per period (missions, receptions); one column per subject."""
    columns = [
        Column(gettext("Fact"), itemgetter(0)),
        *(Column(f.subject.name, itemgetter(i)) for i, f in enumerate(all_facts, start=1)),
    ]
    lines = [[str(label), *(value(f) for f in all_facts)] for label, value in CSV_FACTS]
    for period in periods(all_facts):
        lines.append(
            [
                gettext("Missions, %(period)s") % {"period": period.label},
                *(m for m, _r in period.counts),
            ]
        )
        lines.append(
            [
                gettext("Delegations received, %(period)s") % {"period": period.label},
                *(r for _m, r in period.counts),
            ]
        )
    return columns, lines
