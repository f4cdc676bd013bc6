"""The French authorities as reference data, from Etalab's « découpage administratif ».

The npm package ``@etalab/decoupage-administratif`` (package.json; one version a year)
ships the INSEE COG and the DGCL's list of EPCIs as JSON: ``regions.json``,
``departements.json``, ``communes.json``, ``epci.json``. Three steps, as every importer
here: **parse** the files into plain rows, **check** them (codes, parents), **write** them in
one transaction, matched on (kind, official code), so a second run of the same files
writes nothing. ``load_authorities`` wires them and prints the report.
"""

import collections
import dataclasses
import json
import re
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from cooperation.models import AuthorityDataset
from cooperation.models import Department
from cooperation.models import LocalAuthority
from cooperation.models import Region

PACKAGE = "@etalab/decoupage-administratif"
FILES = ("regions.json", "departements.json", "communes.json", "epci.json")
CODES = {
    "region": re.compile(r"\d{2,3}"),
    "department": re.compile(r"\d{2,3}|2[AB]"),
    "commune": re.compile(r"(\d{2}|2[AB])\d{3}"),
    "intercommunality": re.compile(r"\d{9}"),
}
Kind = LocalAuthority.Kind


def default_source():
    return Path(settings.BASE_DIR) / "node_modules" / PACKAGE


class DataError(Exception):
    """A file is missing or is not what the package ships: nothing was written."""


@dataclasses.dataclass
class Row:
    kind: str
    code: str
    name: str
    parent: str = ""  # the département's code, or the région's for a département


@dataclasses.dataclass
class Report:
    version: str
    vintage: int | None
    counts: dict = dataclasses.field(
        default_factory=lambda: collections.defaultdict(collections.Counter)
    )

    def summary(self):
        return {kind: dict(counter) for kind, counter in self.counts.items()}


def _read(directory, name):
    path = Path(directory) / "data" / name
    try:
        with open(path, encoding="utf-8") as f:
            rows = json.load(f)
    except FileNotFoundError:
        raise DataError(f"{path}: missing (run npm ci, or give --source)") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise DataError(f"{path}: not valid JSON ({error})") from None
    if not isinstance(rows, list):
        raise DataError(f"{path}: a list of objects was expected")
    return path, rows


def _field(path, index, row, key):
    value = row.get(key) if isinstance(row, dict) else None
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"{path}, item {index + 1}: no « {key} »")
    return value.strip()


def _checked(path, index, kind, code):
    if not CODES[kind].fullmatch(code):
        raise DataError(f"{path}, item {index + 1}: « {code} » is not a {kind} code")
    return code


def package_version(directory):
    """(version, year of the data) from the package's package.json and README's table."""
    try:
        version = json.loads((Path(directory) / "package.json").read_text("utf-8"))["version"]
    except (OSError, ValueError, KeyError) as error:
        raise DataError(f"{directory}/package.json: no version ({error})") from None
    vintage = None
    readme = Path(directory) / "README.md"
    if readme.exists():
        found = re.search(
            rf"^\|\s*(\d{{4}})\s*\|\s*{re.escape(version)}\s*\|", readme.read_text("utf-8"), re.M
        )
        vintage = int(found.group(1)) if found else None
    return str(version), vintage


