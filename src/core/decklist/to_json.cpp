#include <cmath>

#include "decklist/decklist.hpp"
#include "decklist/export/exports.hpp"

namespace decklist {
namespace {

// Optional values become JSON null, so every key is always present.
template <typename T>
nlohmann::json or_null(const std::optional<T>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// Scores and times are measurements, not exact values: one decimal is all they carry.
double one_decimal(double value) {
    return std::round(value * 10.0) / 10.0;
}

nlohmann::json to_json(const DecklistMetadata& m) {
    return {{"deck_name", or_null(m.deck_name)}, {"event", or_null(m.event)},
            {"date", or_null(m.date)},           {"placement", or_null(m.placement)},
            {"player", or_null(m.player)},       {"legend_name_en", or_null(m.legend_name_en)}};
}

nlohmann::json to_json(const DecklistStats& s) {
    nlohmann::json sections = nlohmann::json::object();
    for (Section section : kAllSections) {
        const SectionCount& c = s.sections[static_cast<std::size_t>(section)];
        sections[std::string(section_key(section))] = {
            {"expected", c.expected}, {"found", c.found}, {"unmatched", c.unmatched}};
    }
    return {{"total_cards", s.total_cards},
            {"matched_cards", s.matched_cards},
            {"accuracy", one_decimal(s.accuracy)},
            {"mean_match_score", one_decimal(s.mean_match_score)},
            {"sections", std::move(sections)}};
}

nlohmann::json bbox_to_json(const std::optional<TileBox>& box) {
    if (!box) return nullptr;
    return {{"x", box->x}, {"y", box->y}, {"width", box->width}, {"height", box->height}};
}

// An unmatched tile carries no card: only what was read, how well it scored and where.
nlohmann::json unmatched_to_json(const DecklistCard& tile) {
    return {{"ocr_text", tile.ocr_text},
            {"quantity", tile.quantity},
            {"match_score", one_decimal(tile.match_score)},
            {"bbox", bbox_to_json(tile.bbox)}};
}

nlohmann::json to_json(const StageTiming& t) {
    return {{"decode", one_decimal(t.decode)},
            {"layout", one_decimal(t.layout)},
            {"ocr", one_decimal(t.ocr)},
            {"match", one_decimal(t.match)},
            {"total", one_decimal(t.total)}};
}

}  // namespace

std::string_view to_string(MatchType type) noexcept {
    switch (type) {
        case MatchType::exact:
            return "exact";
        case MatchType::fuzzy:
            return "fuzzy";
        case MatchType::none:
            return "none";
        case MatchType::manual:
            return "manual";
    }
    return "none";
}

std::string_view to_string(ReviewCode code) noexcept {
    switch (code) {
        case ReviewCode::section_off_rules:
            return "section_off_rules";
        case ReviewCode::low_confidence_match:
            return "low_confidence_match";
        case ReviewCode::image_cut_off:
            return "image_cut_off";
        case ReviewCode::section_seen_twice:
            return "section_seen_twice";
        case ReviewCode::unmatched_tile:
            return "unmatched_tile";
    }
    return "section_off_rules";
}

nlohmann::json to_json(const DecklistCard& card) {
    return {{"name_cn", card.name_cn},
            {"ocr_text", card.ocr_text},
            {"quantity", card.quantity},
            {"name_en", or_null(card.name_en)},
            {"card_number", or_null(card.card_number)},
            {"type_en", or_null(card.type_en)},
            {"domain_en", or_null(card.domain_en)},
            {"cost", or_null(card.cost)},
            {"rarity_en", or_null(card.rarity_en)},
            {"image_url_en", or_null(card.image_url_en)},
            {"match_score", one_decimal(card.match_score)},
            {"match_type", to_string(card.match_type)},
            {"bbox", bbox_to_json(card.bbox)}};
}

nlohmann::json to_json(const Decklist& decklist) {
    nlohmann::json out = {
        {"decklist_id", decklist.decklist_id},     {"filename", decklist.filename},
        {"metadata", to_json(decklist.metadata)},  {"stats", to_json(decklist.stats)},
        {"warnings", decklist.warnings},           {"needs_review", decklist.needs_review},
        {"timing_ms", to_json(decklist.timing_ms)}};
    // Every registered format has its key, null when it was not or could not be rendered.
    for (const ExportFormat& format : export_formats())
        out[std::string(format.key)] = or_null(decklist.exported(format.key));
    nlohmann::json reasons = nlohmann::json::array();
    for (const ReviewReason& r : decklist.review_reasons)
        reasons.push_back({{"code", to_string(r.code)}, {"message", r.message}});
    out["review_reasons"] = std::move(reasons);
    // The five sections sit at the top level ("legend", "main_deck", ...), as clients of the
    // Python service expect; they read card.name_en on every entry, so tiles that matched no
    // card are listed apart, under "unmatched" with the same section keys.
    nlohmann::json unmatched = nlohmann::json::object();
    for (Section s : kAllSections) {
        nlohmann::json cards = nlohmann::json::array();
        for (const DecklistCard& card : decklist.cards(s)) cards.push_back(to_json(card));
        out[std::string(section_key(s))] = std::move(cards);
        nlohmann::json tiles = nlohmann::json::array();
        for (const DecklistCard& tile : decklist.unmatched_tiles(s))
            tiles.push_back(unmatched_to_json(tile));
        unmatched[std::string(section_key(s))] = std::move(tiles);
    }
    out["unmatched"] = std::move(unmatched);
    // Only on saved results, so that a client that does not save sees the shape it knows.
    if (decklist.saved)
        out["saved"] = {{"id", decklist.saved->id},
                        {"url", decklist.saved->url},
                        {"revision", decklist.saved->revision}};
    if (decklist.duplicate_of) out["duplicate_of"] = *decklist.duplicate_of;
    return out;
}

}  // namespace decklist
