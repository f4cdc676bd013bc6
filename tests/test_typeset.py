"""The page's typography pass ({% typeset %}, core.i18n.typography) and the kept fragments,
set once when they are kept and copied as they are by each page's pass (issue 25)."""

import pytest
from django.template import Context
from django.template import Template
from django.utils import translation

from core.i18n import typeset_once
from core.i18n import typography
from tests.factories import make_group
from tests.helpers.public_urls import contract_urls

NBSP = "\u00a0"
MARKS = ("\ue000", "\ue001")


def test_the_pass_copies_what_was_set_and_sets_the_rest():
    html = typography(f"Quoi ? {typeset_once('Déjà ? tel quel')} l'ami ?", "fr")
    assert html == f"Quoi{NBSP}? Déjà ? tel quel l’ami{NBSP}?"


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_mark_reaches_a_page_and_a_kept_page_is_the_same(client, site_data, lang):
    with translation.override(lang):
        urls = contract_urls(site_data)
    for url in urls:
        first = client.get(url).content.decode()
        again = client.get(url).content.decode()  # its kept fragments this time
        assert not [mark for mark in MARKS if mark in first + again], url
        assert again == first, url


@pytest.mark.django_db
def test_a_kept_group_page_is_set_once(client):
    group = make_group(description_fr="<p>Pourquoi un groupe ? Pour l'amitié.</p>")
    for _ in range(2):  # rendered, then kept
        html = client.get(group.get_absolute_url()).content.decode()
        assert f"<p>Pourquoi un groupe{NBSP}? Pour l’amitié.</p>" in html


def test_a_kept_fragment_outside_a_pass_is_set_and_unmarked():
    template = Template(
        "{% load site %}"
        '{% content_fragment "test-fragment" %}Alors ? l\'ami{% endcontent_fragment %}'
    )
    with translation.override("fr"):
        for _ in range(2):
            assert template.render(Context()) == f"Alors{NBSP}? l’ami"
