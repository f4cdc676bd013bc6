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


def write_description(page, lang, sentence, link_word, url, items):
    """Type a paragraph, turn its last word into a link, then a bulleted list: no tags."""
    panel = page.locator(f"#tab_id_description_{lang}")
    page.locator(".ui-tabs").filter(has=panel).locator(
        ".ui-tabs-nav [role=tab]", has_text=lang
    ).click()
    box = panel.locator(".tiptap")
    box.click()
    page.keyboard.type(f"{sentence} {link_word}")
    for _ in link_word:
        page.keyboard.press("Shift+ArrowLeft")
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
