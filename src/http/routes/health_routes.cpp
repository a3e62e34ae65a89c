// GET /health: is the service up, with its card database and OCR? Also under /api/v1 and
// /api so that clients of either API generation find it. The first five fields are the
// Python service's health shape, which its clients read; the others are ours.
// GET /ready: readiness for load balancers and orchestrators, 503 with the reason until an
// image sent now would be processed without waiting for start-up. /health stays liveness.

#include <cmath>
#include <string_view>

#include "decklist/engine.hpp"
#include "decklist/match/card_db.hpp"
#include "http/core/responses.hpp"
#include "http/router/router.hpp"
#include "http/routes/route_groups.hpp"
#include "http/server/server_status.hpp"

namespace decklist::http {
namespace {

// "healthy" once the card database is loaded and every OCR worker is ready; "starting"
// while the workers still load Tesseract (requests are accepted and wait for them);
// "unhealthy" without a card database, which nothing can be matched against.
std::string_view health_status(bool matcher_loaded, bool ocr_ready) {
    if (!matcher_loaded) return "unhealthy";
    return ocr_ready ? "healthy" : "starting";
}

}  // namespace

void register_health_routes(Router& router, const ServerConfig& config, const Engine* engine,
                            const ServerStatus& status) {
    auto health = [&config, engine, &status](const Request&) {
        // An engine always has its matcher over a non-empty database: loading throws otherwise.
        const bool matcher_loaded = engine != nullptr;
        const std::size_t cards = engine ? engine->cards().size() : 0;
        const bool ocr_ready = status.ocr_ready();
        return json_response(bhttp::status::ok,
                             {{"status", health_status(matcher_loaded, ocr_ready)},
                              {"service", "decklist-ocr"},
                              {"version", DECKLIST_VERSION},
                              {"matcher_loaded", matcher_loaded},
                              {"total_cards_in_db", cards},
                              {"cards_loaded", cards},
                              {"ocr_ready", ocr_ready},
                              {"workers", config.worker_count()},
                              {"uptime_s", std::floor(status.uptime_s() * 10) / 10}});
    };
    router.add(bhttp::verb::get, "/health", health);
    RouteOptions open_route;  // a load balancer's probe carries no key
    open_route.needs_api_key = false;
    router.api(bhttp::verb::get, "/health", health, open_route);

    router.add(bhttp::verb::get, "/ready", [engine, &status](const Request&) {
        if (!engine)
            return json_response(bhttp::status::service_unavailable,
                                 {{"status", "not_ready"}, {"reason", "no card database loaded"}});
        if (!status.ocr_ready())
            return json_response(
                bhttp::status::service_unavailable,
                {{"status", "not_ready"}, {"reason", "OCR workers are still loading Tesseract"}});
        return json_response(bhttp::status::ok, {{"status", "ready"}});
    });
}

}  // namespace decklist::http
