"""backoffice's {% table_of %}: the back office's lists (latest changes, a record's history,
passkeys) are a table of their rows, or one sentence when there is none."""

import pytest
from django.template import Context
from django.template import Template
from django.template import TemplateSyntaxError
from django.utils import translation

TABLE = (
    '{% load backoffice %}{% table_of rows empty=empty id="list" class="a b" %}'
    "<tbody>{% for row in rows %}<tr><td>{{ row }}</td></tr>{% endfor %}</tbody>"
    "{% endtable_of %}"
)


def render(source, **context):
    return Template(source).render(Context(context))


def test_rows_make_a_table_with_the_attributes_given():
    html = render(TABLE, rows=["x < y", "z"], empty="None.")
    assert html == (
        '<table id="list" class="a b"><tbody><tr><td>x &lt; y</td></tr>'
        "<tr><td>z</td></tr></tbody></table>"
    )


@pytest.mark.parametrize("rows", [[], None], ids=["empty", "missing"])
def test_no_row_makes_the_sentence_alone(rows):
    assert render(TABLE, rows=rows, empty="Nothing <yet>.") == "<p>Nothing &lt;yet&gt;.</p>"


@pytest.mark.parametrize(
    "lang,sentence", [("fr", "Aucune modification pour l’instant."), ("en", "No change yet.")]
)
def test_the_sentence_is_translated_in_place(lang, sentence):
    source = '{% load backoffice %}{% table_of rows empty=_("No change yet.") %}{% endtable_of %}'
    with translation.override(lang):
        assert render(source, rows=[]) == f"<p>{sentence}</p>"


@pytest.mark.parametrize(
    "tag", ["{% table_of %}", "{% table_of rows %}", '{% table_of rows empty="x" class %}']
)
def test_a_tag_without_rows_or_sentence_is_refused(tag):
    with pytest.raises(TemplateSyntaxError):
        Template("{% load backoffice %}" + tag + "{% endtable_of %}")
