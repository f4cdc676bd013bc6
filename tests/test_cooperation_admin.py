"""The cooperation back office: change lists, filters, inlines, history."""

import pytest

from cooperation.models import Agreement
from cooperation.models import ForeignAuthority
from cooperation.models import LocalAuthority
from tests.factories import make_agreement
from tests.factories import make_country
from tests.factories import make_foreign_authority
from tests.factories import make_local_authority

pytestmark = pytest.mark.django_db


def test_agreement_changelist_has_missing_english_column_and_filters(admin_client):
    done = make_agreement(summary_fr="Texte", summary_en="Text")
    todo = make_agreement(summary_fr="Texte seul", summary_en="")
    response = admin_client.get("/admin/cooperation/agreement/", {"english": "missing"})
    assert list(response.context["cl"].result_list) == [todo]
    body = admin_client.get("/admin/cooperation/agreement/").content.decode()
    assert "Anglais" in body or "English" in body
    for parameter in ("country", "theme", "region", "kind__exact"):
        assert f"?{parameter}=" in body
    assert done


def test_agreement_changelist_filters_by_country_theme_and_region(admin_client):
    japan = make_country(code="JP")
    wanted = make_agreement(
        foreign=[make_foreign_authority(country=japan)], themes=["health"]
    )  # its commune lies in the Cantal (Auvergne-Rhône-Alpes, 84)
    make_agreement(themes=["health"])
    make_agreement(foreign=[make_foreign_authority(country=japan)], themes=["culture"])
    params = {"country": "JP", "theme": "health", "region": "84"}
    response = admin_client.get("/admin/cooperation/agreement/", params)
    assert list(response.context["cl"].result_list) == [wanted]


def test_autocomplete_finds_authorities(admin_client):
    authority = make_local_authority(name="Aurillac")
    agreement = make_agreement(french=[authority])
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "term": "auri",
            "app_label": "cooperation",
            "model_name": "agreement_french_authorities",
            "field_name": "localauthority",
        },
    )
    assert response.status_code == 200
    assert "Aurillac" in response.content.decode()
    assert agreement


def test_add_form_offers_to_create_an_authority(admin_client):
    body = admin_client.get("/admin/cooperation/agreement/add/").content.decode()
    # The inline's authority field has the admin's "+" link to add a new authority.
    assert "/admin/cooperation/localauthority/add/?_to_field=id&amp;_popup=1" in body
    assert "/admin/cooperation/foreignauthority/add/?_to_field=id&amp;_popup=1" in body
    assert 'id="id_summary_en"' in body  # FR/EN tabs


def agreement_post(french, foreign, **extra):
    data = {
        "kind": "twinning",
        "slug": "nouveau-jumelage",
        "signed_on": "2020-03-01",
        "signed_precision": "month",
        "state": "active",
        "themes": ["culture", "youth"],
        "summary_fr": "Un jumelage",
        "summary_en": "",
        "source_url": "",
        "source_label_fr": "",
        "source_label_en": "",
        "status": "published",
        "published_at_0": "2024-01-01",
        "published_at_1": "10:00:00",
    }
    for prefix, field, rows in (
        ("Agreement_french_authorities", "localauthority", french),
        ("Agreement_foreign_authorities", "foreignauthority", foreign),
    ):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": str(len(rows)),
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "1",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
        for i, obj in enumerate(rows):
            data[f"{prefix}-{i}-{field}"] = obj.pk
    data.update(extra)
    return data


def test_editor_adds_an_agreement_and_reverts_it(client, editor):
    french, foreign = make_local_authority(), make_foreign_authority()
    response = client.post("/admin/cooperation/agreement/add/", agreement_post([french], [foreign]))
    assert response.status_code == 302, response.content.decode()[:3000]
    agreement = Agreement.objects.get(slug="nouveau-jumelage")
    assert agreement.themes == ["culture", "youth"]
    assert list(agreement.french_authorities.all()) == [french]
    assert list(agreement.foreign_authorities.all()) == [foreign]
    # Change it, then bring the first version back from the history.
    data = agreement_post([french], [foreign], summary_fr="Modifié")
    data["seen_version"] = agreement.version  # as the change form a browser posts
    data["Agreement_french_authorities-INITIAL_FORMS"] = "1"
    data["Agreement_foreign_authorities-INITIAL_FORMS"] = "1"
    data["Agreement_french_authorities-0-id"] = agreement.french_authorities.through.objects.get(
        agreement=agreement
    ).pk
    data["Agreement_foreign_authorities-0-id"] = agreement.foreign_authorities.through.objects.get(
        agreement=agreement
    ).pk
    response = client.post(f"/admin/cooperation/agreement/{agreement.pk}/change/", data)
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.summary_fr == "Modifié"
    history = client.get(f"/admin/cooperation/agreement/{agreement.pk}/history/").content.decode()
    from reversion.models import Version

    first = Version.objects.get_for_object(agreement).order_by("pk").first()
    assert f"history/{first.pk}/" in history
    revert_page = client.get(f"/admin/cooperation/agreement/{agreement.pk}/history/{first.pk}/")
    assert revert_page.status_code == 200


def test_agreement_without_french_authority_is_refused(admin_client):
    response = admin_client.post(
        "/admin/cooperation/agreement/add/", agreement_post([], [make_foreign_authority()])
    )
    assert response.status_code == 200
    assert not Agreement.objects.exists()


def test_renewed_without_date_is_a_form_error(admin_client):
    response = admin_client.post(
        "/admin/cooperation/agreement/add/",
        agreement_post([make_local_authority()], [make_foreign_authority()], state="renewed"),
    )
    assert response.status_code == 200
    assert "date de renouvellement" in response.content.decode()


def test_foreign_authority_without_country_must_be_a_body():
    from django.core.exceptions import ValidationError

    authority = ForeignAuthority(name_fr="Sans pays", kind="city")
    with pytest.raises(ValidationError):
        authority.full_clean()


def test_region_authority_has_no_department():
    from django.core.exceptions import ValidationError

    from cooperation.models import Department

    authority = LocalAuthority(
        kind="region", name="X", slug="x", department=Department.objects.get(code="15")
    )
    with pytest.raises(ValidationError):
        authority.full_clean()
