"""The public site's pages that join several apps: home, map, site-wide search, and the
group, country and senator pages (which list missions, reports and news)."""

import datetime
from types import SimpleNamespace

from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext
from django.utils.translation import ngettext
from icalendar import Event

from cooperation import sections as cooperation
from cooperation.models import Agreement
from core.calendar import event_uid
from core.calendar import ical_response
from core.calendar import new_calendar
from core.exports import csv_response
from core.exports import wants_csv
from core.feeds import subscriptions
from core.filters import query_params
from core.generation import for_generation
from core.i18n import typography
from groups import exports
from groups.bureaux import bureaux
from groups.bureaux import merged_terms
from groups.makeup import colours
from groups.makeup import group_makeup
from groups.models import Country
from groups.models import FriendshipGroup
from groups.models import Membership
from groups.models import Senator
from missions.models import Colloquium
from missions.models import Mission
from reports.models import NewsItem
from reports.models import Report
from reports.search import clean_query
from reports.search import suggest

from . import compare as comparison
from . import dossier
from . import timeline
from . import worldmap
from .agenda import AgendaForm
from .agenda import agenda_events
from .lists import load_country_lists
from .lists import load_group_lists
from .lists import load_senator_lists
from .lists import published_reports
from .search import site_search

RECENT_MISSIONS_DAYS = 2 * 365


class HomeContent:
    """The home page's figures and lists, computed only when its fragment is rendered (the
    page is a ``{% content_fragment %}`` per content generation, language and day): 42.3 ->
    5.0 ms of CPU, 10 -> 0 queries (bench/cputime.py at 10x data, 2026-12-07)."""

    @cached_property
    def covered_codes(self):
        # Covered countries give the figure and the map's highlights.
        return list(Country.objects.covered().order_by().values_list("code", flat=True))

    @cached_property
    def groups_by_kind(self):
        return FriendshipGroup.objects.active().count_by_kind()

    @cached_property
    def cooperation_figures(self):
        return cooperation.key_figures()

    @cached_property
    def map_svg(self):
        return worldmap.overview_svg(self.covered_codes)

    def featured(self):
        return NewsItem.objects.published().featured().order_by("-date")[:3]

    # The lists (portal/_latest.html) show each row's date as listed_on.
    def news(self):
        return (
            NewsItem.objects.published()
            .annotate(listed_on=F("date"))
            .order_by("-date", "title")[:4]
        )

    def colloquia(self):
        return (
            Colloquium.objects.published()
            .upcoming()
            .annotate(listed_on=F("start_at"))
            .order_by("start_at")[:3]
        )

    @staticmethod
    def _listed_missions():
        """Published missions as the lists show them: their group if public, their start."""
        return Mission.objects.published().with_public("group").annotate(listed_on=F("start_date"))

    def upcoming_missions(self):
        # Planned missions apart from the recent ones: a mission planned for next year
        # is not among the « latest ».
        return self._listed_missions().upcoming().order_by("start_date", "pk")[:4]

    def missions(self):
        return self._listed_missions().begun().order_by("-start_date", "pk")[:4]

    def reports(self):
        # Only what the lists show: a report's full text and search vectors are heavy.
        return (
            Report.objects.published()
            .only("slug", "title", "publication_date")
            .annotate(listed_on=F("publication_date"))
            .order_by("-publication_date")[:4]
        )


def home(request):
    context = {
        "home": HomeContent(),
        "today": timezone.localdate(),
        "map_viewbox": worldmap.VIEWBOX,
    }
    return render(request, "portal/home.html", context)


@query_params("format")  # ?format=csv: the bureau and members
def group_detail(request, slug):
    def group():
        return get_object_or_404(FriendshipGroup.objects.published().for_detail(), slug=slug)

    if wants_csv(request):
        return render_group_page(request, group())

    def build():
        found = group()
        return str(found.name), detail_body("portal/_group_body.html", group_context(found))

    return detail_page(request, "group", slug, build, feeds_of("group", slug=slug))


