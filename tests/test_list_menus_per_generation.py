"""The public lists' filter menus and the groups' make-up, read once per content generation
(core.generation.rows_for_generation, issue 25).

Their rows depend on published content only, so a list asked again between two edits runs
fewer queries; they must follow every edit, stay per language and show no draft.
"""

import pytest

from core.models import Publishable
from groups.models import FriendshipGroup
from tests.factories import count_queries
from tests.factories import make_country
from tests.factories import make_group
from tests.factories import make_membership
from tests.factories import make_senator

pytestmark = pytest.mark.django_db

# An empty search: the whole list, but not browsing, so the body is rendered for the
# request (core.generation.browsing_key) and only the menus are kept.
SENATORS, GROUPS = "/fr/senateurs/?q=", "/fr/groupes/?q="


def option(value, label):
    return f'<option value="{value}">{label}</option>'


def test_senators_list_menus_are_read_once_per_content_generation(client):
    japan = make_group(slug="france-japon", name_fr="France-Japon")
    for n in range(3):
        make_membership(group=japan, senator=make_senator(political_group=f"Groupe {n}"))

    first = count_queries(client, SENATORS)
    html = client.get(SENATORS).content.decode()
    # Between two edits: no query for the political groups', constituencies' and
    # friendship groups' menus.
    assert count_queries(client, SENATORS) == first - 3
    assert option("france-japon", "France-Japon") in html
    assert option("Paris", "Paris") in html
    assert ">Groupe 2</option>" in html


def test_groups_list_menus_and_makeup_are_read_once_per_content_generation(client):
    make_group(countries=[make_country(code="JP", name_fr="Japon")])
    first = count_queries(client, GROUPS)
    # No query for the zones' and countries' menus, the make-up and its colours.
    assert count_queries(client, GROUPS) == first - 4
    assert option("JP", "Japon") in client.get(GROUPS).content.decode()


def test_a_menu_follows_an_edit(client):
    group = make_group(slug="france-japon", name_fr="France-Japon")
    assert option("france-japon", "France-Japon") in client.get("/fr/senateurs/").content.decode()

    group.name_fr = "France-Nippon"
    group.save()

    html = client.get("/fr/senateurs/").content.decode()
    assert option("france-japon", "France-Nippon") in html
    assert "France-Japon" not in html


def test_a_menu_is_kept_per_language(client):
    make_group(slug="france-japon", name_fr="France-Japon", name_en="France-Japan")
    make_country(code="JP", name_fr="Japon", name_en="Japan")
    fr = client.get("/fr/groupes/").content.decode()
    assert option("JP", "Japon") in fr

    en = client.get("/en/groups/").content.decode()
    assert option("JP", "Japan") in en
    assert "Japon" not in en
    assert option("france-japon", "France-Japan") in client.get("/en/senators/").content.decode()


def test_a_menu_kept_shows_no_draft_group(client):
    make_group(slug="france-japon", name_fr="France-Japon")
    client.get("/fr/senateurs/")

    make_group(slug="france-chili", name_fr="France-Chili", status=Publishable.Status.DRAFT)
    FriendshipGroup.objects.filter(slug="france-japon").update(name_fr="France-Japon (2)")

    html = client.get("/fr/senateurs/").content.decode()
    assert option("france-japon", "France-Japon (2)") in html  # rebuilt after the edit
    assert "france-chili" not in html and "France-Chili" not in html


def test_groups_makeup_follows_an_edit(client):
    group = make_group()
    make_membership(group=group, senator=make_senator(political_group="Groupe Alpha"))
    html = client.get("/fr/groupes/").content.decode()
    assert "Groupe Alpha" in html and "Groupe Bêta" not in html

    make_membership(group=group, senator=make_senator(political_group="Groupe Bêta"))

    html = client.get("/fr/groupes/").content.decode()
    assert "Groupe Alpha" in html and "Groupe Bêta" in html


def test_menu_labels_and_values_are_escaped(client):
    make_country(code="TT", name_fr="Trinité & <Tobago>")
    html = client.get("/fr/groupes/").content.decode()
    assert option("TT", "Trinité &amp; &lt;Tobago&gt;") in html
    assert "<Tobago>" not in html


def test_the_chosen_option_of_a_kept_menu_is_selected(client):
    make_country(code="JP", name_fr="Japon")
    make_country(code="DE", name_fr="Allemagne")
    client.get("/fr/groupes/")

    html = client.get("/fr/groupes/?country=JP").content.decode()
    assert '<option value="JP" selected>Japon</option>' in html
    assert option("DE", "Allemagne") in html
