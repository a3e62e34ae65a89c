#include "decklist/assemble/build_decklist.hpp"

#include <algorithm>
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
        if (!m.date)
            warnings.push_back(std::string(kDateNotUnderstood) + "\"" + parsed.date + "\"");
    }
    return m;
}

void add_reason(Decklist& decklist, ReviewCode code, std::string message) {
    decklist.review_reasons.push_back({code, std::move(message)});
}

// Every unmatched tile and every match under kLowConfidenceScore: a warning and a reason.
void check_matches(Decklist& decklist) {
    for (Section s : kAllSections) {
        const std::string section(section_key(s));
        for (const DecklistCard& tile : decklist.unmatched_tiles(s)) {
            std::string message = section + " tile \"" + tile.ocr_text + "\" matched no card";
            decklist.warnings.push_back(message);
            add_reason(decklist, ReviewCode::unmatched_tile, std::move(message));
        }
        for (const DecklistCard& card : decklist.cards(s)) {
            if (card.match_score >= kLowConfidenceScore) continue;
            std::string message = section + " tile \"" + card.ocr_text + "\" matched \"" +
                                  card.name_cn + "\" with low confidence (score " +
                                  format_score(card.match_score) + ")";
            decklist.warnings.push_back(message);
            add_reason(decklist, ReviewCode::low_confidence_match, std::move(message));
        }
    }
}

// What the reading itself noticed: a panel cut by the image's edge or the page cut below
// one, a section shown twice.
void check_reading(const ParsedDecklist& parsed, Decklist& decklist) {
    if (parsed.cut_off_section) {
        add_reason(decklist, ReviewCode::image_cut_off,
                   "the image ends inside section " +
                       std::string(section_key(*parsed.cut_off_section)) +
                       "; cards below the edge are missing");
    }
    if (parsed.cut_below_section) {
        add_reason(decklist, ReviewCode::image_cut_off,
                   "the image ends below section " +
                       std::string(section_key(*parsed.cut_below_section)) +
                       " where the page goes on; the sections after it are missing");
    }
    for (Section s : parsed.sections_seen_twice) {
        add_reason(decklist, ReviewCode::section_seen_twice,
                   "section " + std::string(section_key(s)) +
                       " appears twice in the image; one copy was kept");
    }
}

}  // namespace

DecklistCard card_from_record(const CardRecord& r) {
    DecklistCard card;
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

DecklistCard make_card(const ParsedTile& tile, const CardMatch& match) {
    DecklistCard card = match.card ? card_from_record(*match.card) : DecklistCard{};
    card.ocr_text = ocr_text_of(tile);
    if (!match.card) card.name_cn = card.ocr_text;
    card.quantity = tile.quantity;
    card.match_score = match.score;
    card.match_type = match.type;
    card.bbox = tile.bbox;
    return card;
}

DecklistStats compute_stats(const Decklist& decklist) {
    DecklistStats stats;
    double score_sum = 0;
    int tiles = 0, accounted = 0, due = 0;
    for (Section s : kAllSections) {
        SectionCount& count = stats.sections[static_cast<std::size_t>(s)];
        for (const DecklistCard& card : decklist.cards(s)) {
            count.found += card.quantity;
            score_sum += card.match_score;
            ++tiles;
        }
        for (const DecklistCard& tile : decklist.unmatched_tiles(s)) {
            count.unmatched += tile.quantity;
            score_sum += tile.match_score;
            ++tiles;
        }
        count.expected = expected_cards(s, count.found + count.unmatched);
        stats.total_cards += count.found + count.unmatched;
        stats.matched_cards += count.found;
        accounted += std::min(count.found, count.expected);
        due += std::max(count.expected, count.found + count.unmatched);
    }
    if (due > 0) stats.accuracy = 100.0 * accounted / due;
    if (tiles > 0) stats.mean_match_score = score_sum / tiles;
    return stats;
}

void assess_decklist(Decklist& decklist) {
    decklist.metadata.legend_name_en.reset();
    for (const DecklistCard& legend : decklist.cards(Section::legend)) {
        if (legend.name_en) {
            decklist.metadata.legend_name_en = legend.name_en;
            break;
        }
    }
    decklist.stats = compute_stats(decklist);
    for (std::string& rule_break : deck_rule_warnings(decklist)) {
        decklist.warnings.push_back(rule_break);
        add_reason(decklist, ReviewCode::section_off_rules, std::move(rule_break));
    }
    check_matches(decklist);
    decklist.needs_review = !decklist.review_reasons.empty();
}

Decklist build_decklist(const ParsedDecklist& parsed, const CardMatcher& matcher,
                        const std::string& filename) {
    Decklist decklist;
    decklist.decklist_id = make_uuid4();
    decklist.filename = filename;
    decklist.warnings = parsed.warnings;
    decklist.metadata = make_metadata(parsed.metadata, decklist.warnings);

    for (Section s : kAllSections) {
        for (const ParsedTile& tile : parsed.tiles(s)) {
            DecklistCard card = make_card(tile, matcher.match(s, tile.title, tile.subtitle));
            auto& list = card.match_type == MatchType::none ? decklist.unmatched_tiles(s)
                                                            : decklist.cards(s);
            list.push_back(std::move(card));
        }
    }
    check_reading(parsed, decklist);
    assess_decklist(decklist);
    return decklist;
}

}  // namespace decklist
