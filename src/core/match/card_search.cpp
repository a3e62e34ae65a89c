#include "decklist/match/card_search.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

namespace decklist {
namespace {

// How well one field answers the query; lower ranks are listed first.
enum CardSearchRank { kSearchExact = 0, kSearchPrefix = 1, kSearchContains = 2 };

// Chinese text has no case; English names and card numbers are ASCII.
std::string search_folded(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    });
    return out;
}

std::string_view search_trimmed(std::string_view text) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
    return text;
}

std::optional<CardSearchRank> search_rank(const std::string& field, const std::string& query) {
    const auto at = search_folded(field).find(query);
    if (at == std::string::npos) return std::nullopt;
    if (at != 0) return kSearchContains;
    return field.size() == query.size() ? kSearchExact : kSearchPrefix;
}

}  // namespace

std::vector<const CardRecord*> search_cards(const CardDatabase& cards, std::string_view query,
                                            std::size_t limit) {
    const std::string folded = search_folded(search_trimmed(query));
    if (folded.empty() || limit == 0) return {};
    std::vector<std::pair<CardSearchRank, const CardRecord*>> found;
    for (const CardRecord& row : cards.rows()) {
        std::optional<CardSearchRank> best;
        for (const std::string* field : {&row.name_cn, &row.name_en, &row.card_number}) {
            const auto rank = search_rank(*field, folded);
            if (rank && (!best || *rank < *best)) best = rank;
        }
        if (best) found.emplace_back(*best, &row);
    }
    // Stable: within a rank, file order.
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<const CardRecord*> out;
    for (std::size_t i = 0; i < found.size() && i < limit; ++i) out.push_back(found[i].second);
    return out;
}

}  // namespace decklist
