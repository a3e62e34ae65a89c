// GET /health: is the service up, with its card database and OCR? Also under /api/v1 and
// /api so that clients of either API generation find it.

#include <cmath>

#include "decklist/match/card_db.hpp"
#include "http/core/responses.hpp"
#include "http/router/route_groups.hpp"
#include "http/router/router.hpp"
#include "http/server/server_context.hpp"

namespace decklist::http {
namespace {

void register_health_routes(Router& router, ServerContext& context) {
    auto health = [&context](const Request&) {
        const auto* engine = context.engine();
        return json_response(bhttp::status::ok,
                             {{"status", "ok"},
                              {"version", DECKLIST_VERSION},
                              {"cards_loaded", engine ? engine->cards().size() : 0},
                              {"ocr_ready", context.ocr_ready.load()},
                              {"workers", context.config().worker_count()},
                              {"uptime_s", std::floor(context.uptime_s() * 10) / 10}});
    };
    router.add(bhttp::verb::get, "/health", health);
    router.api(bhttp::verb::get, "/health", health);
}

}  // namespace
}  // namespace decklist::http

DECKLIST_ROUTE_GROUP(health_routes, decklist::http::register_health_routes);
