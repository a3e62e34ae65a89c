#pragma once
// Splitting and decoding request targets.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace decklist::http {

// "%41" -> "A"; '+' is kept (paths) or turned into a space (form_encoded queries).
// nullopt for a truncated or non-hex escape.
std::optional<std::string> percent_decode(std::string_view text, bool form_encoded = false);

struct Target {
    std::string path;  // decoded
    std::string raw_path;
    std::map<std::string, std::string> query;
};

// nullopt when the target is not origin-form ("/...") or an escape is malformed.
std::optional<Target> parse_target(std::string_view target);

}  // namespace decklist::http
