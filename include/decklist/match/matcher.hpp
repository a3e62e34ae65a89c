#pragma once
// Tile text -> card database name. Each section only looks at the cards that can be in it
// (a legend tile at Legends, a rune tile at Basic Runes...), which keeps near-identical names
// in other card types from stealing a match.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "decklist/decklist.hpp"
#include "decklist/match/card_db.hpp"
#include "decklist/section.hpp"

namespace decklist {

struct CardMatch {
    const CardRecord* card = nullptr;  // preferred printing of the matched name; null for none
    double score = 0;                  // 0-100; 0 when nothing matched
    MatchType type = MatchType::none;
};

struct MatcherOptions {
    // Below this a guess is worse than no answer: half of the longer name must survive.
    double min_fuzzy_score = 50;
    // A tile read without its subtitle can only be matched on the title, which several
    // printings of a champion share; such a match is never better than this share.
    double title_only_factor = 0.85;
};

class CardMatcher {
  public:
    // `cards` must outlive the matcher.
    explicit CardMatcher(const CardDatabase& cards, MatcherOptions options = {});

    // `title` and `subtitle` as OCR read them (subtitle empty when the tile has none). Tries,
    // in order: "title, subtitle" against full names; the title alone against names without
    // a subtitle (the app prints a subtitle the database does not have, e.g. the starter
    // legend 无极剑圣 / 入门); the title against the titles of names with a subtitle when OCR
    // saw none. Ties go to full-name matches, then to database order: deterministic.
    CardMatch match(Section section, std::string_view title, std::string_view subtitle) const;

    const MatcherOptions& options() const noexcept { return options_; }

  private:
    struct Candidate {
        std::u32string full;   // normalised title + subtitle, no separator
        std::u32string title;  // normalised title
        bool has_subtitle = false;
        const CardRecord* card = nullptr;  // preferred printing
    };
    // Which candidates hold a character, and how often: counting shared characters bounds
    // the best score a candidate can reach, so most are never compared in full.
    struct Posting {
        std::uint32_t candidate;
        std::uint32_t count;
    };
    using Postings = std::unordered_map<char32_t, std::vector<Posting>>;
    // Legend, battlefield, rune and "everything else" (main and side deck share it).
    struct Group {
        std::vector<Candidate> candidates;
        Postings full_postings;                                          // over Candidate::full
        Postings title_postings;                                         // over Candidate::title
        std::unordered_map<std::u32string, std::size_t> by_full;         // exact lookups
        std::unordered_map<std::u32string, std::size_t> by_plain_title;  // names w/o subtitle
    };
    static std::size_t group_of(Section section) noexcept;
    static void add_postings(Postings& postings, std::u32string_view text, std::uint32_t index);
    // For each candidate, how many characters of `text` it shares (with multiplicity).
    static void count_shared(const Postings& postings, std::u32string_view text,
                             std::vector<int>& shared);

    MatcherOptions options_;
    std::array<Group, 4> groups_;
};

}  // namespace decklist
