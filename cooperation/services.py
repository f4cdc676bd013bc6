"""Writes on cooperation data: find-or-create authorities, create-or-update agreements.

The importer and the demo data go through these functions, which match rows on stable
keys (the INSEE code, the ISO country and name, an agreement's authorities, kind and
date) so that loading the same data twice writes nothing the second time.
"""

import datetime
import itertools

import reversion
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Agreement
from .models import Declaration
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


# Declarations: the public form's submissions, from the declarant's confirmation to DRIP's
# decision. Each step is a revision in the history (django-reversion) with a comment.
CONFIRMATION_MAX_AGE = datetime.timedelta(hours=48)
RATE_LIMIT = 5  # declarations from one e-mail address…
RATE_WINDOW = datetime.timedelta(hours=24)  # …in this window
_signer = signing.TimestampSigner(salt="cooperation.declaration.confirm")


def declaration_rate_limited(*, email, now=None):
    """True when this address already sent RATE_LIMIT declarations in the window."""
    since = (now or timezone.now()) - RATE_WINDOW
    return Declaration.objects.from_address(email, since).count() >= RATE_LIMIT


def declaration_token(declaration):
    return _signer.sign(str(declaration.pk))


def _send(declaration, subject, template, context):
    with translation.override(declaration.language):
        body = render_to_string(template, {"declaration": declaration, **context})
        EmailMessage(str(subject), body, to=[declaration.declarant_email]).send()


def _tell_published(declaration):
    """Accepted or merged: either way, what was declared is now on the site."""
    _send(
        declaration,
        _("Your cooperation declaration is published"),
        "cooperation/email/declaration_accepted.txt",
        {},
    )


def _record(declaration, comment, user=None, *also):
    with reversion.create_revision():
        if user is not None:
            reversion.set_user(user)
        reversion.set_comment(comment)
        declaration.save()
        for obj in also:
            reversion.add_to_revision(obj)


def declaration_submit(*, declaration, confirm_url):
    """Save a new declaration and e-mail its declarant the link that confirms it.

    ``confirm_url(token)`` gives the absolute URL of the confirmation page.
    """
    declaration.language = translation.get_language() or "fr"
    _record(declaration, gettext("Declared on the public form"))
    _send(
        declaration,
        _("Confirm your cooperation declaration"),
        "cooperation/email/declaration_confirm.txt",
        {"url": confirm_url(declaration_token(declaration)), "hours": 48},
    )
    return declaration


def declaration_confirm(*, token, now=None):
    """The declaration the token confirms (now « to validate »), or None if the token is
    forged or more than 48 hours old. Confirming twice changes nothing."""
    try:
        pk = _signer.unsign(token, max_age=CONFIRMATION_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    declaration = Declaration.objects.filter(pk=pk).first()
    if declaration and declaration.status == Declaration.Status.UNCONFIRMED:
        declaration.status = Declaration.Status.CONFIRMED
        declaration.confirmed_at = now or timezone.now()
        _record(declaration, gettext("Confirmed by the declarant"))
    return declaration


def _decided(declaration, status, user, now=None):
    if declaration.status != Declaration.Status.CONFIRMED:
        raise ValueError(f"declaration {declaration.pk} is {declaration.status}, not to validate")
    declaration.status = status
    declaration.decided_at = now or timezone.now()


@transaction.atomic
def declaration_accept(*, declaration, user):
    """Create and publish the agreement it declares; tell the declarant."""
    _decided(declaration, Declaration.Status.ACCEPTED, user)
    foreign, _created = foreign_authority_get_or_create(
        kind=declaration.partner_kind,
        name_fr=declaration.partner_name,
        country=declaration.partner_country,
    )
    agreement, _outcome = agreement_save(
        french=[declaration.authority],
        foreign=[foreign],
        kind=declaration.kind,
        signed_on=declaration.signed_on,
        fields={
            "end_date": declaration.end_date,
            "themes": declaration.themes,
            "summary_fr": declaration.description,
            "source_url": declaration.link,
        },
    )
    if agreement.status != Agreement.Status.PUBLISHED:
        agreement.status = Agreement.Status.PUBLISHED
        agreement.save()
    declaration.agreement = agreement
    _record(declaration, gettext("Accepted: agreement published"), user, agreement)
    _tell_published(declaration)
    return agreement


@transaction.atomic
def declaration_merge(*, declaration, agreement, user):
    """Record that it declares an agreement already known; tell the declarant."""
    _decided(declaration, Declaration.Status.MERGED, user)
    declaration.agreement = agreement
    _record(declaration, gettext("Merged into agreement %s") % agreement.slug, user)
    _tell_published(declaration)
    return agreement


@transaction.atomic
def declaration_refuse(*, declaration, reason, user):
    """Refuse it with a reason, which the declarant is told."""
    if not reason.strip():
        raise ValueError("a refusal needs a reason")
    _decided(declaration, Declaration.Status.REFUSED, user)
    declaration.refusal_reason = reason.strip()
    _record(declaration, gettext("Refused: %s") % declaration.refusal_reason, user)
    _send(
        declaration,
        _("Your cooperation declaration was not accepted"),
        "cooperation/email/declaration_refused.txt",
        {},
    )
