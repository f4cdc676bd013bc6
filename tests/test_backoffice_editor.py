"""Rich text without HTML: an editor writes, previews and publishes a bilingual group
description with the editor's buttons only (django-prose-editor), in Chromium."""

import re

import pytest

from core.fields import HTMLField
from groups.models import FriendshipGroup
from tests.helpers.browser import RECORD_VIOLATIONS
from tests.helpers.browser import fill_new_group
from tests.helpers.browser import log_in

# What a careless paste from a web page could bring: must leave nothing executable.
HOSTILE_HTML = (
    '<p>Collé <img src="x" onerror="window.__pwned = 1">'
    '<a href="javascript:window.__pwned = 2">piège</a>'
    '<script>window.__pwned = 3</script><span style="color:red">rouge</span></p>'
)
PASTE = """([selector, html]) => {
  const box = document.querySelector(selector);
  box.focus();
  const data = new DataTransfer();
  data.setData("text/html", html);
  data.setData("text/plain", "Collé");
  const init = {clipboardData: data, bubbles: true, cancelable: true};
  box.dispatchEvent(new ClipboardEvent("paste", init));
}"""


def select_last_word(page, word):
    """Select the word just typed with Shift+Left, one press a letter, as a person does.

    For 50 ms after an edit ProseMirror puts back the selection it holds, so a press that
    comes too soon after the last letter is undone (on a loaded machine the CI saw "enate"
    selected instead of "Senate"). A person sees it and selects again; so does this."""
    for _ in range(3):
        page.wait_for_timeout(100)
        for _ in word:
            page.keyboard.press("Shift+ArrowLeft")
        page.wait_for_timeout(100)
        if page.evaluate("() => String(window.getSelection())") == word:
            return
        page.keyboard.press("End")
    raise AssertionError(f"could not select {word!r} in the editor")


def write_description(page, lang, sentence, link_word, url, items):
    """Type a paragraph, turn its last word into a link, then a bulleted list: no tags."""
    panel = page.locator(f"#tab_id_description_{lang}")
    page.locator(".ui-tabs").filter(has=panel).locator(
        ".ui-tabs-nav [role=tab]", has_text=lang
    ).click()
    box = panel.locator(".tiptap")
    box.click()
    page.keyboard.type(f"{sentence} {link_word}")
    select_last_word(page, link_word)
    # The button is enabled once ProseMirror has read the selection (on "selectionchange").
    panel.locator("button[data-name=link]:not(.disabled)").click()
    dialog = panel.locator("dialog[open]")
    dialog.locator("input[name=href]").fill(url)
    dialog.locator("button[type=submit]").click()
    box.locator(f"a[href='{url}']", has_text=link_word).wait_for()
    # Put the cursor at the end of the paragraph, after the link.
    paragraph = box.locator("p").last
    size = paragraph.bounding_box()
    paragraph.click(position={"x": size["width"] - 2, "y": size["height"] / 2})
    # ProseMirror reads a mouse-made selection on the next "selectionchange" event; a key
    # pressed before that would replace the still-selected word, as a human never would.
    page.wait_for_timeout(300)
    page.keyboard.press("Enter")
    panel.locator("button[data-name=bulletList]").click()
    for i, item in enumerate(items):
        if i:
            page.keyboard.press("Enter")
        page.keyboard.type(item)


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_editor_writes_previews_and_publishes_a_bilingual_description(
    live_server,
    live_editor,
    french_page,
):
    page, base = french_page, live_server.url
    page.add_init_script(RECORD_VIOLATIONS)
    log_in(page, base)

    fill_new_group(page, base)

    # The editing box is labelled by the field's label (a screen reader announces it).
    box = page.locator("#tab_id_description_fr .tiptap")
    label_id = box.get_attribute("aria-labelledby")
    assert page.locator(f"#{label_id}").inner_text().startswith("Description")

    write_description(
        page,
        "fr",
        "Le groupe suit les travaux du",
        "Sénat",
        "https://www.senat.fr/",
        ["Économie", "Culture"],
    )
    # The editor ran under the admin's policy: no 'unsafe-inline', nothing blocked.
    assert page.evaluate("window.__cspViolations") == []
    page.evaluate(PASTE, ["#tab_id_description_fr .tiptap", HOSTILE_HTML])
    # Reading the pasted HTML, the browser tried its handler and style attribute: the
    # policy refused both (and the editor keeps neither, see below).
    refused = [v.split(" blocked")[0] for v in page.evaluate("window.__cspViolations")]
    assert set(refused) <= {"script-src-attr", "style-src-attr"}
    assert page.evaluate("window.__pwned") is None
    write_description(
        page,
        "en",
        "The group follows the work of the",
        "Senate",
        "https://www.senat.fr/en/",
        ["Economy", "Culture"],
    )
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist .success")

    group = FriendshipGroup.objects.get(slug="france-japon")
    assert group.status == "draft"
    assert re.search(r'<a href="https://www.senat.fr/"[^>]*>Sénat</a>', group.description_fr)
    assert re.search(r"<ul><li><p>Économie</p></li><li><p>Culture", group.description_fr)
    assert re.search(r'<a href="https://www.senat.fr/en/"[^>]*>Senate</a>', group.description_en)
    assert "<li><p>Economy</p></li>" in group.description_en
    # The paste kept the words, and nothing that runs.
    assert "Collé" in group.description_fr and "rouge" in group.description_fr
    for dangerous in ("<img", "onerror", "javascript:", "<script", "style="):
        assert dangerous not in group.description_fr

    # Preview the draft in French, then in English, from the change form.
    page.click("a.previewlink[hreflang=fr]")
    assert page.locator(".preview-banner").inner_text() == "Aperçu — non publié"
    assert page.locator("main a[href='https://www.senat.fr/']").inner_text() == "Sénat"
    page.click(".language-switch a[hreflang=en]")
    assert page.locator(".preview-banner").inner_text() == "Preview — not published"
    assert page.locator("main a[href='https://www.senat.fr/en/']").inner_text() == "Senate"
    assert page.goto(f"{base}/en/groups/france-japon/").status == 404

    # Publish from the change form, then the public pages show both texts, sanitised.
    page.goto(f"{base}/admin/groups/friendshipgroup/{group.pk}/change/")
    page.select_option("#id_status", "published")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    for url, link, word, items in [
        ("/fr/groupes/france-japon/", "https://www.senat.fr/", "Sénat", ["Économie", "Culture"]),
        ("/en/groups/france-japon/", "https://www.senat.fr/en/", "Senate", ["Economy", "Culture"]),
    ]:
        assert page.goto(f"{base}{url}").status == 200
        assert page.locator(f"main a[href='{link}']").inner_text() == word
        assert page.locator("main ul li", has_text=items[0]).count() == 1
        assert page.locator("main ul li", has_text=items[1]).count() >= 1
    page.goto(f"{base}/fr/groupes/france-japon/")
    assert page.locator("main img[src='x']").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("window.__cspViolations") == []


