// GET /api/v1/stats: request, image, worker and batch counters (see Stats).

#include "http/core/responses.hpp"
#include "http/router/route_groups.hpp"
#include "http/router/router.hpp"
#include "http/server/server_context.hpp"

namespace decklist::http {
namespace {

void register_stats_routes(Router& router, ServerContext& context) {
    router.api(bhttp::verb::get, "/stats", [&context](const Request&) {
        auto body = context.stats().to_json();
        body["uptime_s"] = context.uptime_s();
        return json_response(bhttp::status::ok, body);
    });
}

}  // namespace
}  // namespace decklist::http

DECKLIST_ROUTE_GROUP(stats_routes, decklist::http::register_stats_routes);
