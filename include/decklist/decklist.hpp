#pragma once
// The decklist every endpoint returns: matched cards, metadata, stats, warnings, timing, and
// whether a person should check it before trusting it.

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "decklist/section.hpp"

namespace decklist {

// manual: a person chose the card (a correction); it scores 100.
enum class MatchType { exact, fuzzy, none, manual };

// A tile's whole box as the layout found it, in pixels of the decoded input image.
struct TileBox {
    int x = 0, y = 0, width = 0, height = 0;

    friend bool operator==(const TileBox&, const TileBox&) = default;
};

struct DecklistCard {
    std::string name_cn;   // database name when matched, else the OCR text
    std::string ocr_text;  // "title" or "title, subtitle" as read
    int quantity = 1;
    std::optional<std::string> name_en, card_number, type_en, domain_en, rarity_en, image_url_en;
    std::optional<int> cost;
    double match_score = 0;  // 0-100
    MatchType match_type = MatchType::none;
    std::optional<TileBox> bbox = std::nullopt;  // nullopt when the tile's box is unknown
};

struct DecklistMetadata {
    std::optional<std::string> deck_name, event, date, player, legend_name_en;
    std::optional<int> placement;
};

// Cards one section should hold and cards read in it.
struct SectionCount {
    int expected = 0;   // the deck rules' count; the side deck expects what was read, up to 8
    int found = 0;      // sum of quantities of the matched cards
    int unmatched = 0;  // sum of quantities of the tiles that matched no card
};

struct DecklistStats {
    int total_cards = 0;    // sum of quantities of every tile read, matched or not
    int matched_cards = 0;  // sum of quantities of matched tiles
    // Matched cards the deck rules account for, over the cards expected or read, whichever
    // is more, summed over the sections (100 only for a complete, fully matched deck).
    double accuracy = 0;
    double mean_match_score = 0;
    std::array<SectionCount, 5> sections{};  // indexed by Section
};

// Why a decklist needs a person to look at it before it is trusted.
enum class ReviewCode {
    section_off_rules,     // a section's count breaks the deck rules (40 main, 12 runes, ...)
    low_confidence_match,  // a tile matched its card with a score under kLowConfidenceScore
    image_cut_off,         // the image ends inside a panel, or below one where the page goes on
    section_seen_twice,    // a stitched screenshot shows one section twice
    unmatched_tile,        // a tile matched no card
};

struct ReviewReason {
    ReviewCode code;
    std::string message;  // for people, e.g. "main_deck has 4 cards, expected 40"
};

struct StageTiming {
    double decode = 0, layout = 0, ocr = 0, match = 0, total = 0;  // milliseconds
};

// Where the decklist library keeps a saved decklist (decklist/library/decklist_library.hpp).
struct SavedRef {
    std::string id;   // the stored decklist's decklist_id
    std::string url;  // its library route, e.g. /api/v1/decklists/<id>
    int revision = 1;
};

struct Decklist {
    std::string decklist_id;  // uuid4
    std::string filename;
    DecklistMetadata metadata;
    std::array<std::vector<DecklistCard>, 5> sections;  // indexed by Section; matched cards only
    // Tiles that matched no card, per section; never listed among the section's cards, so
    // every card there has its database fields.
    std::array<std::vector<DecklistCard>, 5> unmatched;
    DecklistStats stats;
    std::vector<std::string> warnings;
    bool needs_review = false;  // true exactly when review_reasons is not empty
    std::vector<ReviewReason> review_reasons;
    StageTiming timing_ms;
    // Each export format's rendering under its key, e.g. "deck_code" and "text"
    // (decklist/export/exports.hpp); nullopt when the decklist cannot be rendered in it.
    std::map<std::string, std::optional<std::string>, std::less<>> exports;
    // Set when the library saved this decklist, or recalled it for an image it already had
    // (then duplicate_of names it and nothing was read again). Neither is stored with it.
    std::optional<SavedRef> saved;
    std::optional<std::string> duplicate_of;

    // The rendering in format `key`; nullopt when it is missing or could not be rendered.
    std::optional<std::string> exported(std::string_view key) const {
        const auto found = exports.find(key);
        return found == exports.end() ? std::nullopt : found->second;
    }

    std::vector<DecklistCard>& cards(Section s) { return sections[static_cast<size_t>(s)]; }
    const std::vector<DecklistCard>& cards(Section s) const {
        return sections[static_cast<size_t>(s)];
    }
    std::vector<DecklistCard>& unmatched_tiles(Section s) {
        return unmatched[static_cast<size_t>(s)];
    }
    const std::vector<DecklistCard>& unmatched_tiles(Section s) const {
        return unmatched[static_cast<size_t>(s)];
    }
};

std::string_view to_string(MatchType type) noexcept;
std::string_view to_string(ReviewCode code) noexcept;
nlohmann::json to_json(const DecklistCard& card);
nlohmann::json to_json(const Decklist& decklist);
// The inverse of to_json(const Decklist&), for a decklist read back from storage: every key
// to_json writes must be present with its type, except "bbox" (absent reads as null); keys
// it does not write ("index", "saved", ...) are ignored. Throws decklist::Error(validation)
// naming the field (message and detail "field", e.g. "main_deck[3].match_type") when the
// input is malformed, including unknown match types and review reason codes.
Decklist decklist_from_json(const nlohmann::json& json);

}  // namespace decklist