def detail_page(request, kind, key, build, subscriptions):
    """The page of a group or a country, its body kept per content generation, language
    and day (core.generation.for_generation; a membership's term ends with a day). The
    body is rendered without the request: it shows published content only, the same to
    everyone. ``build()`` gives (title, body) or raises Http404, which is not kept.

    Group page 73.9 -> 5.2 ms of CPU and 10 -> 0 queries, country page 71.3 -> 4.9 ms and
    11 -> 0 (bench/cputime.py at 10x data, 2026-12-07); the first request after each
    edit pays what it did before.
    """
    cache_key = f"portal:{kind}-page:{get_language()}:{key}:{timezone.localdate()}"
    title, body = for_generation(cache_key, build)
    context = {"title": title, "body": body, "subscriptions": subscriptions}  # in <head> too
    return render(request, "portal/detail_page.html", context)


def group_context(group, extra_receptions=()):
    """What the group page's body shows, for a group fetched with for_detail()."""
    load_group_lists(group)
    if extra_receptions:
        receptions = {r.pk: r for r in [*group.latest_receptions, *extra_receptions]}
        group.latest_receptions = sorted(receptions.values(), key=lambda r: r.date, reverse=True)
    current, bureau, past = bureaux(group)
    return {
        "group": group,
        "bureau": bureau,
        "members": current,  # senators A–Z (the database sorts in French order)
        "past_bureaux": past,
        # Today's political groups: not those of a dissolved group's last members.
        "makeup": group_makeup(current, colours()) if current and not group.is_dissolved else [],
        "timeline": timeline.entries(timeline.timeline(group)[: timeline.LATEST]),
        "subscriptions": feeds_of("group", slug=group.slug),
        # The body is rendered without the request: the page reads no other parameter.
        "csv_href": "?format=csv",
    }


def render_group_page(request, group, extra_receptions=()):
    """The group page for a group fetched with for_detail(), never kept: its CSV, and the
    back office's preview, which renders a draft through this same function (a draft
    reception, which has no page of its own, is previewed on its group's page through
    ``extra_receptions``)."""
    context = group_context(group, extra_receptions)
    if wants_csv(request):
        # The bureau in its order, then the members A–Z: the page's two lists.
        members = [m for m in context["members"] if m.role == Membership.Role.MEMBER]
        return csv_response(
            request,
            context["bureau"] + members,
            [*exports.MEMBERSHIP_COLUMNS, *exports.MEMBERSHIP_KEYS],
            f"group-{group.slug}",
        )
    body = detail_body("portal/_group_body.html", context)
    return render(request, "portal/detail_page.html", {"title": group.name, "body": body})


def detail_body(template_name, context):
    """A group's or a country's page body, rendered without the request and through
    core.i18n.typography() once: portal/detail_page.html copies it as it is
    ({% already_set %}), kept or not."""
    return mark_safe(typography(render_to_string(template_name, context)))


def feeds_of(scope, **kwargs):
    """A group's or a country's feeds: its reports and news (RSS, Atom), and a country's
    cooperation agreements."""
    feeds = [
        *subscriptions(
            gettext("Reports"),
            rss=reverse(f"reports:{scope}-rss", kwargs=kwargs),
            atom=reverse(f"reports:{scope}-atom", kwargs=kwargs),
        ),
        *subscriptions(
            gettext("News"),
            rss=reverse(f"reports:{scope}-news-rss", kwargs=kwargs),
            atom=reverse(f"reports:{scope}-news-atom", kwargs=kwargs),
        ),
    ]
    if scope == "country":
        feeds += subscriptions(
            gettext("Cooperation agreements"),
            rss=reverse("cooperation:country-rss", kwargs=kwargs),
            atom=reverse("cooperation:country-atom", kwargs=kwargs),
        )
    return feeds


def country_detail(request, code):
    def build():
        country = get_object_or_404(Country.objects.for_detail(), code=code.upper())
        load_country_lists(country)
        context = {
            "country": country,
            "cooperation": cooperation.country_section(country),
            "timeline": timeline.entries(timeline.timeline(country)[: timeline.LATEST]),
            "subscriptions": feeds_of("country", code=country.code.lower()),
        }
        return str(country.name), detail_body("portal/_country_body.html", context)

    feeds = feeds_of("country", code=code.lower())
    return detail_page(request, "country", code.lower(), build, feeds)


