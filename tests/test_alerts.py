"""Following a country, group or local authority by e-mail: double opt-in through a real
SMTP mailbox, the daily digest (published only, in the chosen language, never twice),
one-click unsubscription (link and RFC 8058 POST)."""

import datetime
import re
import time

import pytest
from django.core import signing
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from alerts.models import Subscription
from alerts.services import confirm_token
from alerts.services import unsubscribe_token
from outbox.models import OutgoingMessage
from tests.factories import PUBLISHED
from tests.factories import make_agreement
from tests.factories import make_country
from tests.factories import make_foreign_authority
from tests.factories import make_group
from tests.factories import make_mission
from tests.factories import make_report

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+")


@pytest.fixture(autouse=True)
def _fresh_limits():
    caches["throttle"].clear()


def quiet(command):
    call_command(command, stdout=open("/dev/null", "w"))  # noqa: SIM115


def deliver():
    quiet("send_mail_outbox")


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def follow(client, lang, kind, key, email="lea@example.org", **extra):
    return client.post(
        f"/{lang}/{'alertes/suivre' if lang == 'fr' else 'alerts/follow'}/{kind}/{key}/",
        {"email": email, "website": "", **extra},
    )


def confirmed(email="lea@example.org", language="fr", **target):
    long_ago = timezone.now() - datetime.timedelta(days=2)
    return Subscription.objects.create(
        email=email,
        language=language,
        confirmed_at=long_ago,
        last_digest_at=long_ago,
        created_at=long_ago,
        **target,
    )


def digest_bodies(smtp_server):
    quiet("send_digest")
    deliver()
    return [m.get_body().get_content() for m in smtp_server.messages]


