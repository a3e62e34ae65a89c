// The interactive API reference: Swagger UI (web/docs/vendor, from scripts/vendor-docs-ui.sh)
// over the document this server serves, so that "Try it out" calls this server.
window.ui = SwaggerUIBundle({
    url: '/api/v1/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
});
