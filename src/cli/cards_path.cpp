#include "commands.hpp"
#include "decklist/config/defaults.hpp"

namespace decklist::cli {

std::string cards_path(const std::string& from_flag) {
    if (!from_flag.empty()) return from_flag;
    // The same default the server starts from, resolved the same way.
    return default_cards_csv(kDefaultCardsCsv);
}

}  // namespace decklist::cli
