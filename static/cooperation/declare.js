// « Déclarer une coopération »: suggestions for the authority field, from the
// autocomplete endpoint, in the field's <datalist>. Without JavaScript the server
// resolves the name typed (cooperation/forms.py).
(function () {
  "use strict";
  var script = document.currentScript;
  var input = document.getElementById("id_authority");
  var list = document.getElementById("authority-suggestions");
  if (!script || !input || !list) return;
  var url = script.dataset.url;
  var timer = null;
  var last = "";
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      if (q.length < 2 || q === last || /\(\w+\)$/.test(q)) return;
      last = q;
      fetch(url + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          list.replaceChildren.apply(list, data.results.map(function (item) {
            var option = document.createElement("option");
            option.value = item.label;
            option.label = item.kind_label + (item.department ? " · " + item.department : "");
            return option;
          }));
        })
        .catch(function () {});
    }, 200);
  });
})();
