// Starts Swagger UI on the API documentation page. Kept in a static file (not inline in the
// page) so the site's Content-Security-Policy (script-src 'self') holds.
"use strict";
(function () {
  const root = document.getElementById("swagger-ui");
  if (!root || typeof SwaggerUIBundle === "undefined") {
    return;
  }
  const csrfToken = root.dataset.csrfToken;
  window.ui = SwaggerUIBundle({
    url: root.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    deepLinking: true,
    displayOperationId: false,
    // With a session log-in, "Try it out" on a write needs Django's CSRF token; a request
    // with a Bearer token does not use the session.
    requestInterceptor: function (request) {
      if (csrfToken && request.method && request.method !== "GET") {
        request.headers["X-CSRFToken"] = csrfToken;
      }
      return request;
    },
  });
})();
