"""« Déclarer une coopération »: the public form, the e-mailed confirmation, the honeypot and
the rate limit, DRIP's moderation in the back office, and that nothing declared is public
before it is accepted."""

import re
import time

import pytest
import reversion
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from cooperation import services
from cooperation.models import Agreement
from cooperation.models import Declaration
from cooperation.models import Department
from tests.admin_helpers import login_verified
from tests.factories import ensure_cog
from tests.factories import make_agreement
from tests.factories import make_country
from tests.factories import make_declaration
from tests.factories import make_foreign_authority
from tests.factories import make_local_authority

pytestmark = pytest.mark.django_db

PARTNER = "Wuppertal-sur-Wupper"


@pytest.fixture
def st_etienne(db):
    ensure_cog()
    return make_local_authority(
        name="Saint-Étienne",
        slug="saint-etienne",
        insee_code="42218",
        department=Department.objects.get(code="42"),
    )


@pytest.fixture
def germany(db):
    return make_country(code="DE", name_fr="Allemagne", name_en="Germany")


def form_data(germany, **changes):
    data = {
        "authority": "Saint-Etienne",
        "partner_name": PARTNER,
        "partner_country": germany.pk,
        "partner_kind": "city",
        "kind": "twinning",
        "signed_on": "1960-05-01",
        "end_date": "",
        "themes": ["culture", "youth"],
        "description": "Jumelage déclaré par la ville.",
        "link": "https://www.saint-etienne.fr/jumelage",
        "declarant_name": "Camille Martin",
        "declarant_role": "Chargée des relations internationales",
        "declarant_email": "camille.martin@saint-etienne.fr",
        "website": "",
    }
    data.update(changes)
    return data


def declare(client, germany, lang="fr", **changes):
    with translation.override(lang):
        url = reverse("cooperation:declare")
    return client.post(url, form_data(germany, **changes))


def confirmation_link(message):
    return re.search(r"https?://\S+", message.body).group(0)


@pytest.mark.parametrize(
    "lang, path, title",
    [
        ("fr", "/fr/cooperation/declarer/", "Déclarer une coopération"),
        ("en", "/en/cooperation/declare/", "Declare a cooperation"),
    ],
)
def test_the_form_is_bilingual(client, germany, lang, path, title):
    with translation.override(lang):
        assert reverse("cooperation:declare") == path
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Language"] == lang
    assert f"<h1>{title}</h1>" in response.text
    assert 'name="website"' in response.text  # the honeypot is there, hidden by CSS


def test_a_declaration_is_saved_unconfirmed_and_a_link_is_mailed(
    client, st_etienne, germany, mailoutbox
):
    response = declare(client, germany)
    assert response.status_code == 302
    assert response["Location"] == "/fr/cooperation/declarer/envoyee/"
    declaration = Declaration.objects.get()
    assert declaration.status == Declaration.Status.UNCONFIRMED
    assert declaration.authority == st_etienne
    assert (declaration.language, declaration.themes) == ("fr", ["culture", "youth"])
    [message] = mailoutbox
    assert message.to == ["camille.martin@saint-etienne.fr"]
    assert "Confirmez" in message.subject
    assert "48" in message.body
    link = confirmation_link(message)
    assert link.startswith("http://testserver/fr/cooperation/declarer/confirmer/")
    # The declaration is in the history from its first step.
    assert Version.objects.get_for_object(declaration).count() == 1


def test_the_link_confirms_it_once(client, st_etienne, germany, mailoutbox):
    declare(client, germany, lang="en")
    assert "Confirm" in mailoutbox[0].subject  # in the declarant's language
    link = confirmation_link(mailoutbox[0])
    response = client.get(link)
    assert response.status_code == 200
    assert "Declaration confirmed" in response.text
    declaration = Declaration.objects.get()
    assert declaration.status == Declaration.Status.CONFIRMED
    assert declaration.confirmed_at is not None
    assert client.get(link).status_code == 200  # again: nothing changes
    assert Declaration.objects.get().confirmed_at == declaration.confirmed_at


