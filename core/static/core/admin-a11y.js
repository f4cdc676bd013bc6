// Names for the back office's form controls that Django's admin, Select2 and
// modeltranslation leave unnamed (axe-core: label, select-name, aria-input-field-name,
// nested-interactive), and labels for the rich-text editors. Loaded on change forms
// (core/admin.py, TranslatedVersionAdmin.Media); no inline script (CSP).
"use strict";
(function () {
  function hasName(field) {
    return (field.labels && field.labels.length) || field.getAttribute("aria-label") ||
      field.getAttribute("aria-labelledby");
  }

  function name(field, text) {
    text = (text || "").replace(/\s+/g, " ").replace(/\s*:\s*$/, "").trim();
    if (text && !hasName(field)) {
      field.setAttribute("aria-label", text);
    }
  }

  function fieldName(field) {
    // The field's own label, else the header of its column in a tabular inline.
    if (field.labels && field.labels.length) {
      return field.labels[0].textContent;
    }
    if (field.getAttribute("aria-label")) {
      return field.getAttribute("aria-label");
    }
    const cell = field.closest("td");
    const table = field.closest("table");
    if (cell && table) {
      const header = table.querySelectorAll("thead th, thead td")[cell.cellIndex];
      return header ? header.textContent : "";
    }
    return "";
  }

  function label(root) {
    root.querySelectorAll(".tabular td input:not([type=hidden]), .tabular td select")
      .forEach((field) => name(field, fieldName(field)));
    // Date and time of a split date-time field: « Date de publication — Date ».
    root.querySelectorAll("p.datetime").forEach((p) => {
      const rowLabel = p.closest(".form-row, .fieldBox, div")?.querySelector("label");
      p.querySelectorAll("input").forEach((input) => {
        const before = input.previousSibling;
        const part = before && before.nodeType === Node.TEXT_NODE ? before.textContent : "";
        name(input, `${rowLabel ? rowLabel.textContent.replace(/:\s*$/, "") : ""} — ${part}`);
      });
    });
    // Select2 widgets (autocomplete): the box and its search field take the select's name.
    root.querySelectorAll("select.admin-autocomplete").forEach((select) => {
      const container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2")) {
        return;
      }
      const text = fieldName(select).replace(/\s+/g, " ").replace(/\s*:\s*$/, "").trim();
      if (!text) {
        return;
      }
      // Select2 names its box by the chosen value only: put the field's name first.
      const nameId = `${select.id}-a11y-name`;
      if (!document.getElementById(nameId)) {
        const span = document.createElement("span");
        span.id = nameId;
        span.hidden = true;
        span.textContent = text;
        container.append(span);
      }
      container.querySelectorAll("[role=combobox]").forEach((box) => {
        const current = box.getAttribute("aria-labelledby") || "";
        if (!current.split(" ").includes(nameId)) {
          box.setAttribute("aria-labelledby", `${nameId} ${current}`.trim());
        }
      });
      // Its read-only "textbox" showing the chosen value is empty when nothing is chosen.
      container.querySelectorAll(".select2-search__field, .select2-selection__rendered[role=textbox]")
        .forEach((box) => name(box, text));
    });
    // modeltranslation's « all fields in this language » switch.
    const switcher = document.getElementById("modeltranslation-main-switch");
    const switchLabel = document.getElementById("a11y-language-switch-label");
    if (switcher && switchLabel && !hasName(switcher)) {
      switcher.setAttribute("aria-labelledby", switchLabel.id);
    }
    // jQuery UI tabs: the tab (li, role=tab) takes the focus and the keys; the link
    // inside it (tabindex=-1) is a second, nested focusable element. It goes inert; a
    // click on the tab is handed to it, since jQuery UI listens on the link.
    root.querySelectorAll(".ui-tabs-nav li[role=tab] > a.ui-tabs-anchor:not([inert])")
      .forEach((link) => {
        link.inert = true;
        link.parentElement.addEventListener("click", (event) => {
          if (event.target !== link) {
            link.click();
          }
        });
      });
  }

  window.addEventListener("load", () => {
    // After the jQuery "ready" handlers (modeltranslation's tabs, Select2), which jQuery 3
    // may run after "load": a handler added now runs after those added before.
    const jq = window.django && window.django.jQuery;
    if (jq) {
      jq(() => setTimeout(() => label(document), 0));
    } else {
      label(document);
    }
  });
  document.addEventListener("formset:added", (event) => {
    // After the admin's own handlers (Select2 starts in one of them).
    setTimeout(() => label(event.target), 0);
  });

  // The rich-text editor hides the field's <textarea> and edits a contenteditable box:
  // the box takes the field's label, and a click on the label puts the cursor in it.
  document.addEventListener("prose-editor:ready", (event) => {
    const { editor, textarea } = event.detail;
    const fieldLabel = document.querySelector(`label[for="${textarea.id}"]`);
    const box = editor.view.dom;
    box.setAttribute("aria-multiline", "true");
    if (!fieldLabel) {
      return;
    }
    if (!fieldLabel.id) {
      fieldLabel.id = `${textarea.id}-label`;
    }
    box.setAttribute("aria-labelledby", fieldLabel.id);
    fieldLabel.addEventListener("click", () => editor.commands.focus());
  });
})();
