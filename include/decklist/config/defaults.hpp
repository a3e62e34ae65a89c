#pragma once
// Where the engine finds its data when nobody says otherwise. One place, so that the CLI and
// the server resolve the card database and the web root the same way.

#include <string>
#include <string_view>

namespace decklist {

// The folder that holds data/ and web/, found from the running executable, never from a path
// compiled in: <exe>/../share/decklist-ocr when installed, else the source tree the binary
// was built in (build/decklist-server -> the folder above build/), else the current folder.
std::string application_root();

// A path from a config file or flag: absolute paths are kept, relative ones are taken from
// application_root() (config/server.json says "data/riftbound/cards.csv").
std::string resolve_application_path(std::string_view path);

// The card database in config/server.json's default, relative to application_root().
inline constexpr std::string_view kDefaultCardsCsv = "data/riftbound/cards.csv";

// $DECKLIST_CARDS_CSV when set and not empty, else `configured` (resolved against
// application_root()), else kDefaultCardsCsv resolved the same way.
std::string default_cards_csv(std::string_view configured = {});

// $DECKLIST_TESSDATA_DIR when set, else empty (Tesseract's built-in default).
std::string default_tessdata_dir();

}  // namespace decklist