def test_follow_confirm_from_the_mailbox_then_the_digest_brings_a_new_mission_in_english(
    client, smtp_server
):
    country = make_country(code="JP", name_fr="Japon", name_en="Japan")
    response = follow(client, "en", "country", "jp")
    assert response.status_code == 200
    assert "Check your mailbox" in response.content.decode()
    deliver()
    [confirmation] = smtp_server.to("lea@example.org")
    assert "Japan" in confirmation["Subject"]
    [link] = LINK.findall(confirmation.get_body().get_content())
    assert "/en/alerts/confirm/" in link

    page = client.get(path_of(link))
    assert page.status_code == 200
    assert "You now follow Japan" in page.content.decode()

    make_mission(
        countries=[country], title_fr="Visite à Tokyo", title_en="Visit to Tokyo", slug="tokyo"
    )
    quiet("send_digest")
    deliver()
    digest = smtp_server.messages[-1]
    body = digest.get_body().get_content()
    assert "Visit to Tokyo" in body and "Visite à Tokyo" not in body
    assert "/en/missions/tokyo/" in body
    assert "Japan" in digest["Subject"]
    unsubscribe = digest["List-Unsubscribe"].strip().strip("<>")
    assert "/en/alerts/unsubscribe/" in unsubscribe
    assert unsubscribe in body  # the same link, in the message itself
    assert digest["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_digest_is_in_the_language_chosen_when_following(client, smtp_server):
    country = make_country(code="JP", name_fr="Japon", name_en="Japan")
    follow(client, "fr", "country", "jp")
    deliver()
    [link] = LINK.findall(smtp_server.messages[0].get_body().get_content())
    assert "/fr/alertes/confirmer/" in link
    client.get(path_of(link))
    make_mission(countries=[country], title_fr="Visite à Tokyo", title_en="Visit to Tokyo")
    body = digest_bodies(smtp_server)[-1]
    assert "Visite à Tokyo" in body and "Missions" in body


def test_a_draft_never_appears_in_a_digest(smtp_server):
    country = make_country()
    confirmed(country=country)
    make_mission(countries=[country], title_fr="Brouillon secret", status="draft")
    make_mission(
        countries=[country],
        title_fr="Programmée plus tard",
        published_at=timezone.now() + datetime.timedelta(days=3),
    )
    make_report(countries=[country], title_fr="Rapport brouillon", status="draft")
    assert digest_bodies(smtp_server) == []  # nothing public: no message at all

    make_mission(countries=[country], title_fr="Mission publiée")
    [body] = digest_bodies(smtp_server)
    assert "Mission publiée" in body
    assert "Brouillon secret" not in body
    assert "Programmée plus tard" not in body
    assert "Rapport brouillon" not in body


def test_a_draft_published_later_comes_in_the_next_digest(smtp_server):
    country = make_country()
    confirmed(country=country)
    draft = make_mission(countries=[country], title_fr="Enfin publiée", status="draft")
    draft.published_at = timezone.now() - datetime.timedelta(days=10)  # written long ago
    draft.save()
    assert digest_bodies(smtp_server) == []
    draft.status = PUBLISHED
    draft.save()
    [body] = digest_bodies(smtp_server)
    assert "Enfin publiée" in body


def test_a_second_digest_sends_nothing_new(smtp_server):
    country = make_country()
    confirmed(country=country)
    mission = make_mission(countries=[country], title_fr="Une seule fois")
    assert len(digest_bodies(smtp_server)) == 1
    mission.purpose = "Édité après l'envoi"
    mission.save()  # a new updated_at: still already sent
    assert len(digest_bodies(smtp_server)) == 1


def test_each_kind_of_publication_reaches_the_followers_of_its_country_group_or_authority(
    smtp_server,
):
    country = make_country(name_fr="Arménie")
    group = make_group(countries=[country])
    agreement = make_agreement(
        foreign=[make_foreign_authority(country=country)], summary_fr="Jumelage"
    )
    authority = agreement.french_authorities.get()
    confirmed(email="pays@example.org", country=country)
    confirmed(email="groupe@example.org", group=group)
    confirmed(email="ville@example.org", authority=authority)
    # Everything above was created before the subscriptions' last digest: only the new.
    Subscription.objects.update(last_digest_at=timezone.now())
    make_mission(group=group, countries=[country], title_fr="Mission à Erevan")
    make_report(countries=[country], group=group, title_fr="Rapport sur l'Arménie")
    new_agreement = make_agreement(
        french=[authority], foreign=[make_foreign_authority(country=country)]
    )
    quiet("send_digest")
    deliver()
    by_address = {m["To"]: m.get_body().get_content() for m in smtp_server.messages}
    assert "Mission à Erevan" in by_address["pays@example.org"]
    assert "Rapport sur l'Arménie" in by_address["pays@example.org"]
    assert new_agreement.get_absolute_url() in by_address["pays@example.org"]
    assert "Mission à Erevan" in by_address["groupe@example.org"]
    assert new_agreement.get_absolute_url() not in by_address["groupe@example.org"]
    assert new_agreement.get_absolute_url() in by_address["ville@example.org"]
    assert "Mission à Erevan" not in by_address["ville@example.org"]


def test_the_unsubscribe_link_shows_a_button_and_its_post_unsubscribes(client, smtp_server):
    subscription = confirmed(country=make_country())
    url = f"/fr/alertes/desinscription/{unsubscribe_token(subscription)}/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Se désinscrire" in page.content.decode()
    assert Subscription.objects.filter(pk=subscription.pk).exists()  # a GET changes nothing
    assert client.post(url).status_code == 200
    assert not Subscription.objects.filter(pk=subscription.pk).exists()


def test_one_click_unsubscribe_from_the_list_unsubscribe_header(smtp_server):
    country = make_country()
    subscription = confirmed(country=country, language="en")
    make_mission(countries=[country])
    digest_bodies(smtp_server)
    header = smtp_server.messages[0]["List-Unsubscribe"].strip().strip("<>")
    mail_client = Client(enforce_csrf_checks=True)  # as a mail client: no CSRF token
    response = mail_client.post(
        path_of(header),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
    make_mission(countries=[country])
    assert len(digest_bodies(smtp_server)) == 1  # nothing more after unsubscribing


@pytest.mark.parametrize(
    "url",
    [
        "/fr/alertes/confirmer/nimportequoi/",
        "/en/alerts/confirm/abc:def:ghi/",
        "/fr/alertes/desinscription/nimportequoi/",
        "/en/alerts/unsubscribe/x/",
    ],
)
def test_a_bad_link_is_a_clear_400(client, url):
    for response in (client.get(url), client.post(url)):
        assert response.status_code in (400, 405)
    response = client.get(url)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Ce lien n’est pas valable" in text or "This link is not valid" in text


def test_an_expired_confirmation_link_is_a_400_and_confirms_nothing(client, monkeypatch):
    subscription = Subscription.objects.create(
        email="a@example.org", language="fr", country=make_country()
    )
    three_days_ago = time.time() - 3 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: three_days_ago)
    token = confirm_token(subscription)
    monkeypatch.undo()
    response = client.get(f"/en/alerts/confirm/{token}/")
    assert response.status_code == 400
    assert "has expired" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


def test_a_confirmation_link_of_a_deleted_subscription_is_a_400(client):
    subscription = Subscription.objects.create(
        email="a@example.org", language="fr", country=make_country()
    )
    token = confirm_token(subscription)
    subscription.delete()
    assert client.get(f"/fr/alertes/confirmer/{token}/").status_code == 400


def test_an_unsubscribe_token_does_not_confirm_and_a_confirm_token_does_not_unsubscribe(client):
    subscription = Subscription.objects.create(
        email="a@example.org", language="fr", country=make_country()
    )
    assert (
        client.get(f"/fr/alertes/confirmer/{unsubscribe_token(subscription)}/").status_code == 400
    )
    assert (
        client.post(f"/fr/alertes/desinscription/{confirm_token(subscription)}/").status_code == 400
    )
    assert Subscription.objects.filter(pk=subscription.pk, confirmed_at=None).exists()


@pytest.mark.parametrize(
    ("lang", "url", "title"),
    [
        ("fr", "/fr/alertes/suivre/country/jp/", "Suivre Japon par courriel"),
        ("en", "/en/alerts/follow/country/jp/", "Follow Japan by e-mail"),
    ],
)
def test_the_follow_page_in_both_languages(client, lang, url, title):
    make_country(code="JP", name_fr="Japon", name_en="Japan")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Language"] == lang
    assert title in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/fr/alertes/suivre/country/zz/",
        "/fr/alertes/suivre/group/nope/",
        "/fr/alertes/suivre/authority/12x/",
        "/fr/alertes/suivre/senator/x/",
    ],
)
def test_following_what_does_not_exist_is_a_404(client, url):
    assert client.get(url).status_code == 404
    assert follow(client, "fr", *url.split("/")[4:6]).status_code == 404


