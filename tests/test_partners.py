"""The partners page (missions:partner-list): published partners with their description,
uploaded logo, website and published colloquia, in FR and EN; edited in the admin; in the
menu and the sitemap."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from reversion.models import Version

from missions.models import Partner
from tests.admin_helpers import form_data
from tests.factories import make_colloquium
from tests.factories import make_partner
from tests.factories import query_counts

pytestmark = pytest.mark.django_db

LATER = timezone.now() + datetime.timedelta(days=1)


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "#003366").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def ifri():
    partner = make_partner(
        slug="ifri",
        name_fr="Institut français des relations internationales",
        name_en="French Institute of International Relations",
        acronym="IFRI",
        description_fr="Centre de recherche indépendant.",
        description_en="An independent research centre.",
        website="https://www.ifri.org/",
        status="published",
    )
    partner.logo.save("ifri.png", ContentFile(png_bytes()))
    make_colloquium(
        partners=[partner],
        title_fr="Colloque Asie",
        title_en="Asia conference",
        start_at=timezone.now() - datetime.timedelta(days=30),
    )
    make_colloquium(partners=[partner], title_fr="Colloque brouillon", status="draft")
    make_colloquium(partners=[partner], title_fr="Colloque programmé", published_at=LATER)
    make_partner(slug="cache", name_fr="Partenaire caché", status="draft")
    make_partner(
        slug="plus-tard", name_fr="Partenaire à venir", published_at=LATER, status="published"
    )
    return partner


@pytest.mark.parametrize(
    ("url", "texts"),
    [
        ("/fr/partenaires/", [
            "<h1>Partenaires</h1>",
            "Institut français des relations internationales</span> (IFRI)",
            "Centre de recherche indépendant.",
            '<a href="https://www.ifri.org/">Site internet de IFRI</a>',
            "Colloque Asie",
            'src="/fr/partenaires/ifri/logo/" alt="Logo de Institut français',
        ]),
        ("/en/partners/", [
            "<h1>Partners</h1>",
            "French Institute of International Relations</span> (IFRI)",
            "An independent research centre.",
            '<a href="https://www.ifri.org/">Website of IFRI</a>',
            "Asia conference",
            'src="/en/partners/ifri/logo/" alt="Logo of French Institute',
        ]),
    ],
)  # fmt: skip
def test_partners_page_shows_published_partners_and_colloquia_only(client, ifri, url, texts):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in texts:
        assert text in html
    for hidden in ("Colloque brouillon", "Colloque programmé", "Partenaire caché", "à venir"):
        assert hidden not in html
    # In the menu, as the current page; the language switch lands on the same page.
    assert 'aria-current="page">' + texts[0][4:-5] + "</a>" in html
    other = "/en/partners/" if url.startswith("/fr/") else "/fr/partenaires/"
    assert f'href="{other}" hreflang=' in html


def test_the_logo_is_served_from_the_site_and_a_draft_partners_is_not(client, ifri):
    response = client.get("/fr/partenaires/ifri/logo/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == png_bytes()
    draft = Partner.objects.get(slug="cache")
    draft.logo.save("cache.png", ContentFile(png_bytes()))
    assert client.get("/fr/partenaires/cache/logo/").status_code == 404
    assert client.get("/en/partners/nobody/logo/").status_code == 404


def test_a_colloquium_page_names_its_published_partners_only(client, ifri):
    colloquium = make_colloquium(
        partners=[ifri, Partner.objects.get(slug="cache")], title_fr="Colloque commun"
    )
    html = client.get(colloquium.get_absolute_url()).content.decode()
    assert "Institut français des relations internationales" in html
    assert "Partenaire caché" not in html


def test_partners_page_query_count(client, ifri):
    def add_rows(n):
        for _i in range(n):
            partner = make_partner(status="published")
            make_colloquium(partners=[partner, ifri])

    # 1 the published partners  2 their published colloquia
    assert query_counts(client, "/fr/partenaires/", add_rows) == (2, 2)


def test_an_editor_uploads_a_logo_in_the_admin_and_it_is_in_the_history(admin_client, ifri):
    url = f"/admin/missions/partner/{ifri.pk}/change/"
    data = form_data(admin_client.get(url), description_en="Research, Paris.")
    data["logo"] = SimpleUploadedFile("new-logo.png", png_bytes(), content_type="image/png")
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    ifri.refresh_from_db()
    assert ifri.logo.name.startswith("partners/new-logo")
    # The state the editor was shown, then the save (newest first), as for every model.
    versions = Version.objects.get_for_object(ifri)
    assert versions.count() == 2
    assert versions[0].field_dict["logo"].name.startswith("partners/new-logo")
    assert "Research, Paris." in admin_client.get("/en/partners/").content.decode()
