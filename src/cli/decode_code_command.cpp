// decklist-cli decode-code: a deck code read back into cards joined with the card database,
// the same JSON as GET /api/v1/deck-codes/{code}.

#include <iostream>

#include "cli_args.hpp"
#include "commands.hpp"
#include "decklist/error.hpp"
#include "decklist/export/deck_code_lookup.hpp"
#include "decklist/match/card_db.hpp"

namespace decklist::cli {

int run_decode_code(const std::vector<std::string>& raw) {
    const ParsedArgs args = parse_args(raw, {"--cards"}, {});
    if (args.positional.size() != 1) throw UsageError{"give exactly one deck code"};
    const auto cards = CardDatabase::load_csv(cards_path(args.option("--cards").value_or("")));
    try {
        std::cout << describe_deck_code(args.positional[0], cards).dump(2) << "\n";
        return 0;
    } catch (const Error& e) {
        std::cout << e.to_json().dump() << "\n";
        return 1;
    }
}

}  // namespace decklist::cli
