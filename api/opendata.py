"""The bulk download: every resource as JSON and CSV in one dated zip.

``opendata_export()`` writes ``MEDIA_ROOT/opendata/senat-groupes-YYYY-MM-DD.zip``
(``manage.py export_opendata`` calls it, nightly from cron). Each JSON file is the
list of the API's objects (same serializers, same ``published()`` rules), written
object by object; each CSV file has the columns of the site's « Télécharger (CSV) »
with French headers. Rows are read in chunks, so memory stays bounded whatever
the size of the archive. The zip is written under a temporary name and renamed,
so the open-data page never links a half-written file.
"""

import datetime
import hashlib
import json
import os
import zipfile
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils import translation

from cooperation import exports as cooperation_exports
from core.exports import Column
from core.exports import csv_rows
from core.exports import iterate
from groups import exports as group_exports
from missions import exports as mission_exports
from reports import exports as report_exports

from . import datapackage
from . import views
from .bulkfiles import CHECKSUM_SUFFIX
from .bulkfiles import LICENCE
from .bulkfiles import PREFIX
from .bulkfiles import export_dir


def _resources():
    """(name, queryset in a stable order, serializer, CSV columns) for every resource.

    The rows, their order and their shape are the API's lists' (api/views.py), so that
    a file and the API never disagree.
    """

    def api(viewset_class):
        viewset = viewset_class()
        return viewset.get_queryset(), viewset.serializer_class

    groups = views.OrganizationViewSet()
    return [
        (
            "organizations",
            # The CSV names the président, which the API's organizations do not show.
            groups.get_queryset().with_president(),
            groups.serializer_class,
            group_exports.GROUP_COLUMNS,
        ),
        (
            "political_groups",
            *api(views.PoliticalGroupViewSet),
            group_exports.POLITICAL_GROUP_COLUMNS,
        ),
        ("persons", *api(views.PersonViewSet), group_exports.SENATOR_COLUMNS),
        (
            "memberships",
            *api(views.MembershipViewSet),
            [Column("Groupe", "group.name"), *group_exports.MEMBERSHIP_COLUMNS],
        ),
        (
            "political_memberships",
            *api(views.PoliticalMembershipViewSet),
            group_exports.POLITICAL_MEMBERSHIP_COLUMNS,
        ),
        ("areas", *api(views.AreaViewSet), group_exports.COUNTRY_COLUMNS),
        ("zones", *api(views.ZoneViewSet), group_exports.ZONE_COLUMNS),
        ("missions", *api(views.MissionViewSet), mission_exports.MISSION_COLUMNS),
        ("receptions", *api(views.ReceptionViewSet), mission_exports.RECEPTION_COLUMNS),
        ("colloquia", *api(views.ColloquiumViewSet), mission_exports.COLLOQUIUM_COLUMNS),
        ("reports", *api(views.ReportViewSet), report_exports.REPORT_COLUMNS),
        ("news", *api(views.NewsViewSet), report_exports.NEWS_COLUMNS),
        ("agreements", *api(views.AgreementViewSet), cooperation_exports.AGREEMENT_COLUMNS),
        ("authorities", *api(views.AuthorityViewSet), cooperation_exports.AUTHORITY_COLUMNS),
    ]


README = """Groupes interparlementaires d'amitié du Sénat — données ouvertes
Export du {date}.

Licence : {licence} ({url})
Attribution : {attribution}

Fichiers (JSON au format Popolo, https://www.popoloproject.com/ ; CSV UTF-8 avec BOM,
séparateur « ; », dates AAAA-MM-JJ, terminés par les identifiants de l'API : id,
person_id, organization_id… ; datapackage.json les décrit, Frictionless Data Package) :
{files}

Textes traduits : « name » est le texte français, « name_en » sa traduction anglaise
(null tant qu'elle n'existe pas). Même convention dans l'API : {site}/api/v1/

Friendship groups of the French Senate — open data, exported on {date}.
Licence: {licence} ({url}). Same data as the API ({site}/api/v1/), documented there.
"""

LICENCE_TEXT = """Licence Ouverte / Open Licence, version 2.0 (Etalab)
{url}

Ces données sont réutilisables librement, y compris commercialement, à condition de
mentionner leur source (« {attribution} ») et la date de leur dernière mise à jour.
Le texte complet de la licence se trouve à l'adresse ci-dessus.

These data may be reused freely, including commercially, provided that their source
(“{attribution}”) and the date of their last update are mentioned.
The full text of the licence is at the address above.
"""


@dataclass
class ExportReport:
    path: Path
    counts: dict = field(default_factory=dict)


def opendata_export(*, directory=None, today=None):
    """Write the dated zip of every resource; returns its path and row counts."""
    directory = Path(directory or export_dir())
    directory.mkdir(parents=True, exist_ok=True)
    today = today or timezone.localdate()
    path = directory / f"{PREFIX}{today.isoformat()}.zip"
    tmp = path.with_suffix(".zip.tmp")
    report = ExportReport(path=path)
    context = {"request": None}
    site = settings.SITE_URL.rstrip("/")
    stamp = timezone.localtime().timetuple()[:6]  # the entries' date, not 1980-01-01

    def entry(name):
        return zipfile.ZipInfo(name, date_time=stamp)

    descriptors = []
    with translation.override("fr"), zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:

        def write(name):
            info = entry(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            return archive.open(info, "w")

        for name, queryset, serializer_class, columns in _resources():
            count = 0
            with write(f"{name}.json") as out:
                out.write(b"[")
                for obj in iterate(queryset):
                    data = serializer_class(obj, context=context).data
                    out.write((b",\n" if count else b"\n") + _json(data))
                    count += 1
                out.write(b"\n]\n")
            rows = report_exports.report_rows(queryset) if name == "reports" else iterate(queryset)
            columns = [*columns, *datapackage.key_columns(name)]
            digest, size = hashlib.sha256(), 0
            with write(f"{name}.csv") as out:
                for line in csv_rows(rows, columns, site):
                    data = line.encode("utf-8")
                    digest.update(data)
                    size += len(data)
                    out.write(data)
            descriptors.append(
                datapackage.resource_descriptor(
                    name, queryset.model, columns, digest=digest.hexdigest(), size=size
                )
            )
            report.counts[name] = count
        files = "\n".join(f"- {n}.json, {n}.csv : {c} lignes" for n, c in report.counts.items())
        values = {**LICENCE, "licence": LICENCE["name"], "date": today.isoformat()}
        package = datapackage.package_descriptor(
            descriptors,
            licence=LICENCE,
            date=today.isoformat(),
            created=timezone.now().astimezone(datetime.UTC),
            site=site,
        )
        with write("datapackage.json") as out:
            out.write(json.dumps(package, ensure_ascii=False, indent=1).encode("utf-8"))
        with write("README.txt") as out:
            out.write(README.format(files=files, site=site, **values).encode("utf-8"))
        with write("LICENCE.txt") as out:
            out.write(LICENCE_TEXT.format(**values).encode("utf-8"))
    checksum = _sha256(tmp)
    os.replace(tmp, path)
    # ``sha256sum -c senat-groupes-….zip.sha256`` checks a download.
    path.with_name(path.name + CHECKSUM_SUFFIX).write_text(f"{checksum}  {path.name}\n")
    return report


def _sha256(path):
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _json(data):
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).encode("utf-8")
