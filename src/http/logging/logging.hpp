#pragma once
// spdlog set-up: level and format (text, or one JSON object per line) from the config.
// Logs go to stderr; stdout is kept for the machine-readable "listening on" line.

#include <string>

namespace decklist::http {

// Throws std::invalid_argument for an unknown level or format (the config has checked them).
void configure_logging(const std::string& level, const std::string& format);

}  // namespace decklist::http