def test_a_draft_group_cannot_be_followed(client):
    make_group(slug="brouillon", status="draft")
    assert follow(client, "fr", "group", "brouillon").status_code == 404
    assert not Subscription.objects.exists()


def test_a_bad_address_is_a_400_with_the_form(client):
    make_country(code="JP")
    response = follow(client, "fr", "country", "jp", email="pas-une-adresse")
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Subscription.objects.exists()


def test_the_honeypot_gets_the_same_answer_and_nothing_is_sent(client, smtp_server):
    make_country(code="JP", name_fr="Japon")
    human = follow(client, "fr", "country", "jp", email="humain@example.org")
    bot = follow(client, "fr", "country", "jp", email="bot@example.org", website="http://spam")
    assert bot.status_code == human.status_code == 200
    assert bot.content == human.content
    assert list(Subscription.objects.values_list("email", flat=True)) == ["humain@example.org"]
    deliver()
    assert [m["To"] for m in smtp_server.messages] == ["humain@example.org"]


def test_following_again_gives_the_same_answer_and_sends_nothing(client, smtp_server):
    country = make_country(code="JP", name_fr="Japon")
    confirmed(email="deja@example.org", country=country)
    already = follow(client, "fr", "country", "jp", email="deja@example.org")
    new = follow(client, "fr", "country", "jp", email="nouvelle@example.org")
    assert already.status_code == new.status_code == 200
    assert already.content == new.content
    deliver()
    assert [m["To"] for m in smtp_server.messages] == ["nouvelle@example.org"]


