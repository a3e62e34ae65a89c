// GET /api/v1/openapi.json (also /api/openapi.json and /openapi.json): the OpenAPI document
// of these routes (docs/openapi.yaml, bundled at build time). Public even when API keys are
// on: it describes the API and reveals nothing about its use.

#include "http/core/responses.hpp"
#include "http/openapi/openapi_document.hpp"
#include "http/router/router.hpp"
#include "http/routes/route_groups.hpp"

namespace decklist::http {
namespace {

Response openapi_response(const Request&) {
    Response response{bhttp::status::ok, 11};
    response.set(bhttp::field::content_type, "application/json");
    response.set(bhttp::field::cache_control, "no-cache");
    response.body() = std::string(openapi_document_json());
    return response;
}

}  // namespace

void register_openapi_routes(Router& router) {
    RouteOptions public_route;
    public_route.needs_api_key = false;
    router.api(bhttp::verb::get, "/openapi.json", openapi_response, public_route);
    // Also at the root, outside the API: the Python service served its document there, and
    // its clients and tools still look for it there.
    router.add(bhttp::verb::get, "/openapi.json", openapi_response, public_route);
}

}  // namespace decklist::http
