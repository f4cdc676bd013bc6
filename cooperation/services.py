"""Writes on cooperation data: find-or-create authorities, create-or-update agreements.

The importer and the demo data go through these functions, which match rows on stable
keys (the INSEE code, the ISO country and name, an agreement's authorities, kind and
date) so that loading the same data twice writes nothing the second time.
"""

import itertools

from django.utils import timezone
from django.utils.text import slugify

from .models import Agreement
from .models import ForeignAuthority
from .models import LocalAuthority


def unique_slug(model, base, max_length=180):
    base = slugify(base)[:max_length].strip("-") or "x"
    slug = base
    for n in itertools.count(2):
        if not model.objects.filter(slug=slug).exists():
            return slug
        slug = f"{base}-{n}"


def local_authority_get_or_create(*, kind, name, code="", department=None, region=None):
    """The French authority with this kind and INSEE code (or name and département)."""
    if code:
        found = LocalAuthority.objects.filter(kind=kind, insee_code=code).first()
    else:
        found = LocalAuthority.objects.filter(
            kind=kind, name__iexact=name, department=department, region=region
        ).first()
    if found:
        return found, False
    place = code or (department.code if department else "")
    authority = LocalAuthority.objects.create(
        kind=kind,
        name=name,
        slug=unique_slug(LocalAuthority, f"{name} {place}"),
        insee_code=code,
        department=department,
        region=region,
    )
    return authority, True


def foreign_authority_get_or_create(*, kind, name_fr, name_en="", country=None):
    """The foreign authority of this country with this French (or English) name."""
    found = (
        ForeignAuthority.objects.filter(country=country, name_fr__iexact=name_fr).first()
        if name_fr
        else None
    )
    if found is None and name_en:
        found = ForeignAuthority.objects.filter(country=country, name_en__iexact=name_en).first()
    if found:
        return found, False
    authority = ForeignAuthority.objects.create(
        kind=kind, name_fr=name_fr or name_en, name_en=name_en, country=country
    )
    return authority, True


def agreement_find(*, french, foreign, kind, signed_on):
    """The agreement between exactly these authorities, of this kind, signed on this date."""
    want_fr = {a.pk for a in french}
    want_foreign = {a.pk for a in foreign}
    candidates = Agreement.objects.filter(
        kind=kind, signed_on=signed_on, french_authorities=french[0]
    ).prefetch_related("french_authorities", "foreign_authorities")
    for agreement in candidates:
        if {a.pk for a in agreement.french_authorities.all()} == want_fr and {
            a.pk for a in agreement.foreign_authorities.all()
        } == want_foreign:
            return agreement
    return None


def agreement_save(*, french, foreign, kind, signed_on, fields):
    """Create the agreement or update the one with the same key; return (agreement, outcome).

    ``outcome`` is "created", "updated" or "unchanged": an unchanged row is not saved,
    so a second run of the same file leaves the history and the page cache alone.
    """
    agreement = agreement_find(french=french, foreign=foreign, kind=kind, signed_on=signed_on)
    if agreement is None:
        names = " ".join(a.name for a in french) + " " + " ".join(a.name_fr for a in foreign)
        agreement = Agreement(
            kind=kind,
            signed_on=signed_on,
            slug=unique_slug(Agreement, f"{names} {signed_on.year}"),
            published_at=timezone.now(),
            **fields,
        )
        agreement.full_clean(exclude=["french_authorities", "foreign_authorities"])
        agreement.save()
        agreement.french_authorities.set(french)
        agreement.foreign_authorities.set(foreign)
        return agreement, "created"
    changed = [name for name, value in fields.items() if getattr(agreement, name) != value]
    if not changed:
        return agreement, "unchanged"
    for name in changed:
        setattr(agreement, name, fields[name])
    agreement.full_clean(exclude=["french_authorities", "foreign_authorities"])
    agreement.save()
    return agreement, "updated"
