#include "decklist/assemble/build_decklist.hpp"

#include <cstdio>

#include "decklist/assemble/deck_rules.hpp"
#include "decklist/assemble/normalise_date.hpp"
#include "decklist/assemble/uuid.hpp"

namespace decklist {
namespace {

std::optional<std::string> non_empty(const std::string& text) {
    if (text.empty()) return std::nullopt;
    return text;
}

std::string ocr_text_of(const ParsedTile& tile) {
    return tile.subtitle.empty() ? tile.title : tile.title + ", " + tile.subtitle;
}

std::string format_score(double score) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.0f", score);
    return buffer;
}

DecklistMetadata make_metadata(const ParsedMetadata& parsed, std::vector<std::string>& warnings) {
    DecklistMetadata m;
    m.deck_name = non_empty(parsed.deck_name);
    m.event = non_empty(parsed.event);
    m.player = non_empty(parsed.player);
    m.placement = parsed.placement;
    if (!parsed.date.empty()) {
        m.date = normalise_date(parsed.date);
        if (!m.date) warnings.push_back("date not understood: \"" + parsed.date + "\"");
    }
    return m;
}

void warn_about_matches(const Decklist& decklist, std::vector<std::string>& warnings) {
    for (Section s : kAllSections) {
        for (const DecklistCard& card : decklist.cards(s)) {
            const std::string where =
                std::string(section_key(s)) + " tile \"" + card.ocr_text + "\"";
            if (card.match_type == MatchType::none) {
                warnings.push_back(where + " matched no card");
            } else if (card.match_score < kLowConfidenceScore) {
                warnings.push_back(where + " matched \"" + card.name_cn +
                                   "\" with low confidence (score " +
                                   format_score(card.match_score) + ")");
            }
        }
    }
}

}  // namespace

DecklistCard make_card(const ParsedTile& tile, const CardMatch& match) {
    DecklistCard card;
    card.ocr_text = ocr_text_of(tile);
    card.quantity = tile.quantity;
    card.match_score = match.score;
    card.match_type = match.type;
    if (!match.card) {
        card.name_cn = card.ocr_text;
        return card;
    }
    const CardRecord& r = *match.card;
    card.name_cn = r.name_cn;
    card.name_en = r.name_en;
    card.card_number = r.card_number;
    card.type_en = non_empty(r.type_en);
    card.domain_en = non_empty(r.domain_en);
    card.cost = r.cost;
    card.rarity_en = non_empty(r.rarity_en);
    card.image_url_en = non_empty(r.image_url_en);
    return card;
}

DecklistStats compute_stats(const Decklist& decklist) {
    DecklistStats stats;
    double score_sum = 0;
    int tiles = 0;
    for (Section s : kAllSections) {
        for (const DecklistCard& card : decklist.cards(s)) {
            stats.total_cards += card.quantity;
            if (card.match_type != MatchType::none) stats.matched_cards += card.quantity;
            score_sum += card.match_score;
            ++tiles;
        }
    }
    if (stats.total_cards > 0) stats.accuracy = 100.0 * stats.matched_cards / stats.total_cards;
    if (tiles > 0) stats.mean_match_score = score_sum / tiles;
    return stats;
}

Decklist build_decklist(const ParsedDecklist& parsed, const CardMatcher& matcher,
                        const std::string& filename) {
    Decklist decklist;
    decklist.decklist_id = make_uuid4();
    decklist.filename = filename;
    decklist.warnings = parsed.warnings;
    decklist.metadata = make_metadata(parsed.metadata, decklist.warnings);

    for (Section s : kAllSections) {
        for (const ParsedTile& tile : parsed.tiles(s))
            decklist.cards(s).push_back(
                make_card(tile, matcher.match(s, tile.title, tile.subtitle)));
    }
    for (const DecklistCard& legend : decklist.cards(Section::legend)) {
        if (legend.name_en) {
            decklist.metadata.legend_name_en = legend.name_en;
            break;
        }
    }
    decklist.stats = compute_stats(decklist);
    for (std::string& w : deck_rule_warnings(decklist)) decklist.warnings.push_back(std::move(w));
    warn_about_matches(decklist, decklist.warnings);
    return decklist;
}

}  // namespace decklist
