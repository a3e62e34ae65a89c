// GET /api/v1/stats: request, image, worker and batch counters (see Stats), and the Python
// service's "matcher" and "parser" sections, which its dashboards read.
// GET /metrics: the same counters for Prometheus (http/stats/prometheus.hpp).

#include "decklist/engine.hpp"
#include "decklist/match/card_db.hpp"
#include "decklist/match/matcher.hpp"
#include "http/core/responses.hpp"
#include "http/router/router.hpp"
#include "http/routes/route_groups.hpp"
#include "http/server/server_status.hpp"
#include "http/stats/prometheus.hpp"
#include "http/stats/stats.hpp"

namespace decklist::http {
namespace {

// The card database the matcher searches and the thresholds it accepts a match with.
nlohmann::json matcher_section(const Engine* engine) {
    if (!engine)
        return {{"loaded", false},
                {"total_cards", 0},
                {"distinct_names", 0},
                {"min_fuzzy_score", nullptr},
                {"title_only_factor", nullptr}};
    const MatcherOptions& options = engine->matcher().options();
    return {{"loaded", true},
            {"total_cards", engine->cards().size()},
            {"distinct_names", engine->cards().names().size()},
            {"min_fuzzy_score", options.min_fuzzy_score},
            {"title_only_factor", options.title_only_factor}};
}

// The same image counters as "images", under the Python service's names: an image is parsed
// when it became a decklist, a failure when it did not (invalid, unreadable, timed out).
nlohmann::json parser_section(const nlohmann::json& images, bool ocr_ready) {
    return {{"ocr_ready", ocr_ready},
            {"images_parsed", images["processed"]},
            {"failures", images["failed"]},
            {"average_ms", images["latency"]["mean_ms"]}};
}

}  // namespace

void register_stats_routes(Router& router, Stats& stats, const Engine* engine,
                           const ServerStatus& status) {
    router.api(bhttp::verb::get, "/stats", [&stats, engine, &status](const Request&) {
        auto body = stats.to_json();
        body["matcher"] = matcher_section(engine);
        body["parser"] = parser_section(body["images"], status.ocr_ready());
        body["uptime_s"] = status.uptime_s();
        return json_response(bhttp::status::ok, body);
    });
    // Outside the API root, where scrapers look, yet protected like it: the counters show
    // routes, clients' traffic and limits.
    RouteOptions protected_route;
    protected_route.needs_api_key = true;
    router.add(
        bhttp::verb::get, "/metrics",
        [&stats, engine, &status](const Request&) {
            const ProcessFacts facts{DECKLIST_VERSION, status.uptime_s(), status.ocr_ready(),
                                     engine ? engine->cards().size() : 0};
            Response response{bhttp::status::ok, 11};
            response.set(bhttp::field::content_type, kPrometheusContentType);
            response.set(bhttp::field::cache_control, "no-store");
            response.body() = format_prometheus(stats.snapshot(), facts);
            return response;
        },
        protected_route);
}

}  // namespace decklist::http
