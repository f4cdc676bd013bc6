from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import feeds
from . import views

app_name = "cooperation"
urlpatterns = [
    path(_("cooperation/"), views.agreement_list, name="list"),
    # Fixed words come before cooperation/<slug:slug>/, which would take them for a slug
    # (the map, portal's, too: see portal/urls.py).
    path(
        _("cooperation/authorities/search/"),
        views.authority_autocomplete,
        name="authority-autocomplete",
    ),
    path(_("cooperation/authorities/<slug:slug>/"), views.authority_detail, name="authority"),
    path(
        _("cooperation/authorities/<slug:kind>/<slug:code>/"),
        views.authority_by_code,
        name="authority-code",
    ),
    path(_("cooperation/declare/"), views.declaration_create, name="declare"),
    path(_("cooperation/declare/sent/"), views.declaration_sent, name="declare-sent"),
    path(
        _("cooperation/declare/confirm/<str:token>/"),
        views.declaration_confirm,
        name="declare-confirm",
    ),
    path(_("cooperation/rss/"), feeds.AgreementRssFeed(), name="rss"),
    path(_("cooperation/atom/"), feeds.AgreementAtomFeed(), name="atom"),
    path(_("cooperation/<slug:slug>/"), views.agreement_detail, name="detail"),
    path(
        _("countries/<iso:code>/cooperation/rss/"),
        feeds.CountryAgreementRssFeed(),
        name="country-rss",
    ),
    path(
        _("countries/<iso:code>/cooperation/atom/"),
        feeds.CountryAgreementAtomFeed(),
        name="country-atom",
    ),
]
