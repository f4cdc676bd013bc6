// Swagger UI for /api/v1/docs/: a static file, so the page needs no inline script
// under the site's Content-Security-Policy (script-src 'self').
(function () {
  "use strict";
  var node = document.getElementById("swagger-ui");
  window.ui = SwaggerUIBundle({
    url: node.getAttribute("data-schema-url"),
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    // No call to the online validator (validator.swagger.io).
    validatorUrl: null,
  });
})();