def senator_detail(request, slug):
    senator = get_object_or_404(Senator.objects.for_detail(), slug=slug)
    load_senator_lists(senator)
    memberships = merged_terms(senator.all_memberships)
    political = senator.political_history

    context = {
        "senator": senator,
        "current": [m for m in memberships if m.is_current],
        "past": [m for m in memberships if not m.is_current],
        "political_current": [p for p in political if p.is_current],
        "political_past": [p for p in political if not p.is_current],
        "cooperation": cooperation.department_section(senator.constituency_fr),
    }
    return render(request, "portal/senator_detail.html", context)


def event_rows(model):
    """Missions or colloquia with everything their page touches (the preview's too)."""
    return model.objects.for_detail().prefetch_related(published_reports())


def render_event_page(request, event):
    """The page of a mission or a colloquium from event_rows() (also the preview's)."""
    name = event._meta.model_name
    return render(request, f"portal/{name}_detail.html", {name: event})


def mission_detail(request, slug):
    mission = get_object_or_404(event_rows(Mission).published(), slug=slug)
    return render_event_page(request, mission)


def colloquium_detail(request, slug):
    colloquium = get_object_or_404(event_rows(Colloquium).published(), slug=slug)
    return render_event_page(request, colloquium)


class MapContent:
    """What the map page shows, computed only when its fragment is rendered: the page is
    a ``{% content_fragment %}`` (one per content generation, language and day), so a
    request that finds it kept runs none of these queries: 88.0 -> 8.6 ms of CPU, 3 -> 0
    queries (bench/cputime.py at 10x data, 2026-12-07)."""

    def __init__(self, since):
        self.since = since

    @cached_property
    def covered(self):
        # Only covered countries are links or pins; the other shapes need no row.
        return list(
            Country.objects.covered()
            .select_related("zone")
            .with_active_groups()
            .order_by("zone__position", "zone__name", "name")
        )

    @cached_property
    def _shapes(self):
        return worldmap.build_map(
            self.covered, {c.code for c in self.covered}, worldmap.load_shapes()
        )

    @cached_property
    def covered_list(self):
        return worldmap.covered_list_html(self.covered)

    @cached_property
    def map_countries(self):
        return worldmap.countries_svg(self._shapes[0])

    @cached_property
    def small_states(self):
        return self._shapes[1]

    @cached_property
    def mission_pins(self):
        # The countries visited since then, each with its number of missions, A–Z in the
        # database's French collation (« Égypte » before « Espagne » and « Zambie »).
        recent = Mission.objects.published().filter(start_date__gte=self.since)
        visited = (
            Country.objects.filter(missions__in=recent)
            .annotate(recent_missions=Count("missions", distinct=True))
            .only("code", "name", "latitude", "longitude")
            .order_by("name")
        )
        return worldmap.mission_pins(visited)


def world_map(request):
    since = timezone.localdate() - datetime.timedelta(days=RECENT_MISSIONS_DAYS)
    context = {"map": MapContent(since), "map_viewbox": worldmap.VIEWBOX, "since": since}
    return render(request, "portal/map.html", context)


@query_params("q")
def search(request):
    text, language = clean_query(request.GET.get("q")), get_language()
    context = {"query": text}
    if text:
        results = site_search(text, language)
        context["results"] = results
        if not results["found"]:
            context["suggestion"] = suggest(text, language)
    return render(request, "portal/search.html", context)


# --- The agenda ---------------------------------------------------------------------


