#pragma once
// Scoring a decklist against ground truth. An entry is (section, card name, quantity) with
// quantities summed per name, because the app may show one name in two tiles (two
// printings) and neither side can tell which tile is which printing.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "decklist/decklist.hpp"
#include "decklist/eval/truth.hpp"

namespace decklist {

struct EntryCounts {
    int correct = 0;    // entries in both, same quantity
    int predicted = 0;  // entries we produced
    int expected = 0;   // entries in the truth
    double precision() const { return predicted ? 100.0 * correct / predicted : 100.0; }
    double recall() const { return expected ? 100.0 * correct / expected : 100.0; }
    EntryCounts& operator+=(const EntryCounts& o);
};

inline constexpr std::array<std::string_view, 5> kMetadataFields = {"deck_name", "event", "date",
                                                                    "placement", "player"};

struct ImageEvaluation {
    std::string image;
    EntryCounts entries;
    std::array<bool, 5> metadata_correct{};  // in kMetadataFields order
    std::vector<std::string> differences;    // readable, one per wrong entry or field
};

ImageEvaluation evaluate(const Decklist& decklist, const Truth& truth);

}  // namespace decklist
