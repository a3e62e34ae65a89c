#pragma once
// Reading image files and running one through a worker, turning every failure into the
// JSON error shape the server uses, plus the file name.

#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "decklist/engine.hpp"
#include "decklist/error.hpp"

namespace decklist::cli {

// Throws Error(not_found) when the file cannot be read.
std::vector<std::uint8_t> read_file_bytes(const std::filesystem::path& path);

// The decklist, or the Error that stopped it (any other exception becomes internal).
using Outcome = std::variant<Decklist, Error>;
Outcome process_file(Engine::Worker& worker, const std::filesystem::path& path);

// Error::to_json() with the file's "filename".
nlohmann::json error_json(const std::string& filename, const Error& error);

}  // namespace decklist::cli