def test_the_stored_html_is_sanitised_even_without_the_editor():
    """The editor is a convenience: the field cleans whatever reaches it."""
    field = HTMLField()
    field.attname = "description"

    class Row:
        description = HOSTILE_HTML

    cleaned = field.pre_save(Row(), add=True)
    assert "Collé" in cleaned
    for dangerous in ("onerror", "javascript:", "<script", "style="):
        assert dangerous not in cleaned


# What the toolbar says in English (django-prose-editor 0.28.0 does not translate it).
TOOLBAR_FR = {
    "paragraph": "Paragraphe",
    "bulletList": "Liste à puces",
    "orderedList": "Liste numérotée",
    "orderedListProperties": "Propriétés de la liste",  # the library's own gettext
    "blockquote": "Citation",
    "bold": "Gras",
    "italic": "Italique",
    "link": "Insérer un lien",
    "unlink": "Retirer le lien",
    "history:undo": "Annuler",
    "history:redo": "Rétablir",
}
TOOLBAR = """bar => [...bar.querySelectorAll("button.prose-menubar__button")].map(b => [
  b.dataset.name || "paragraph", b.title, b.getAttribute("aria-label")])"""


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_editors_toolbar_speaks_french_and_shows_its_icons(
    live_server, live_editor, french_page
):
    page, base = french_page, live_server.url
    log_in(page, base)
    page.goto(f"{base}/admin/groups/friendshipgroup/add/")
    bar = page.locator("#tab_id_description_fr .prose-menubar")
    bar.locator("button[data-name=bold]").wait_for(state="attached")
    assert {name: (title, label) for name, title, label in bar.evaluate(TOOLBAR)} == {
        name: (french, french) for name, french in TOOLBAR_FR.items()
    }
    options = bar.locator(".prose-menubar__option").all_inner_texts()
    assert options == ["Titre 2", "Titre 3", "Paragraphe"]

    # The first button shows the block the cursor is in; the library puts a new copy of
    # it there at each change: French too, for a heading as for a paragraph.
    page.locator("#tab_id_description_fr .tiptap").click()
    page.keyboard.type("Un titre")
    bar.locator(".prose-menubar__selected").click()
    bar.locator(".prose-menubar__option[data-name=heading2]").click()
    selected = bar.locator(".prose-menubar__selected button")
    selected.and_(page.locator("[title='Titre 2']")).wait_for()
    assert selected.get_attribute("aria-label") == "Titre 2"

    # The menu's arrow is drawn in CSS: the library's character (⏷, U+23F7) is in none of
    # the system's fonts and showed an empty box.
    arrow = bar.locator(".prose-menubar__selected").evaluate(
        "el => { const s = getComputedStyle(el, '::after');"
        " return [s.content, s.borderTopStyle, parseFloat(s.borderTopWidth)]; }"
    )
    assert arrow[0] in ('""', "none") and arrow[1] == "solid" and arrow[2] > 0
