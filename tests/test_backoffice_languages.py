"""Every content model's add and change pages answer in the editor's language."""

import pytest

from tests.factories import make_colloquium
from tests.factories import make_country
from tests.factories import make_membership
from tests.factories import make_mission
from tests.factories import make_news
from tests.factories import make_partner
from tests.factories import make_reception
from tests.factories import make_report
from tests.factories import make_senator
from tests.factories import make_zone

pytestmark = pytest.mark.django_db

# A row of each model (with what its inlines show), and a heading of its pages.
PAGES = [
    pytest.param(make_zone, {"fr": "zone", "en": "zone"}, id="zone"),
    pytest.param(make_country, {"fr": "pays", "en": "country"}, id="country"),
    pytest.param(make_senator, {"fr": "sénateur", "en": "senator"}, id="senator"),
    pytest.param(
        lambda: make_membership().group,
        {"fr": "groupe d’amitié", "en": "friendship group"},
        id="friendshipgroup",
    ),
    pytest.param(make_membership, {"fr": "appartenance", "en": "membership"}, id="membership"),
    pytest.param(make_partner, {"fr": "partenaire", "en": "partner"}, id="partner"),
    pytest.param(
        lambda: make_mission(participants=[make_senator(), make_senator()]),
        {"fr": "délégation", "en": "delegation"},  # the inline
        id="mission",
    ),
    pytest.param(make_reception, {"fr": "réception", "en": "reception"}, id="reception"),
    pytest.param(
        lambda: make_colloquium(partners=[make_partner()]),
        {"fr": "colloque", "en": "colloquium"},
        id="colloquium",
    ),
    pytest.param(make_report, {"fr": "rapport", "en": "report"}, id="report"),
    pytest.param(make_news, {"fr": "actualité", "en": "news item"}, id="newsitem"),
]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("make, heading", PAGES)
def test_add_and_change_pages_render_in_the_editors_language(admin_client, make, heading, lang):
    obj = make()
    admin_url = f"/admin/{obj._meta.app_label}/{obj._meta.model_name}"
    for url in [f"{admin_url}/add/", f"{admin_url}/{obj.pk}/change/"]:
        response = admin_client.get(url, HTTP_ACCEPT_LANGUAGE=lang)
        assert response.status_code == 200
        assert response["Content-Language"] == lang
        assert heading[lang] in response.content.decode().lower()
