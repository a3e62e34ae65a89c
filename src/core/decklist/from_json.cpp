// The decklist JSON read back into a Decklist: the inverse of to_json, for decklists kept in
// the library. Every field is checked, and a malformed one is named by its path.

#include <array>
#include <limits>
#include <string>

#include "decklist/decklist.hpp"
#include "decklist/error.hpp"
#include "decklist/export/exports.hpp"

namespace decklist {
namespace {

using Json = nlohmann::json;

constexpr std::array kFromJsonMatchTypes{MatchType::exact, MatchType::fuzzy, MatchType::none,
                                         MatchType::manual};
constexpr std::array kFromJsonReviewCodes{
    ReviewCode::section_off_rules, ReviewCode::low_confidence_match, ReviewCode::image_cut_off,
    ReviewCode::section_seen_twice, ReviewCode::unmatched_tile};

[[noreturn]] void malformed(const std::string& path, const std::string& what) {
    throw Error(ErrorType::validation, "decklist JSON: " + path + " " + what,
                {{"field", path}, {"reason", what}});
}

// One value of the document and where it sits ("main_deck[2].quantity"), so that every
// complaint names its field.
class FromJsonField {
  public:
    FromJsonField(const Json& value, std::string path) : value_(value), path_(std::move(path)) {}

    const std::string& path() const { return path_; }
    bool is_null() const { return value_.is_null(); }

    FromJsonField operator[](const char* key) const {
        const Json& object = as_object();
        const auto found = object.find(key);
        if (found == object.end()) malformed(child_path(key), "is missing");
        return {*found, child_path(key)};
    }
    bool has(const char* key) const { return as_object().contains(key); }

    const Json& as_object() const {
        if (!value_.is_object()) malformed(path_, "must be an object");
        return value_;
    }
    std::vector<FromJsonField> items() const {
        if (!value_.is_array()) malformed(path_, "must be an array");
        std::vector<FromJsonField> out;
        for (std::size_t i = 0; i < value_.size(); ++i)
            out.emplace_back(value_[i], path_ + "[" + std::to_string(i) + "]");
        return out;
    }
    std::string string() const {
        if (!value_.is_string()) malformed(path_, "must be a string");
        return value_.get<std::string>();
    }
    std::optional<std::string> optional_string() const {
        if (is_null()) return std::nullopt;
        return string();
    }
    int integer(long long min = std::numeric_limits<int>::min()) const {
        if (!value_.is_number_integer()) malformed(path_, "must be an integer");
        const bool fits = value_.is_number_unsigned()
                              ? value_.get<unsigned long long>() <=
                                    static_cast<unsigned long long>(std::numeric_limits<int>::max())
                              : value_.get<long long>() >= std::numeric_limits<int>::min() &&
                                    value_.get<long long>() <= std::numeric_limits<int>::max();
        if (!fits) malformed(path_, "is out of range");
        const int number = value_.get<int>();
        if (number < min) malformed(path_, "must be at least " + std::to_string(min));
        return number;
    }
    std::optional<int> optional_integer(long long min = std::numeric_limits<int>::min()) const {
        if (is_null()) return std::nullopt;
        return integer(min);
    }
    // A score (0-100) or, without `max`, a measurement that cannot be negative.
    double number(std::optional<double> max = std::nullopt) const {
        if (!value_.is_number()) malformed(path_, "must be a number");
        const double number = value_.get<double>();
        if (!(number >= 0)) malformed(path_, "must not be negative");
        if (max && number > *max)
            malformed(path_, "must be at most " + std::to_string(static_cast<int>(*max)));
        return number;
    }
    bool boolean() const {
        if (!value_.is_boolean()) malformed(path_, "must be true or false");
        return value_.get<bool>();
    }

  private:
    std::string child_path(const char* key) const {
        return path_.empty() ? std::string(key) : path_ + "." + key;
    }

