"""The alerts' pages that only say what happened (alerts/message.html): an invalid link, a
done unsubscription; each with its title, its sentence and the way home, in French and
English."""

import pytest

from alerts.models import Subscription
from alerts.services import unsubscribe_token
from tests.factories import make_country

pytestmark = pytest.mark.django_db

INVALID = {
    "fr": (
        "/fr/alertes/confirmer/nope/",
        "Ce lien n’est pas valable",
        "Le lien est incomplet, a expiré (un lien de confirmation est valable 48 heures)",
        '<a href="/fr/">Accueil</a>',
    ),
    "en": (
        "/en/alerts/confirm/nope/",
        "This link is not valid",
        "The link is incomplete, has expired (a confirmation link is valid for 48 hours)",
        '<a href="/en/">Home</a>',
    ),
}
UNSUBSCRIBED = {
    "fr": (
        "/fr/alertes/desinscription",
        "Désinscription faite",
        # French spacing (core.i18n.typography): a no-break space before the semicolon
        "Vous ne recevrez plus de récapitulatif pour cet abonnement\xa0; votre adresse en a été "
        "effacée.",
        '<a href="/fr/">Accueil</a>',
    ),
    "en": (
        "/en/alerts/unsubscribe",
        "Unsubscribed",
        "You will receive no more digests for this subscription; your address was deleted from it.",
        '<a href="/en/">Home</a>',
    ),
}


def assert_message_page(response, title, sentence, home):
    page = response.content.decode()
    assert f"<title>{title} · " in page
    assert f"<h1>{title}</h1>" in page
    assert f"<p>{sentence}" in page
    assert f"<p>{home}</p>" in page


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_invalid_link_says_so_with_the_way_home(client, lang):
    url, title, sentence, home = INVALID[lang]
    response = client.get(url)
    assert response.status_code == 400
    assert_message_page(response, title, sentence, home)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_unsubscription_says_the_address_is_deleted(client, lang):
    subscription = Subscription.objects.create(
        email="a@example.org", language="fr", country=make_country()
    )
    base, title, sentence, home = UNSUBSCRIBED[lang]
    response = client.post(f"{base}/{unsubscribe_token(subscription)}/")
    assert response.status_code == 200
    assert_message_page(response, title, sentence, home)