@query_params("group", "country", "when")
def agenda(request):
    form = AgendaForm(request.GET or None, request=request)
    group, country = form.choices()
    past = request.GET.get("when") == "past"
    params = request.GET.copy()
    params.pop("when", None)
    ical = reverse("portal:agenda-ical") + (f"?{params.urlencode()}" if params else "")
    context = {
        "filter": SimpleNamespace(form=form),  # includes/_filter_form.html
        "events": agenda_events(group=group, country=country, past=past),
        "past": past,
        "upcoming_url": f"?{params.urlencode()}",
        "past_url": f"?{params.urlencode()}{'&' if params else ''}when=past",
        "subscriptions": subscriptions(gettext("Agenda"), ical=ical),
    }
    return render(request, "portal/agenda.html", context)


@query_params("group", "country")
def agenda_ical(request):
    """The agenda's events to come as an iCalendar file; ``?group=`` or ``?country=``
    gives a group's or a country's."""
    group, country = AgendaForm(request.GET or None, request=request).choices()
    calendar = new_calendar(gettext("Senate friendship groups: agenda"))
    for event in agenda_events(group=group, country=country):
        entry = Event()
        entry.add("uid", event_uid(event.kind, event.item.pk))
        entry.add("summary", event.item.title)
        entry.add("dtstamp", event.item.updated_at)
        # All-day events: DTEND is the day after the last day (RFC 5545, 3.6.1).
        entry.add("dtstart", event.start)
        entry.add("dtend", event.end + datetime.timedelta(days=1))
        if event.url:
            entry.add("url", request.build_absolute_uri(event.url))
        if event.places:
            entry.add("location", ", ".join(event.places))
        calendar.add_component(entry)
    return ical_response(calendar, "agenda.ics")


# --- Decentralized cooperation on the map -------------------------------------------

# The map's classes, by number of agreements: (first, last) of each; the last has none.
# Their colours (site.css, coop-shade-N) get darker class by class.
CLASSES = [(1, 1), (2, 3), (4, 9), (10, 19), (20, None)]


def shade(count):
    """The class (1-5) of a country with ``count`` agreements."""
    return next(
        level for level, (first, _last) in reversed(list(enumerate(CLASSES, 1))) if count >= first
    )


def shade_legend():
    """[(class, label)]: « 1 accord », « 2 à 3 accords », « 20 accords ou plus »."""
    legend = []
    for level, (first, last) in enumerate(CLASSES, 1):
        if last == first:
            label = ngettext("%(count)d agreement", "%(count)d agreements", first)
        elif last is None:
            label = ngettext("%(count)d agreement or more", "%(count)d agreements or more", first)
        else:
            label = ngettext(
                "%(count)d to %(last)d agreement", "%(count)d to %(last)d agreements", last
            )
        legend.append((level, label % {"count": first, "last": last}))
    return legend


def cooperation_map(request):
    """The world map's second view: countries shaded by their number of agreements."""
    counts = Agreement.objects.published().count_by_country()
    countries = list(Country.objects.filter(pk__in=counts).order_by("name"))
    list_url = reverse("cooperation:list")

    def label(country):
        return ngettext(
            "%(country)s: %(count)d agreement",
            "%(country)s: %(count)d agreements",
            country.agreement_count,
        ) % {"country": country.name, "count": country.agreement_count}

    for country in countries:
        country.agreement_count = counts[country.pk]
        country.shade = shade(country.agreement_count)
        country.label = label(country)
    shapes = worldmap.load_shapes()
    by_code = {c.code: c for c in countries}
    parts = []
    # Shaded countries last, so their outline is on top of their neighbours'.
    for code, path in sorted(shapes.items(), key=lambda item: item[0] in by_code):
        country = by_code.get(code)
        if country is None:
            parts.append(format_html('\n    <path class="map-uncovered" d="{}"/>', path))
        else:
            parts.append(
                format_html(
                    '\n    <a href="{}?country={}" class="coop-shade-{}" aria-label="{}">'
                    '<title>{}</title><path d="{}"/></a>',
                    list_url,
                    code,
                    country.shade,
                    country.label,
                    country.label,
                    path,
                )
            )
    context = {
        "countries": countries,
        "map_shapes": format_html_join("", "{}", ((p,) for p in parts)),
        "pins": [
            worldmap.pin(c, c.label, f"{list_url}?country={c.code}")
            for c in countries
            if c.code not in shapes
        ],
        "map_viewbox": worldmap.VIEWBOX,
        "shades": shade_legend(),
    }
    return render(request, "portal/cooperation_map.html", context)


