// GET /api/v1/openapi.json (also /api/openapi.json and /openapi.json): the OpenAPI document
// of these routes (docs/openapi.yaml, bundled at build time). Public even when API keys are
// on: it describes the API and reveals nothing about its use.

#include "http/core/responses.hpp"
#include "http/openapi/openapi_document.hpp"
#include "http/router/route_groups.hpp"
#include "http/router/router.hpp"

namespace decklist::http {
namespace {

Response openapi_response(const Request&) {
    Response response{bhttp::status::ok, 11};
    response.set(bhttp::field::content_type, "application/json");
    response.set(bhttp::field::cache_control, "no-cache");
    response.body() = std::string(openapi_document_json());
    return response;
}

void register_openapi_routes(Router& router, ServerContext&) {
    RouteOptions public_route;
    public_route.needs_api_key = false;
    router.add(bhttp::verb::get, "/openapi.json", openapi_response, public_route);
    router.api(bhttp::verb::get, "/openapi.json", openapi_response, public_route);
}

}  // namespace
}  // namespace decklist::http

DECKLIST_ROUTE_GROUP(openapi_routes, decklist::http::register_openapi_routes);
