"""Imported groups go by the short name the public knows (libgrpsenlic, « France-Japon »),
their slug is made from it, and a rename by the Senate keeps the old links working."""

import pytest
from django.urls import reverse
from django.utils import translation

from groups.models import FriendshipGroup
from tests import sens_export
from tests.factories import make_group
from tests.helpers.sens import report_rows
from tests.helpers.sens import run

pytestmark = pytest.mark.django_db

OFFICIAL = "Groupe interparlementaire d'amitié France-Japon"


def page(lang, slug):
    with translation.override(lang):
        return reverse("portal:group-detail", kwargs={"slug": slug})


def import_tables(tables, folder):
    return run(sens_export.write_csv_folder(tables, folder))


@pytest.fixture
def imported(countries, tmp_path):
    import_tables(sens_export.base_tables(), tmp_path / "first")
    return FriendshipGroup.objects.get(senate_code="GA01")


def renamed_tables(short, official=OFFICIAL):
    tables = sens_export.base_tables()
    tables["libgrpsen"][1].update(libgrpsenlic=short, libgrpsenlib=official)
    return tables


def test_a_group_is_named_and_slugged_by_its_short_name(imported):
    assert imported.name == "France-Japon"
    assert imported.official_name_fr == OFFICIAL
    assert imported.slug == "france-japon"
    africa = FriendshipGroup.objects.get(senate_code="GA02")
    assert (africa.name, africa.slug) == ("France-Afrique centrale", "france-afrique-centrale")


def test_a_group_without_dated_names_takes_the_short_name_of_its_row(countries, tmp_path):
    tables = sens_export.base_tables()
    gabon = tables["grpsenami"][3]
    gabon.update(evelic="France-Gabon", evelib="Groupe interparlementaire d'amitié France-Gabon")
    import_tables(tables, tmp_path / "csv")
    group = FriendshipGroup.objects.get(senate_code="GA04")
    assert (group.name, group.slug) == ("France-Gabon", "france-gabon")
    assert group.official_name == "Groupe interparlementaire d'amitié France-Gabon"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_group_page_shows_the_official_name_under_the_short_title(client, imported, lang):
    html = client.get(page(lang, "france-japon")).text
    assert ">France-Japon</h1>" in html  # in English: the French name, lang="fr"
    official = "Groupe interparlementaire d’amitié France-Japon"  # typography: ’
    assert official in html.split("</h1>", 1)[1].split("</header>", 1)[0]
    assert f"<title>{official}" not in html


def test_the_group_dossier_gives_the_official_name(client, imported):
    with translation.override("fr"):
        html = client.get(reverse("dossier:group", kwargs={"slug": "france-japon"})).text
    assert "Nom officiel" in html
    assert "Groupe interparlementaire d’amitié France-Japon" in html


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_import_renaming_a_group_moves_its_page_and_keeps_the_old_address(
    client, imported, tmp_path, lang
):
    import_tables(renamed_tables("France-Nippon"), tmp_path / "renamed")
    group = FriendshipGroup.objects.get(senate_code="GA01")
    assert (group.name, group.slug) == ("France-Nippon", "france-nippon")
    response = client.get(page(lang, "france-japon"))
    assert response.status_code == 301
    assert response["Location"] == page(lang, "france-nippon")
    assert ("grpsenami", "GA01", "reported", "renamed") in report_rows()


def test_a_group_renamed_twice_by_the_import_keeps_both_old_addresses(client, imported, tmp_path):
    import_tables(renamed_tables("France-Nippon"), tmp_path / "one")
    import_tables(renamed_tables("France-Japon-Corée"), tmp_path / "two")
    for old in ["france-japon", "france-nippon"]:
        assert client.get(page("fr", old))["Location"] == page("fr", "france-japon-coree")
    # Named back: its first slug again, a page, no longer a redirect.
    import_tables(sens_export.base_tables(), tmp_path / "three")
    assert FriendshipGroup.objects.get(senate_code="GA01").slug == "france-japon"
    assert client.get(page("fr", "france-japon")).status_code == 200
    assert client.get(page("fr", "france-nippon"))["Location"] == page("fr", "france-japon")


def test_the_first_import_with_short_names_moves_groups_named_by_their_long_name(
    client, imported, tmp_path
):
    # As an import before short names left it: the official name as name and slug.
    FriendshipGroup.objects.filter(pk=imported.pk).update(
        name_fr=OFFICIAL, slug="groupe-interparlementaire-damitie-france-japon"
    )
    import_tables(sens_export.base_tables(), tmp_path / "again")
    group = FriendshipGroup.objects.get(senate_code="GA01")
    assert (group.name, group.slug) == ("France-Japon", "france-japon")
    response = client.get(page("en", "groupe-interparlementaire-damitie-france-japon"))
    assert response["Location"] == page("en", "france-japon")


def test_the_import_does_not_take_a_slug_that_still_leads_to_another_group(
    client, countries, tmp_path
):
    demo = make_group(name_fr="France-Japon (démo)", slug="france-japon")
    demo.slug = "france-japon-demo"
    demo.save()
    import_tables(sens_export.base_tables(), tmp_path / "csv")
    assert FriendshipGroup.objects.get(senate_code="GA01").slug == "france-japon-2"
    assert client.get(page("fr", "france-japon"))["Location"] == page("fr", "france-japon-demo")


def test_a_slug_staff_chose_stays_while_the_senate_keeps_the_name(imported, tmp_path):
    FriendshipGroup.objects.filter(pk=imported.pk).update(slug="japon")
    import_tables(sens_export.base_tables(), tmp_path / "again")
    assert FriendshipGroup.objects.get(senate_code="GA01").slug == "japon"


def test_a_dissolved_group_renamed_by_the_import_keeps_its_old_address(client, imported, tmp_path):
    tables = sens_export.base_tables()
    tables["libgrpsen"][3]["libgrpsenlic"] = "France-Atlantis"
    import_tables(tables, tmp_path / "renamed")
    group = FriendshipGroup.objects.get(senate_code="GA03")
    assert group.is_dissolved
    response = client.get(page("fr", "france-atlantide"), follow=True)
    assert response.redirect_chain == [(page("fr", "france-atlantis"), 301)]
    assert response.context["group"] == group
