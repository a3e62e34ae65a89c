#include "commands.hpp"
#include "decklist/config/defaults.hpp"
#include "decklist/config/server_config.hpp"

namespace decklist::cli {

std::string cards_path(const std::string& from_flag) {
    if (!from_flag.empty()) return from_flag;
    // The same default the server starts from (ServerConfig::cards_csv), resolved the same way.
    return default_cards_csv(ServerConfig{}.cards_csv);
}

}  // namespace decklist::cli