class OldSigner(signing.TimestampSigner):
    """Signs as if 49 hours ago."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 49 * 3600)


def test_a_link_older_than_48_hours_or_forged_confirms_nothing(client, st_etienne, germany):
    declare(client, germany)
    declaration = Declaration.objects.get()
    old = OldSigner(salt="cooperation.declaration.confirm").sign(str(declaration.pk))
    fresh = services.declaration_token(declaration)
    for token in [old, fresh[:-2] + "xx", "1", "a.b", str(declaration.pk)]:
        url = reverse("cooperation:declare-confirm", kwargs={"token": token})
        response = client.get(url)
        assert response.status_code == 400, token
        assert "invalide" in response.text
    assert Declaration.objects.get().status == Declaration.Status.UNCONFIRMED
    response = client.get(reverse("cooperation:declare-confirm", kwargs={"token": fresh}))
    assert response.status_code == 200
    assert Declaration.objects.get().status == Declaration.Status.CONFIRMED


def test_the_honeypot_refuses_a_bot(client, st_etienne, germany, mailoutbox):
    response = declare(client, germany, website="https://spam.example/")
    assert response.status_code == 400
    assert not Declaration.objects.exists()
    assert mailoutbox == []


def test_the_rate_limit_refuses_a_sixth_declaration_from_one_address(
    client, st_etienne, germany, mailoutbox
):
    for n in range(services.RATE_LIMIT):
        assert declare(client, germany, partner_name=f"Ville {n}").status_code == 302
    response = declare(client, germany, partner_name="Ville de trop")
    assert response.status_code == 429
    assert "Trop de déclarations" in response.text
    assert Declaration.objects.count() == services.RATE_LIMIT
    assert len(mailoutbox) == services.RATE_LIMIT
    # Another address is not limited (the address is case-insensitive).
    upper = declare(client, germany, declarant_email="CAMILLE.MARTIN@saint-etienne.fr")
    assert upper.status_code == 429
    assert declare(client, germany, declarant_email="autre@saint-etienne.fr").status_code == 302


def test_an_ambiguous_name_offers_choices_without_javascript(client, st_etienne, germany):
    make_local_authority(
        name="Saint-Étienne-le-Molard",
        insee_code="42225",
        department=Department.objects.get(code="42"),
    )
    response = declare(client, germany, authority="saint etienne le")
    assert response.status_code == 302, response.context["form"].errors  # only one: taken
    Declaration.objects.all().delete()
    response = declare(client, germany, authority="st etienne")
    # « st etienne » spells Saint-Étienne exactly: taken although two names hold the words.
    assert response.status_code == 302
    assert Declaration.objects.get().authority == st_etienne
    response = declare(client, germany, authority="etienne", declarant_email="b@x.fr")
    assert response.status_code == 400
    assert 'name="authority_choice" value="Saint-Étienne-le-Molard (42225)"' in response.text
    response = declare(
        client,
        germany,
        authority="etienne",
        authority_choice="Saint-Étienne-le-Molard (42225)",
        declarant_email="b@x.fr",
    )
    assert response.status_code == 302
    assert Declaration.objects.filter(authority__insee_code="42225").exists()


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"authority": "Nullepart"}, "authority", "Aucune collectivité"),
        ({"link": "", "pdf": ""}, None, "Donnez un lien"),
        ({"declarant_email": "pas-une-adresse"}, "declarant_email", ""),
        ({"signed_on": "2020-01-01", "end_date": "2019-01-01"}, None, ""),
        ({"partner_country": "999999"}, "partner_country", ""),
        ({"kind": "friendship"}, "kind", ""),
    ],
)
def test_bad_input_is_a_form_error(client, st_etienne, germany, changes, field, message):
    response = declare(client, germany, **changes)
    assert response.status_code == 400
    assert message in response.text
    if field:
        assert field in response.context["form"].errors
    assert not Declaration.objects.exists()


def test_a_pdf_goes_through_the_report_upload_checks(client, st_etienne, germany):
    fake = SimpleUploadedFile("accord.pdf", b"<html><script>x</script></html>", "application/pdf")
    response = declare(client, germany, link="", pdf=fake)
    assert response.status_code == 400
    assert "pdf" in response.context["form"].errors
    assert not Declaration.objects.exists()


# Moderation


def confirmed_declaration(client, germany, **changes):
    from django.core import mail

    declare(client, germany, **changes)
    client.get(confirmation_link(mail.outbox[-1]))
    return Declaration.objects.latest("created_at")


def change_url(declaration):
    return reverse("admin:cooperation_declaration_change", args=[declaration.pk])


def decide(client, declaration, **changes):
    response = client.get(change_url(declaration))
    data = {
        k: v
        for k, v in response.context["adminform"].form.initial.items()
        if k in response.context["adminform"].form.fields and k != "pdf"
    }
    data.update(
        authority=declaration.authority_id,
        partner_country=declaration.partner_country_id,
        signed_on=declaration.signed_on.isoformat(),
        end_date="",
        themes=declaration.themes,
        version=declaration.version,
        decision="",
        merge_into="",
        refusal_reason="",
    )
    data.update(changes)
    data = {k: ("" if v is None else v) for k, v in data.items()}
    return client.post(change_url(declaration), data)


@pytest.fixture
def staff(client, editor):
    return editor


def test_dashboard_shows_declarations_to_validate(client, st_etienne, germany, mailoutbox):
    from django.test import Client

    public = Client()
    declare(public, germany, partner_name="Non confirmée")
    declaration = confirmed_declaration(public, germany)
    user = __import__("django.contrib.auth", fromlist=["get_user_model"]).get_user_model()
    admin = user.objects.create_superuser("chef", "chef@example.org", "x" * 20)
    login_verified(client, admin)
    response = client.get("/admin/")
    block = response.text[response.text.index('id="to-validate"') :]
    block = block[: block.index("</section>")]
    assert "À valider" in block
    assert "1 déclaration de coopération" in block
    assert f'href="{change_url(declaration)}"' in block
    assert "Non confirmée" not in block


def test_staff_accept_publishes_the_agreement_and_tell_the_declarant(
    client, editor, st_etienne, germany, mailoutbox, django_capture_on_commit_callbacks
):
    from django.test import Client

    declaration = confirmed_declaration(Client(), germany)
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, declaration, decision="accept")
    assert response.status_code == 302, response.context["adminform"].form.errors
    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.ACCEPTED
    agreement = declaration.agreement
    assert agreement.is_published
    assert agreement.kind == "twinning"
    assert list(agreement.french_authorities.all()) == [st_etienne]
    [partner] = agreement.foreign_authorities.all()
    assert (partner.name, partner.country) == (PARTNER, germany)
    assert agreement.summary_fr == "Jumelage déclaré par la ville."
    assert mailoutbox[-1].to == ["camille.martin@saint-etienne.fr"]
    assert "publiée" in mailoutbox[-1].subject
    comments = [
        v.revision.comment for v in Version.objects.get_for_object(declaration).order_by("pk")
    ]
    assert comments == [
        "Déclarée sur le formulaire public",
        "Confirmée par le déclarant",
        "Acceptée : accord publié",
    ]
    assert Version.objects.get_for_object(agreement).exists()
    # Deciding twice is refused.
    response = decide(client, declaration, decision="refuse", refusal_reason="Non")
    assert response.status_code == 200
    assert Declaration.objects.get().status == Declaration.Status.ACCEPTED


def test_staff_refuse_needs_a_reason_that_the_declarant_is_told(
    client, editor, st_etienne, germany, mailoutbox, django_capture_on_commit_callbacks
):
    from django.test import Client

    declaration = confirmed_declaration(Client(), germany)
    response = decide(client, declaration, decision="refuse")
    assert response.status_code == 200
    assert "refusal_reason" in response.context["adminform"].form.errors
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, declaration, decision="refuse", refusal_reason="Doublon connu.")
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.REFUSED
    assert declaration.agreement is None
    assert "Doublon connu." in mailoutbox[-1].body
    assert not Agreement.objects.exists()
    assert "Refusée : Doublon connu." in [
        v.revision.comment for v in Version.objects.get_for_object(declaration)
    ]


def test_duplicates_are_shown_and_staff_merge_into_one(
    client, editor, st_etienne, germany, mailoutbox
):
    from django.test import Client

    known = make_agreement(
        french=[st_etienne],
        foreign=[make_foreign_authority(name_fr=PARTNER, country=germany)],
        slug="saint-etienne-wuppertal",
    )
    other = make_agreement(french=[st_etienne], slug="autre-accord")
    declaration = confirmed_declaration(Client(), germany)
    page = client.get(change_url(declaration)).text
    assert "saint-etienne-wuppertal" in page
    assert "autre-accord" not in page
    response = decide(client, declaration, decision="merge", merge_into="saint-etienne-wuppertal")
    assert response.status_code == 302
    declaration.refresh_from_db()
    assert (declaration.status, declaration.agreement) == (Declaration.Status.MERGED, known)
    assert Agreement.objects.count() == 2
    assert other.declarations.count() == 0


def test_staff_can_edit_a_declaration_before_deciding(client, editor, st_etienne, germany):
    from django.test import Client

    declaration = confirmed_declaration(Client(), germany)
    response = decide(client, declaration, partner_name="Wuppertal", decision="accept")
    assert response.status_code == 302
    assert Declaration.objects.get().agreement.foreign_authorities.get().name == "Wuppertal"


def test_declaration_changelist_query_count(admin_client, st_etienne, germany):
    from tests.admin_helpers import changelist_queries

    def add(n):
        for i in range(n):
            make_declaration(st_etienne, germany, partner_name=f"Ville {i}")

    # 1 session  2 user  3 verified device  4 SAVEPOINT, + count, full count,
    # rows (authority and country joined), RELEASE SAVEPOINT
    add(3)
    few, shown = changelist_queries(admin_client, "/admin/cooperation/declaration/")
    add(27)
    many, shown_many = changelist_queries(admin_client, "/admin/cooperation/declaration/")
    assert (shown, shown_many) == (3, 30)
    assert few == many == 8


# Nothing public before DRIP accepts


@pytest.mark.parametrize("outcome", ["unconfirmed", "confirmed", "refused"])
def test_an_undecided_or_refused_declaration_is_nowhere_public(
    client, st_etienne, germany, outcome, mailoutbox
):
    from django.contrib.auth import get_user_model
    from django.test import Client

    make_agreement(french=[st_etienne])  # the authority has a public page
    declare(Client(), germany)
    declaration = Declaration.objects.get()
    if outcome != "unconfirmed":
        services.declaration_confirm(token=services.declaration_token(declaration))
        declaration.refresh_from_db()
    if outcome == "refused":
        user = get_user_model().objects.create_user("drip")
        services.declaration_refuse(declaration=declaration, reason="Non", user=user)
    pages = [
        "/fr/cooperation/",
        "/fr/cooperation/?format=csv",
        "/fr/cooperation/rss/",
        "/fr/cooperation/atom/",
        st_etienne.get_absolute_url(),
        "/fr/pays/de/",
        "/fr/cooperation/carte/",
        "/api/v1/agreements/",
        f"/fr/recherche/?q={PARTNER}",
        "/fr/recherche/?q=Wuppertal",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        body = b"".join(
            response.streaming_content if response.streaming else [response.content]
        ).decode()
        assert "Jumelage déclaré" not in body, path
        if "recherche" not in path:  # a search page repeats the words searched
            assert "Wuppertal" not in body, path
    # What must be there is there: the authority's published agreement.
    assert "Saint-Étienne" in client.get(st_etienne.get_absolute_url()).text
    with reversion.create_revision():
        pass


def test_only_the_declaration_form_takes_a_post_and_it_checks_csrf(st_etienne, germany):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/fr/cooperation/", {}).status_code == 405
    assert strict.post("/fr/cooperation/declarer/envoyee/", {}).status_code == 405
    assert strict.post("/en/cooperation/declare/", form_data(germany)).status_code == 403
    assert not Declaration.objects.exists()


def test_a_nul_byte_in_the_form_is_a_form_error_not_a_500(client, st_etienne, germany):
    response = declare(client, germany, authority="Saint\x00", authority_choice="x\x00y")
    assert response.status_code == 400
    response = declare(client, germany, authority_choice="Saint-Étienne\x00 (42218)")
    assert response.status_code == 302
