// GET /api/v1/deck-codes/{code}: a Riftbound deck code read back into cards, each joined with
// the card database (see decklist/export/deck_code_lookup.hpp). An invalid code is a 400
// validation error that names the problem.

#include "decklist/error.hpp"
#include "decklist/export/deck_code_lookup.hpp"
#include "http/core/responses.hpp"
#include "http/router/route_groups.hpp"
#include "http/router/router.hpp"
#include "http/server/server_context.hpp"

namespace decklist::http {
namespace {

void register_deck_code_routes(Router& router, ServerContext& context) {
    router.api(bhttp::verb::get, "/deck-codes/{code}", [&context](const Request& request) {
        const auto* engine = context.engine();
        if (!engine) throw Error(ErrorType::internal, "no card database is loaded");
        return json_response(bhttp::status::ok,
                             describe_deck_code(request.params.at("code"), engine->cards()));
    });
}

}  // namespace
}  // namespace decklist::http

DECKLIST_ROUTE_GROUP(deck_code_routes, decklist::http::register_deck_code_routes);
