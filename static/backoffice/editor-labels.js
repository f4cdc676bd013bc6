// The rich-text editor (django-prose-editor) hides the field's <textarea> and edits a
// contenteditable box instead: give that box the field's label, so that a screen reader
// announces « Description (fr) » and a click on the label puts the cursor in the text.
"use strict";
document.addEventListener("prose-editor:ready", (event) => {
  const { editor, textarea } = event.detail;
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  const box = editor.view.dom;
  box.setAttribute("aria-multiline", "true");
  if (!label) {
    return;
  }
  if (!label.id) {
    label.id = `${textarea.id}-label`;
  }
  box.setAttribute("aria-labelledby", label.id);
  label.addEventListener("click", () => editor.commands.focus());
});