# --- Dossiers (portal/dossier.py) ------------------------------------------------------


def country_dossier(request, code, as_pdf=False):
    country = get_object_or_404(Country.objects.select_related("zone"), code=code.upper())
    context = dossier.country_dossier(country)
    return _dossier_response(request, context, f"dossier-{country.code.lower()}", as_pdf)


def group_dossier(request, slug, as_pdf=False):
    group = get_object_or_404(FriendshipGroup.objects.published().for_detail(), slug=slug)
    context = dossier.group_dossier(group)
    return _dossier_response(request, context, f"dossier-{group.slug}", as_pdf)


def country_dossier_pdf(request, code):
    return country_dossier(request, code, as_pdf=True)


def group_dossier_pdf(request, slug):
    return group_dossier(request, slug, as_pdf=True)


def _dossier_response(request, context, name, as_pdf):
    """The dossier page, or its PDF (``name``-<language>.pdf)."""
    if not as_pdf:
        return render(request, "portal/dossier.html", context)
    # The address printed in the PDF, without the query string: the PDF cache is keyed on
    # the HTML, so ``?x=1``, ``?x=2``... would each cost a new render.
    context = {**context, "page_url": request.build_absolute_uri(request.path)}
    html = render_to_string("portal/dossier_pdf.html", context, request=request)
    pdf = dossier.render_pdf(html, base_url=request.build_absolute_uri("/"))
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"{name}-{request.LANGUAGE_CODE}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# --- Timelines (portal/timeline.py) -----------------------------------------------------


@query_params("kind", "year", "page")
def country_timeline(request, code):
    return _timeline_page(request, timeline.timeline_subject(code=code))


@query_params("kind", "year", "page")
def group_timeline(request, slug):
    return _timeline_page(request, timeline.timeline_subject(slug=slug))


def _timeline_page(request, subject):
    form = timeline.TimelineForm(request.GET, years=timeline.years(subject))
    filters = form.filters()
    rows = timeline.timeline(subject, *filters) if filters else []
    page = Paginator(rows, timeline.PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "subject": subject,
        "country": subject if isinstance(subject, Country) else None,
        "form": form,
        "page": page,
        "entries": timeline.entries(page.object_list),
    }
    return render(request, "portal/timeline.html", context)


# --- Comparison (portal/compare.py) ------------------------------------------------------


@query_params("country", "group", "format")
def compare(request):
    choice = comparison.choose(request.GET)
    ready = len(choice.subjects) >= 2 and not choice.errors
    if wants_csv(request) and not ready:
        errors = {choice.kind: choice.errors or [gettext("Choose two or three to compare.")]}
        return csv_response(request, [], [], "comparison", errors=errors)
    colours_of = colours() if ready else {}
    all_facts = [comparison.facts(s, colours_of) for s in choice.subjects] if ready else []
    for i, facts in enumerate(all_facts):
        facts.anchor = f"makeup-{i + 1}"
    if wants_csv(request):
        columns, lines = comparison.csv_table(all_facts)
        name = "comparison-" + "-".join(
            s.code.lower() if choice.kind == "country" else s.slug for s in choice.subjects
        )
        return csv_response(request, lines, columns, name)
    countries, groups = comparison.suggestions()
    slots = [*choice.values, *[""] * comparison.MAX_SUBJECTS][: comparison.MAX_SUBJECTS]
    context = {
        "choice": choice,
        "facts": all_facts,
        "periods": comparison.periods(all_facts),
        "country_slots": slots if choice.kind == "country" else [""] * comparison.MAX_SUBJECTS,
        "group_slots": slots if choice.kind == "group" else [""] * comparison.MAX_SUBJECTS,
        "country_options": countries,
        "group_options": groups,
    }
    # A name nobody has is a form error, shown beside the form, as the lists do.
    return render(request, "portal/compare.html", context)