def test_one_address_gets_at_most_three_confirmation_messages_a_day(client, smtp_server):
    make_country(code="JP")
    answers = [follow(client, "fr", "country", "jp", email="cible@example.org") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert OutgoingMessage.objects.count() == 3


def test_one_client_may_ask_ten_times_an_hour(client, smtp_server):
    make_country(code="JP")
    answers = [follow(client, "fr", "country", "jp", email=f"p{n}@example.org") for n in range(11)]
    assert [a.status_code for a in answers] == [200] * 10 + [429]
    assert OutgoingMessage.objects.count() == 10


def test_expired_unconfirmed_subscriptions_are_deleted_by_the_digest(smtp_server):
    country = make_country()
    old = Subscription.objects.create(
        email="old@example.org",
        language="fr",
        country=country,
        created_at=timezone.now() - datetime.timedelta(hours=49),
    )
    fresh = Subscription.objects.create(email="new@example.org", language="fr", country=country)
    quiet("send_digest")
    assert list(Subscription.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert old.pk != fresh.pk


def test_the_public_pages_carry_the_follow_form(client):
    country = make_country(code="JP", name_fr="Japon")
    group = make_group(countries=[country], slug="france-japon")
    agreement = make_agreement(foreign=[make_foreign_authority(country=country)])
    authority = agreement.french_authorities.get()
    for page, action in [
        (country.get_absolute_url(), "/fr/alertes/suivre/country/jp/"),
        (group.get_absolute_url(), "/fr/alertes/suivre/group/france-japon/"),
        (authority.get_absolute_url(), f"/fr/alertes/suivre/authority/{authority.pk}/"),
    ]:
        text = client.get(page).content.decode()
        assert f'action="{action}"' in text, page
        assert "Suivre par courriel" in text


def test_the_personal_data_page_says_what_alerts_keep_and_how_long(client):
    import importlib

    from django.apps import apps

    importlib.import_module("legal.migrations.0002_initial_pages").create_pages(apps, None)
    text = client.get("/en/personal-data/").content.decode()
    assert "E-mail alerts" in text
    assert "48 hours" in text and "30 days" in text


# Query counts. subscribe GET: 1 the country.  POST: 1 the country  2 SAVEPOINT
# 3 SELECT ... FOR UPDATE (get_or_create's get)  4-6 its SAVEPOINT, INSERT, RELEASE
# 7 the outbox's INSERT  8 RELEASE SAVEPOINT.  confirm: 1 subscription with its country  2 UPDATE.
# unsubscribe GET: none; POST: 1 the subscription  2 its sent items (the cascade)  3 DELETE
# (no sent item here: with some, one more DELETE).
def test_query_counts(client, django_assert_num_queries, smtp_server):
    country = make_country(code="JP")
    with django_assert_num_queries(1):
        assert client.get("/fr/alertes/suivre/country/jp/").status_code == 200
    with django_assert_num_queries(8):
        assert follow(client, "fr", "country", "jp").status_code == 200
    subscription = Subscription.objects.get()
    with django_assert_num_queries(2):
        assert (
            client.get(f"/fr/alertes/confirmer/{confirm_token(subscription)}/").status_code == 200
        )
    url = f"/fr/alertes/desinscription/{unsubscribe_token(subscription)}/"
    with django_assert_num_queries(0):
        assert client.get(url).status_code == 200
    other = confirmed(email="b@example.org", country=country)
    assert other.pk
    with django_assert_num_queries(3):
        assert client.post(url).status_code == 200


def test_the_subscriptions_changelist_query_count(admin_client):
    from tests.admin_helpers import changelist_queries

    country = make_country()
    for n in range(3):
        confirmed(email=f"p{n}@example.org", country=country)
    # 1 session  2 user  3 verified device  4 language filter  5 count  6 full count
    # 7 rows with country, group, authority joined  8-9 date hierarchy
    url = "/admin/alerts/subscription/"
    few = changelist_queries(admin_client, url)
    for n in range(30):
        confirmed(email=f"q{n}@example.org", group=make_group())
    assert changelist_queries(admin_client, url) == (few[0], 33)
