#pragma once
// Hand-made ground truth for a screenshot (format: ../shared/riftbound/README.md).

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "decklist/parse/parsed_decklist.hpp"
#include "decklist/section.hpp"

namespace decklist {

struct TruthEntry {
    std::string title;
    std::string subtitle;  // empty when the tile has none
    int quantity = 1;
    std::string db_name_cn;
    std::vector<std::string> card_numbers;
};

struct Truth {
    std::string image;  // file name of the screenshot
    ParsedMetadata metadata;
    std::array<std::vector<TruthEntry>, 5> sections;  // indexed by Section

    const std::vector<TruthEntry>& entries(Section s) const {
        return sections[static_cast<std::size_t>(s)];
    }
};

// Throws decklist::Error(validation) naming the file when it is missing or malformed.
Truth load_truth(const std::string& path);

// What a perfect reading of the screenshot would give: every tile's printed text.
ParsedDecklist perfect_reading(const Truth& truth);

}  // namespace decklist
