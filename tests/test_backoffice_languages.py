"""Every content model's add and change pages answer in the editor's language."""

import pytest
from django.apps import apps
from django.utils import translation

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


# Names that are the same word in both languages.
SAME_IN_BOTH = {
    "administration", "sessions", "session", "permission", "permissions", "zone", "zones",
    "mission", "missions", "région", "régions", "département", "départements", "version",
    "versions",
}  # fmt: skip


def _names(lang):
    """Every app that has models, and every model, by the names the admin shows."""
    with translation.override(lang):
        return [
            str(name)
            for app in apps.get_app_configs()
            if list(app.get_models())
            for name in [
                app.verbose_name,
                *(m._meta.verbose_name for m in app.get_models()),
                *(m._meta.verbose_name_plural for m in app.get_models()),
            ]
        ]


def test_every_app_and_model_has_a_french_name():
    # The permissions' list (app | model | permission), the admin's menu and its pages:
    # the third-party apps (« AXES », « OTP_TOTP / TOTP devices ») too.
    untranslated = [
        en
        for fr, en in zip(_names("fr"), _names("en"), strict=True)
        if fr == en and fr.lower() not in SAME_IN_BOTH
    ]
    assert untranslated == []


def test_the_admin_menu_is_in_french(admin_client):
    html = admin_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Groupes d’amitié" in html
    assert "Applications d’authentification" in html
    for english in ("Otp_Totp", "Otp_Static", ">Axes<", "TOTP devices", "Static devices"):
        assert english not in html
