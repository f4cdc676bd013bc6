"""English pages give comma-separated CSV, French pages semicolons (issue 24, item 10):
an English page's file said it opened as is in a French spreadsheet."""

import pytest

from tests.factories import make_group
from tests.factories import make_mission
from tests.helpers.downloads import read_csv


def raw_text(response):
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.fixture
def groups(db):
    group = make_group(name_fr="France-Chili, Pérou", name_en="France-Chile, Peru")
    make_mission(group=group, title_fr="Mission; au Chili", title_en="Mission, to Chile")
    return group


@pytest.mark.parametrize(
    "url, header",
    [
        ("/en/groups/?format=csv", "Name,Kind,"),
        ("/en/missions/?format=csv", "Title,Group,"),
        ("/en/senators/?format=csv", "Last name,First name,"),
    ],
)
def test_english_pages_give_comma_separated_files(client, groups, url, header):
    response = client.get(url)
    assert response["Content-Language"] == "en"
    assert raw_text(response).startswith(header)


@pytest.mark.parametrize(
    "url, header",
    [("/fr/groupes/?format=csv", "Nom;Type;"), ("/fr/missions/?format=csv", "Titre;Groupe;")],
)
def test_french_pages_keep_semicolons(client, groups, url, header):
    assert raw_text(client.get(url)).startswith(header)


def test_a_comma_in_an_english_cell_is_quoted(client, groups):
    rows = read_csv(client.get("/en/groups/?format=csv"))
    assert '"France-Chile, Peru"' in raw_text(client.get("/en/groups/?format=csv"))
    assert rows[1][0] == "France-Chile, Peru"
    assert len(rows[1]) == len(rows[0])


def test_the_link_says_what_the_file_is_in_each_language(client, groups):
    english = client.get("/en/groups/").content.decode()
    assert "comma-separated" in english
    assert "French spreadsheet" not in english
    assert "points-virgules" in client.get("/fr/groupes/").content.decode()