def parse(directory):
    """Every région, département, current commune and EPCI of the files, as Rows."""
    rows = []
    path, regions = _read(directory, "regions.json")
    for i, item in enumerate(regions):
        code = _checked(path, i, "region", _field(path, i, item, "code"))
        # Overseas collectivities (zone « com »: Polynésie, Saint-Martin…) have 3-digit codes.
        kind = Kind.OVERSEAS if item.get("zone") == "com" else Kind.REGION
        rows.append(Row(kind, code, _field(path, i, item, "nom")))
    path, departments = _read(directory, "departements.json")
    for i, item in enumerate(departments):
        if item.get("zone") == "com":
            continue  # the same collectivities as in regions.json
        code = _checked(path, i, "department", _field(path, i, item, "code"))
        rows.append(Row(Kind.DEPARTMENT, code, _field(path, i, item, "nom"), item.get("region")))
    path, communes = _read(directory, "communes.json")
    commune_department = {}
    for i, item in enumerate(communes):
        if item.get("type") != "commune-actuelle":
            continue  # former, associated communes and Paris' arrondissements
        code = _checked(path, i, "commune", _field(path, i, item, "code"))
        department = item.get("departement", "")
        commune_department[code] = department
        rows.append(Row(Kind.COMMUNE, code, _field(path, i, item, "nom"), department))
    path, epcis = _read(directory, "epci.json")
    for i, item in enumerate(epcis):
        code = _checked(path, i, "intercommunality", _field(path, i, item, "code"))
        # An EPCI may straddle départements: its parent is the one most of its members lie in.
        members = collections.Counter(
            commune_department.get(m.get("code"), "") for m in item.get("membres") or []
        )
        parent = members.most_common(1)[0][0] if members else ""
        rows.append(Row(Kind.INTERCOMMUNALITY, code, _field(path, i, item, "nom"), parent))
    return rows


def _slug(name, code, taken):
    base = slugify(f"{name} {code}")[:190] or code
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


@transaction.atomic
def write(rows, *, version, vintage, source=PACKAGE):
    """Create or update the COG tables and the authorities; one transaction, bulk writes."""
    report = Report(version=version, vintage=vintage)
    regions = {r.code: r for r in Region.objects.all()}
    for row in rows:
        if row.kind == Kind.REGION:
            region = regions.get(row.code)
            if region is None:
                regions[row.code] = Region.objects.create(code=row.code, name=row.name)
            elif region.name != row.name:
                region.name = row.name
                region.save(update_fields=["name"])
    departments = {d.code: d for d in Department.objects.all()}
    for row in rows:
        if row.kind == Kind.DEPARTMENT:
            region = regions.get(row.parent)
            if region is None:
                raise DataError(f"département {row.code}: unknown région « {row.parent} »")
            department = departments.get(row.code)
            if department is None:
                departments[row.code] = Department.objects.create(
                    code=row.code, name=row.name, region=region
                )
            elif (department.name, department.region_id) != (row.name, region.pk):
                department.name, department.region = row.name, region
                department.save(update_fields=["name", "region"])

    existing = {
        (a.kind, a.insee_code): a
        for a in LocalAuthority.objects.exclude(insee_code="").only(
            "kind", "insee_code", "name", "department_id", "region_id", "slug"
        )
    }
    taken = set(LocalAuthority.objects.values_list("slug", flat=True))
    new, changed = [], []
    for row in rows:
        department = departments.get(row.code if row.kind == Kind.DEPARTMENT else row.parent)
        region = regions.get(row.code) if row.kind == Kind.REGION else None
        values = {
            "name": row.name,
            "department_id": department.pk if department else None,
            "region_id": region.pk if region else None,
        }
        authority = existing.get((row.kind, row.code))
        if authority is None:
            new.append(
                LocalAuthority(
                    kind=row.kind,
                    insee_code=row.code,
                    slug=_slug(row.name, row.code, taken),
                    **values,
                )
            )
            report.counts[row.kind]["created"] += 1
        elif any(getattr(authority, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(authority, k, v)
            changed.append(authority)
            report.counts[row.kind]["updated"] += 1
        else:
            report.counts[row.kind]["unchanged"] += 1
    LocalAuthority.objects.bulk_create(new, batch_size=2000)
    LocalAuthority.objects.bulk_update(
        changed, ["name", "department_id", "region_id"], batch_size=2000
    )
    AuthorityDataset.objects.create(
        source=source, version=version, vintage=vintage, counts=report.summary()
    )
    return report


def load(directory=None):
    """Parse, check and write the package's files; raise DataError before writing anything."""
    directory = Path(directory or default_source())
    version, vintage = package_version(directory)
    return write(parse(directory), version=version, vintage=vintage)
