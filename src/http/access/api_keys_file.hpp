#pragma once
// The API keys file (config api_keys_file): one key per line, as the SHA-256 of the key in
// hex and a label, e.g.
//
//   # ci pipeline, added 2026-11-28
//   9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 ci
//
// Blank lines and lines starting with '#' are ignored. The label names the client in logs,
// stats and limits; several keys may share a label (rotation: add the new key, reload, retire
// the old one). scripts/make-api-key.sh LABEL prints a fresh key and its line.

#include <string>
#include <string_view>
#include <vector>

#include "http/access/sha256.hpp"

namespace decklist::http {

struct ApiKeyEntry {
    Sha256Digest hash;
    std::string label;  // 1-64 characters of [A-Za-z0-9._-]
};

// Throws Error(validation) naming the line: "line 3: expected \"<64 hex digits> <label>\"".
// A hash listed twice is an error (two labels for one key would be ambiguous).
std::vector<ApiKeyEntry> parse_api_keys(std::string_view text);
// Reads and parses the file; the error message starts with the path.
std::vector<ApiKeyEntry> load_api_keys_file(const std::string& path);

bool valid_api_key_label(std::string_view label) noexcept;

}  // namespace decklist::http
