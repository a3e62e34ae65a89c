#pragma once
// The export formats every decklist carries, each a rendering of the finished decklist under
// its own key of the decklist JSON. The registry in src/core/export/exports.cpp is the one
// place that names them.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "decklist/decklist.hpp"

namespace decklist {

struct ExportFormat {
    std::string_view key;  // its field in the decklist JSON and in Decklist::exports
    // The rendering; nullopt when the decklist cannot be rendered in this format, with one
    // warning (a sentence for people) per reason appended to `warnings`.
    std::optional<std::string> (*render)(const Decklist& decklist,
                                         std::vector<std::string>& warnings);
};

// In the order they are rendered.
std::span<const ExportFormat> export_formats() noexcept;

// Renders every format into decklist.exports and appends their warnings. Call after
// matching, before serialising.
void attach_exports(Decklist& decklist);

}  // namespace decklist
