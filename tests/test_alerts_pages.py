"""The e-mail alerts' public pages: valid HTML (Nu validator) and no axe violation, in
French and English, with the forms of the country, group and authority pages."""

import json
from pathlib import Path

import pytest
from django.core.cache import caches

from alerts.models import Subscription
from alerts.services import confirm_token
from alerts.services import unsubscribe_token
from tests.factories import make_agreement
from tests.factories import make_country
from tests.factories import make_foreign_authority
from tests.factories import make_group
from tests.helpers.browser import AXE
from tests.helpers.browser import axe_violations
from tests.helpers.html import validate

ROOT = Path(__file__).resolve().parent.parent
FOLLOW = {"fr": "/fr/alertes/suivre", "en": "/en/alerts/follow"}
CONFIRM = {"fr": "/fr/alertes/confirmer", "en": "/en/alerts/confirm"}
UNSUBSCRIBE = {"fr": "/fr/alertes/desinscription", "en": "/en/alerts/unsubscribe"}


def make_followed():
    country = make_country(code="JP", name_fr="Japon", name_en="Japan")
    group = make_group(countries=[country], slug="france-japon")
    agreement = make_agreement(foreign=[make_foreign_authority(country=country)])
    authority = agreement.french_authorities.get()
    subscription = Subscription.objects.create(
        email="a@example.org", language="fr", country=country
    )
    return country, group, authority, subscription


@pytest.mark.django_db
def test_the_alerts_pages_are_valid_html(client, tmp_path):
    caches["throttle"].clear()
    country, group, authority, subscription = make_followed()
    pages = []
    for lang in ("fr", "en"):
        follow = f"{FOLLOW[lang]}/country/jp/"
        pages += [
            client.get(follow),  # the form
            client.post(follow, {"email": "pas une adresse"}),  # 400, with its error
            client.post(follow, {"email": f"{lang}@example.org"}),  # check your mailbox
            client.get(f"{CONFIRM[lang]}/nope/"),  # 400: the invalid link page
            client.get(f"{UNSUBSCRIBE[lang]}/{unsubscribe_token(subscription)}/"),  # the button
            client.get(f"/{lang}/{'pays' if lang == 'fr' else 'countries'}/jp/"),
            client.get(f"/{lang}/{'groupes' if lang == 'fr' else 'groups'}/france-japon/"),
        ]
    pages.append(client.get(authority.get_absolute_url()))
    pages.append(client.get(f"{CONFIRM['fr']}/{confirm_token(subscription)}/"))  # confirmed
    pages.append(client.post(f"{UNSUBSCRIBE['en']}/{unsubscribe_token(subscription)}/"))  # done
    caches["throttle"].clear()
    for _ in range(4):
        limited = client.post(f"{FOLLOW['en']}/group/france-japon/", {"email": "b@example.org"})
    assert limited.status_code == 429
    pages.append(limited)
    assert [p.status_code for p in pages].count(400) == 4
    assert [p.status_code for p in pages].count(200) == len(pages) - 5
    files = []
    for i, page in enumerate(pages):
        path = tmp_path / f"alerts-{i:02d}.html"
        path.write_bytes(page.content)
        files.append(path)
    assert validate(files) == []


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_axe_finds_no_violation_on_the_alerts_pages(live_server, browser, lang):
    assert AXE.exists(), "run `npm ci` (make node_modules) to install axe-core"
    caches["throttle"].clear()
    country, group, authority, subscription = make_followed()
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    failures = {}

    def check(name):
        if result := axe_violations(page):
            failures[name] = result

    country_page = f"/{lang}/{'pays' if lang == 'fr' else 'countries'}/jp/"
    page.goto(live_server.url + country_page)
    check("country page")
    page.fill("#follow-email", "lea@example.org")
    page.click(".follow-form button")
    assert "/country/jp/" in page.url
    check("check your mailbox")
    page.goto(f"{live_server.url}{FOLLOW[lang]}/country/jp/")
    check("follow page")
    page.goto(f"{live_server.url}{CONFIRM[lang]}/{confirm_token(subscription)}/")
    check("confirmed")
    page.goto(f"{live_server.url}{UNSUBSCRIBE[lang]}/{unsubscribe_token(subscription)}/")
    check("unsubscribe")
    page.click("main form button")
    check("unsubscribed")
    page.goto(f"{live_server.url}{CONFIRM[lang]}/nope/")
    check("invalid link")
    context.close()
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
    assert not failures, json.dumps(failures, indent=1, ensure_ascii=False)