    const Json& value_;
    std::string path_;
};

MatchType match_type_from(const FromJsonField& field) {
    const std::string text = field.string();
    for (MatchType type : kFromJsonMatchTypes)
        if (to_string(type) == text) return type;
    malformed(field.path(), "is not a match type: \"" + text + "\"");
}

ReviewCode review_code_from(const FromJsonField& field) {
    const std::string text = field.string();
    for (ReviewCode code : kFromJsonReviewCodes)
        if (to_string(code) == text) return code;
    malformed(field.path(), "is not a review reason code: \"" + text + "\"");
}

// Decklists saved before tiles had boxes have no "bbox": unknown, as null says.
std::optional<TileBox> bbox_from(const FromJsonField& item) {
    if (!item.has("bbox") || item["bbox"].is_null()) return std::nullopt;
    const FromJsonField box = item["bbox"];
    return TileBox{box["x"].integer(0), box["y"].integer(0), box["width"].integer(0),
                   box["height"].integer(0)};
}

DecklistCard card_from(const FromJsonField& item) {
    DecklistCard card;
    card.name_cn = item["name_cn"].string();
    card.ocr_text = item["ocr_text"].string();
    card.quantity = item["quantity"].integer(1);
    card.name_en = item["name_en"].optional_string();
    card.card_number = item["card_number"].optional_string();
    card.type_en = item["type_en"].optional_string();
    card.domain_en = item["domain_en"].optional_string();
    card.cost = item["cost"].optional_integer();
    card.rarity_en = item["rarity_en"].optional_string();
    card.image_url_en = item["image_url_en"].optional_string();
    card.match_score = item["match_score"].number(100);
    card.match_type = match_type_from(item["match_type"]);
    card.bbox = bbox_from(item);
    return card;
}

// An unmatched tile keeps only what was read; its name is the OCR text, as when it was made.
DecklistCard unmatched_tile_from(const FromJsonField& item) {
    DecklistCard tile;
    tile.ocr_text = item["ocr_text"].string();
    tile.name_cn = tile.ocr_text;
    tile.quantity = item["quantity"].integer(1);
    tile.match_score = item["match_score"].number(100);
    tile.match_type = MatchType::none;
    tile.bbox = bbox_from(item);
    return tile;
}

DecklistMetadata metadata_from(const FromJsonField& m) {
    DecklistMetadata metadata;
    metadata.deck_name = m["deck_name"].optional_string();
    metadata.event = m["event"].optional_string();
    metadata.date = m["date"].optional_string();
    metadata.placement = m["placement"].optional_integer(1);
    metadata.player = m["player"].optional_string();
    metadata.legend_name_en = m["legend_name_en"].optional_string();
    return metadata;
}

DecklistStats stats_from(const FromJsonField& s) {
    DecklistStats stats;
    stats.total_cards = s["total_cards"].integer(0);
    stats.matched_cards = s["matched_cards"].integer(0);
    stats.accuracy = s["accuracy"].number(100);
    stats.mean_match_score = s["mean_match_score"].number(100);
    const FromJsonField sections = s["sections"];
    for (Section section : kAllSections) {
        const std::string key(section_key(section));
        const FromJsonField count = sections[key.c_str()];
        SectionCount& c = stats.sections[static_cast<std::size_t>(section)];
        c.expected = count["expected"].integer(0);
        c.found = count["found"].integer(0);
        c.unmatched = count["unmatched"].integer(0);
    }
    return stats;
}

StageTiming timing_from(const FromJsonField& t) {
    return {t["decode"].number(), t["layout"].number(), t["ocr"].number(), t["match"].number(),
            t["total"].number()};
}

}  // namespace

Decklist decklist_from_json(const nlohmann::json& json) {
    const FromJsonField root(json, "");
    if (!json.is_object()) malformed("the document", "must be an object");
    Decklist d;
    d.decklist_id = root["decklist_id"].string();
    d.filename = root["filename"].string();
    d.metadata = metadata_from(root["metadata"]);
    const FromJsonField unmatched = root["unmatched"];
    for (Section s : kAllSections) {
        const std::string key(section_key(s));
        for (const FromJsonField& item : root[key.c_str()].items())
            d.cards(s).push_back(card_from(item));
        for (const FromJsonField& item : unmatched[key.c_str()].items())
            d.unmatched_tiles(s).push_back(unmatched_tile_from(item));
    }
    d.stats = stats_from(root["stats"]);
    for (const FromJsonField& item : root["warnings"].items()) d.warnings.push_back(item.string());
    d.needs_review = root["needs_review"].boolean();
    for (const FromJsonField& item : root["review_reasons"].items())
        d.review_reasons.push_back({review_code_from(item["code"]), item["message"].string()});
    d.timing_ms = timing_from(root["timing_ms"]);
    for (const ExportFormat& format : export_formats()) {
        const std::string key(format.key);
        d.exports[key] = root[key.c_str()].optional_string();
    }
    return d;
}

}  // namespace decklist
