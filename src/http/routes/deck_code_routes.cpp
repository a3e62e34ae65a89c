// GET /api/v1/deck-codes/{code}: a Riftbound deck code read back into cards, each joined with
// the card database (see decklist/export/deck_code_lookup.hpp). An invalid code is a 400
// validation error that names the problem.

#include <memory>

#include "decklist/engine.hpp"
#include "decklist/error.hpp"
#include "decklist/export/card_code_index.hpp"
#include "decklist/export/deck_code_lookup.hpp"
#include "http/core/responses.hpp"
#include "http/router/router.hpp"
#include "http/routes/route_groups.hpp"

namespace decklist::http {

void register_deck_code_routes(Router& router, const Engine* engine) {
    // Indexed once: the card database does not change while the server runs.
    std::shared_ptr<const CardCodeIndex> index;
    if (engine) index = std::make_shared<const CardCodeIndex>(engine->cards());
    router.api(bhttp::verb::get, "/deck-codes/{code}", [index](const Request& request) {
        if (!index) throw Error(ErrorType::internal, "no card database is loaded");
        return json_response(bhttp::status::ok,
                             describe_deck_code(request.params.at("code"), *index));
    });
}

}  // namespace decklist::http
