#pragma once
// Where the engine finds its data when nobody says otherwise. One place, so that the CLI and
// the server resolve the card database the same way.

#include <string>
#include <string_view>

namespace decklist {

// The repository root this binary was built from.
std::string repo_root();

// A path from a config file or flag: absolute paths are kept, relative ones are taken from
// the repository root (config/server.json says "../shared/riftbound/cards.csv").
std::string resolve_repo_path(std::string_view path);

// The card database's path in config/server.json's default, relative to the repository root.
inline constexpr std::string_view kDefaultCardsCsv = "../shared/riftbound/cards.csv";

// $DECKLIST_CARDS_CSV when set and not empty, else `configured` (resolved against the
// repository root), else kDefaultCardsCsv resolved the same way.
std::string default_cards_csv(std::string_view configured = {});

// $DECKLIST_TESSDATA_DIR when set, else empty (Tesseract's built-in default).
std::string default_tessdata_dir();

}  // namespace decklist
