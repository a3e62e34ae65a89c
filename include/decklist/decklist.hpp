#pragma once
// The decklist every endpoint returns: matched cards, metadata, stats, warnings, timing.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "decklist/section.hpp"

namespace decklist {

enum class MatchType { exact, fuzzy, none };

struct DecklistCard {
    std::string name_cn;   // database name when matched, else the OCR text
    std::string ocr_text;  // "title" or "title, subtitle" as read
    int quantity = 1;
    std::optional<std::string> name_en, card_number, type_en, domain_en, rarity_en, image_url_en;
    std::optional<int> cost;
    double match_score = 0;  // 0-100
    MatchType match_type = MatchType::none;
};

struct DecklistMetadata {
    std::optional<std::string> deck_name, event, date, player, legend_name_en;
    std::optional<int> placement;
};

struct DecklistStats {
    int total_cards = 0;    // sum of quantities over all sections
    int matched_cards = 0;  // sum of quantities of matched tiles
    double accuracy = 0;    // matched / total * 100
    double mean_match_score = 0;
};

struct StageTiming {
    double decode = 0, layout = 0, ocr = 0, match = 0, total = 0;  // milliseconds
};

struct Decklist {
    std::string decklist_id;  // uuid4
    std::string filename;
    DecklistMetadata metadata;
    std::array<std::vector<DecklistCard>, 5> sections;  // indexed by Section
    DecklistStats stats;
    std::vector<std::string> warnings;
    StageTiming timing_ms;
    std::optional<std::string> deck_code;  // null when the deck cannot be encoded
    std::string text;                      // plain-text export

    std::vector<DecklistCard>& cards(Section s) { return sections[static_cast<size_t>(s)]; }
    const std::vector<DecklistCard>& cards(Section s) const {
        return sections[static_cast<size_t>(s)];
    }
};

std::string_view to_string(MatchType type) noexcept;
nlohmann::json to_json(const DecklistCard& card);
nlohmann::json to_json(const Decklist& decklist);

}  // namespace decklist
