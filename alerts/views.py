from django.core import signing
from django.core.cache import caches
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from cooperation.models import LocalAuthority
from core.http import accepts_post
from core.http import client_ip
from groups.models import Country
from groups.models import FriendshipGroup

from . import services
from .forms import SubscribeForm
from .models import Subscription

# Confirmation e-mails one client address may ask for in an hour, and one e-mail
# address in a day (nobody can flood a stranger's mailbox from the form).
PER_CLIENT_PER_HOUR = 10
PER_EMAIL_PER_DAY = 3


def followed_or_404(kind, key):
    """What the public may follow: a country, a published group, an authority with a
    published agreement (the same rules as their pages)."""
    if kind == "country":
        return get_object_or_404(Country, code=key.upper())
    if kind == "group":
        return get_object_or_404(FriendshipGroup.objects.published(), slug=key)
    if kind == "authority" and key.isdigit():
        return get_object_or_404(LocalAuthority.objects.with_published_agreements(), pk=key)
    raise Http404


def _over_limit(name, limit, seconds):
    """Count one more request under ``name`` in the shared throttle cache; True past ``limit``."""
    cache = caches["throttle"]
    key = f"alerts:{name}"
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, seconds)
        count = 1
    return count > limit


# csrf_exempt: the form sits on cached public pages, which must set no cookie; a forged
# POST could only send a confirmation e-mail, which is what the form does anyway (and
# the limits below bound it). Nothing is followed before the owner clicks the link.
@accepts_post
@csrf_exempt
@never_cache
def subscribe(request, kind, key):
    followed = followed_or_404(kind, key)
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    context = {"form": form, "followed": followed, "kind": kind, "key": key}
    if request.method != "POST":
        return render(request, "alerts/subscribe.html", context)
    if not form.is_valid():
        return render(request, "alerts/subscribe.html", context, status=400)
    if _over_limit(f"ip:{client_ip(request)}", PER_CLIENT_PER_HOUR, 3600) or _over_limit(
        f"email:{form.cleaned_data['email'].lower()}", PER_EMAIL_PER_DAY, 86400
    ):
        return render(request, "alerts/subscribe_limited.html", context, status=429)
    if not form.is_bot():
        services.subscription_request(
            email=form.cleaned_data["email"], target=followed, language=get_language()
        )
    # The same answer whether the address already follows, is new, or is a bot's.
    return render(request, "alerts/subscribe_sent.html", context)


def _invalid_link(request):
    context = {
        "title": _("This link is not valid"),
        "message": _(
            "The link is incomplete, has expired (a confirmation link is valid for 48 hours) "
            "or was already used to unsubscribe. To follow again, use the form of the page "
            "you want to follow."
        ),
    }
    return render(request, "alerts/message.html", context, status=400)


@never_cache
def confirm(request, token):
    try:
        subscription_id = services.read_confirm_token(token)
    except signing.BadSignature:  # SignatureExpired included
        return _invalid_link(request)
    subscription = (
        Subscription.objects.select_related("country", "group", "authority")
        .filter(pk=subscription_id)
        .first()
    )
    if subscription is None:  # unsubscribed, or deleted unconfirmed
        return _invalid_link(request)
    services.subscription_confirm(subscription=subscription)
    return render(request, "alerts/confirmed.html", {"subscription": subscription})


# csrf_exempt: RFC 8058 one-click unsubscription is a POST from the mail client, with
# no token of ours; the signed link is the proof.
@accepts_post
@csrf_exempt
@never_cache
def unsubscribe(request, token):
    try:
        subscription_id = services.read_unsubscribe_token(token)
    except signing.BadSignature:
        return _invalid_link(request)
    if request.method == "POST":
        services.subscription_delete(subscription_id=subscription_id)
        context = {
            "title": _("Unsubscribed"),
            "message": _(
                "You will receive no more digests for this subscription; your address was "
                "deleted from it."
            ),
        }
        return render(request, "alerts/message.html", context)
    # A GET only shows the button: link checkers and mail scanners open links.
    return render(request, "alerts/unsubscribe.html", {"token": token})
