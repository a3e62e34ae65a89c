#pragma once
// The API keys file (config api_keys_file): one key per line, as the SHA-256 of the key in
// hex and a label, e.g.
//
//   # ci pipeline, added 2026-11-28
//   9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 ci
//   60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752 meta-site read-only
//
// A key marked read-only may read the decklist library but not change it (no save, PATCH
// or DELETE). Blank lines and lines starting with '#' are ignored. The label names the client in
// logs, stats and limits; several keys may share a label (rotation: add the new key, reload, retire
// the old one). scripts/make-api-key.sh LABEL prints a fresh key and its line.

#include <string>
#include <string_view>
#include <vector>

#include "decklist/sha256.hpp"

namespace decklist::http {

struct ApiKeyEntry {
    Sha256Digest hash;
    std::string label;  // 1-64 characters of [A-Za-z0-9._-]
    bool read_only = false;
};

// Throws Error(validation) naming the line: "line 3: expected \"<64 hex digits> <label>
// [read-only]\"".
// A hash listed twice is an error (two labels for one key would be ambiguous).
std::vector<ApiKeyEntry> parse_api_keys(std::string_view text);
// Reads and parses the file; the error message starts with the path.
std::vector<ApiKeyEntry> load_api_keys_file(const std::string& path);

bool valid_api_key_label(std::string_view label) noexcept;

}  // namespace decklist::http
