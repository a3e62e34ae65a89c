#include "decklist/match/matcher.hpp"

#include <algorithm>
#include <limits>

#include "decklist/match/name_text.hpp"

namespace decklist {
namespace {

enum Group : std::size_t { kLegends, kBattlefields, kRunes, kDeckCards };

std::size_t group_of_type(const std::string& type_en) {
    if (type_en == "Legend") return kLegends;
    if (type_en == "Battlefield") return kBattlefields;
    if (type_en == "Basic Rune") return kRunes;
    return kDeckCards;
}

// The most `a` and `b` can score: every extra character of the longer one is an edit.
double score_ceiling(std::u32string_view a, std::u32string_view b) {
    const std::size_t longest = std::max(a.size(), b.size());
    if (longest == 0) return 0;
    return 100.0 * static_cast<double>(std::min(a.size(), b.size())) / static_cast<double>(longest);
}

// Best-so-far with the tie-break the header promises: score, then kind (full before
// title-only), then candidate order.
struct Best {
    double score = -1;
    int kind = std::numeric_limits<int>::max();
    std::size_t index = 0;

    void offer(double s, int k, std::size_t i) {
        if (s > score || (s == score && k < kind)) {
            score = s;
            kind = k;
            index = i;
        }
    }
    // Whether a candidate that can reach at most `ceiling` is worth scoring.
    bool could_beat(double ceiling) const { return ceiling >= score; }
};

}  // namespace

std::size_t CardMatcher::group_of(Section section) noexcept {
    switch (section) {
        case Section::legend:
            return kLegends;
        case Section::battlefields:
            return kBattlefields;
        case Section::runes:
            return kRunes;
        case Section::main_deck:
        case Section::side_deck:
            return kDeckCards;
    }
    return kDeckCards;
}

CardMatcher::CardMatcher(const CardDatabase& cards, MatcherOptions options) : options_(options) {
    for (const std::string& name : cards.names()) {
        const CardRecord* card = cards.preferred_printing(name);
        Candidate candidate;
        candidate.title = normalise_name(card->title);
        candidate.full = candidate.title + normalise_name(card->subtitle);
        candidate.has_subtitle = !card->subtitle.empty();
        candidate.card = card;
        Group& group = groups_[group_of_type(card->type_en)];
        const std::size_t index = group.candidates.size();
        group.by_full.try_emplace(candidate.full, index);
        if (!candidate.has_subtitle) group.by_plain_title.try_emplace(candidate.full, index);
        group.candidates.push_back(std::move(candidate));
    }
}

CardMatch CardMatcher::match(Section section, std::string_view title,
                             std::string_view subtitle) const {
    const Group& group = groups_[group_of(section)];
    const std::u32string tile_title = normalise_name(title);
    const std::u32string tile_full = tile_title + normalise_name(subtitle);
    const bool tile_has_subtitle = tile_full.size() > tile_title.size();
    if (tile_full.empty()) return {};

    // Most tiles read cleanly: a hash lookup settles them.
    if (const auto it = group.by_full.find(tile_full); it != group.by_full.end())
        return {group.candidates[it->second].card, 100, MatchType::exact};
    if (tile_has_subtitle) {
        if (const auto it = group.by_plain_title.find(tile_title); it != group.by_plain_title.end())
            return {group.candidates[it->second].card, 100, MatchType::exact};
    }

    enum Kind { kFull, kTitleOnly, kSubtitleMissing };
    Best best;
    for (std::size_t i = 0; i < group.candidates.size(); ++i) {
        const Candidate& c = group.candidates[i];
        if (best.could_beat(score_ceiling(tile_full, c.full)))
            best.offer(similarity_score(tile_full, c.full), kFull, i);
        if (tile_has_subtitle && !c.has_subtitle &&
            best.could_beat(score_ceiling(tile_title, c.full)))
            best.offer(similarity_score(tile_title, c.full), kTitleOnly, i);
        if (!tile_has_subtitle && c.has_subtitle &&
            best.could_beat(options_.title_only_factor * score_ceiling(tile_title, c.title)))
            best.offer(options_.title_only_factor * similarity_score(tile_title, c.title),
                       kSubtitleMissing, i);
    }
    if (best.score < options_.min_fuzzy_score) return {};
    return {group.candidates[best.index].card, best.score, MatchType::fuzzy};
}

}  // namespace decklist
