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

// The most two strings sharing `shared` characters can score: a character that survives an
// alignment unedited is a shared one, so distance >= longer length - shared.
double score_ceiling(std::size_t a_size, std::size_t b_size, int shared) {
    const std::size_t longest = std::max(a_size, b_size);
    if (longest == 0) return 0;
    return 100.0 * static_cast<double>(shared) / static_cast<double>(longest);
}

// (character, occurrences) for each distinct character; names are short, so sorting a copy
// is cheaper than hashing.
std::vector<std::pair<char32_t, std::uint32_t>> histogram(std::u32string_view text) {
    std::u32string sorted(text);
    std::sort(sorted.begin(), sorted.end());
    std::vector<std::pair<char32_t, std::uint32_t>> counts;
    for (char32_t c : sorted) {
        if (counts.empty() || counts.back().first != c) counts.emplace_back(c, 0);
        ++counts.back().second;
    }
    return counts;
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
    bool could_beat(double ceiling, double threshold) const {
        return ceiling >= score && ceiling >= threshold;
    }
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

void CardMatcher::add_postings(Postings& postings, std::u32string_view text, std::uint32_t index) {
    for (const auto& [c, count] : histogram(text)) postings[c].push_back({index, count});
}

void CardMatcher::count_shared(const Postings& postings, std::u32string_view text,
                               std::vector<int>& shared) {
    std::fill(shared.begin(), shared.end(), 0);
    for (const auto& [c, count] : histogram(text)) {
        const auto it = postings.find(c);
        if (it == postings.end()) continue;
        for (const Posting& p : it->second)
            shared[p.candidate] += static_cast<int>(std::min(count, p.count));
    }
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
        add_postings(group.full_postings, candidate.full, static_cast<std::uint32_t>(index));
        add_postings(group.title_postings, candidate.title, static_cast<std::uint32_t>(index));
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
    const std::size_t n = group.candidates.size();
    std::vector<int> shared_full(n), shared_title(n);
    count_shared(group.full_postings, tile_full, shared_full);
    // The title is compared with whole names (no subtitle) or with titles (subtitle unread).
    count_shared(tile_has_subtitle ? group.full_postings : group.title_postings, tile_title,
                 shared_title);

    const double threshold = options_.min_fuzzy_score;
    const double factor = options_.title_only_factor;
    Best best;
    for (std::size_t i = 0; i < n; ++i) {
        const Candidate& c = group.candidates[i];
        if (best.could_beat(score_ceiling(tile_full.size(), c.full.size(), shared_full[i]),
                            threshold))
            best.offer(similarity_score(tile_full, c.full), kFull, i);
        if (tile_has_subtitle && !c.has_subtitle &&
            best.could_beat(score_ceiling(tile_title.size(), c.full.size(), shared_title[i]),
                            threshold))
            best.offer(similarity_score(tile_title, c.full), kTitleOnly, i);
        if (!tile_has_subtitle && c.has_subtitle &&
            best.could_beat(
                factor * score_ceiling(tile_title.size(), c.title.size(), shared_title[i]),
                threshold))
            best.offer(factor * similarity_score(tile_title, c.title), kSubtitleMissing, i);
    }
    if (best.score < options_.min_fuzzy_score) return {};
    return {group.candidates[best.index].card, best.score, MatchType::fuzzy};
}

}  // namespace decklist
