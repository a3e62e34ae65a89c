// The card matcher on arbitrary text (valid or broken UTF-8) against the real card database.
// Input: one byte choosing the section, then title and subtitle separated by '\n'.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "decklist/match/card_db.hpp"
#include "decklist/match/matcher.hpp"
#include "decklist/section.hpp"

namespace {
const decklist::CardDatabase& cards() {
    static const auto db =
        decklist::CardDatabase::load_csv(std::string(DECKLIST_SHARED_DIR) + "/riftbound/cards.csv");
    return db;
}
const decklist::CardMatcher& matcher() {
    static const decklist::CardMatcher m(cards());
    return m;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1 || size > 512) return 0;  // tile text is one or two short lines
    const auto section = decklist::kAllSections[data[0] % decklist::kAllSections.size()];
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    const auto newline = text.find('\n');
    const std::string_view title = text.substr(0, newline);
    const std::string_view subtitle =
        newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);

    const auto match = matcher().match(section, title, subtitle);
    if (match.score < 0 || match.score > 100) std::abort();
    if ((match.card == nullptr) != (match.type == decklist::MatchType::none)) std::abort();
    return 0;
}
