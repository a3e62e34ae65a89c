#include "decklist/eval/evaluate.hpp"

#include <map>
#include <optional>

#include "decklist/assemble/normalise_date.hpp"

namespace decklist {
namespace {

using Entries = std::map<std::string, int>;  // name -> summed quantity, one section

// Unmatched tiles are entries the decklist reports too (under what was read), so they
// count against precision.
Entries predicted_entries(const Decklist& d, Section s) {
    Entries out;
    for (const DecklistCard& card : d.cards(s)) out[card.name_cn] += card.quantity;
    for (const DecklistCard& tile : d.unmatched_tiles(s)) out[tile.name_cn] += tile.quantity;
    return out;
}

Entries expected_entries(const Truth& t, Section s) {
    Entries out;
    for (const TruthEntry& e : t.entries(s)) out[e.db_name_cn] += e.quantity;
    return out;
}

std::string describe(const std::string& name, int quantity) {
    return quantity ? name + " x" + std::to_string(quantity) : std::string("(absent)");
}

void compare_section(Section s, const Entries& got, const Entries& want, ImageEvaluation& out) {
    out.entries.predicted += static_cast<int>(got.size());
    out.entries.expected += static_cast<int>(want.size());
    for (const auto& [name, quantity] : want) {
        const auto it = got.find(name);
        const int got_quantity = it == got.end() ? 0 : it->second;
        if (got_quantity == quantity) {
            ++out.entries.correct;
        } else {
            out.differences.push_back(std::string(section_key(s)) + ": expected " +
                                      describe(name, quantity) + ", got " +
                                      describe(name, got_quantity));
        }
    }
    for (const auto& [name, quantity] : got)
        if (!want.count(name))
            out.differences.push_back(std::string(section_key(s)) + ": unexpected " +
                                      describe(name, quantity));
}

std::string shown(const std::optional<std::string>& v) {
    return v ? "\"" + *v + "\"" : "null";
}
std::string shown(const std::optional<int>& v) {
    return v ? std::to_string(*v) : "null";
}
std::optional<std::string> present(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

template <typename T>
bool compare_field(std::string_view field, const std::optional<T>& got,
                   const std::optional<T>& want, ImageEvaluation& out) {
    if (got == want) return true;
    out.differences.push_back(std::string(field) + ": expected " + shown(want) + ", got " +
                              shown(got));
    return false;
}

}  // namespace

EntryCounts& EntryCounts::operator+=(const EntryCounts& o) {
    correct += o.correct;
    predicted += o.predicted;
    expected += o.expected;
    return *this;
}

ImageEvaluation evaluate(const Decklist& decklist, const Truth& truth) {
    ImageEvaluation out;
    out.image = truth.image.empty() ? decklist.filename : truth.image;
    for (Section s : kAllSections)
        compare_section(s, predicted_entries(decklist, s), expected_entries(truth, s), out);

    const DecklistMetadata& m = decklist.metadata;
    const ParsedMetadata& t = truth.metadata;
    std::optional<std::string> want_date = normalise_date(t.date);
    if (!want_date) want_date = present(t.date);
    out.metadata_correct = {compare_field("deck_name", m.deck_name, present(t.deck_name), out),
                            compare_field("event", m.event, present(t.event), out),
                            compare_field("date", m.date, want_date, out),
                            compare_field("placement", m.placement, t.placement, out),
                            compare_field("player", m.player, present(t.player), out)};
    return out;
}

}  // namespace decklist
