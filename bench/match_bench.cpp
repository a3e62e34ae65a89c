// How long matching costs: every tile of every shared truth file, read perfectly and with
// one misread character per tile (the slow path: a scan of the section's candidates).

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "core/common/stopwatch.hpp"
#include "decklist/assemble/build_decklist.hpp"
#include "decklist/eval/truth.hpp"
#include "decklist/match/card_db.hpp"
#include "decklist/match/matcher.hpp"
#include "decklist/match/utf8.hpp"

using namespace decklist;
namespace fs = std::filesystem;

namespace {

// Replaces the title's last character with one that is in no card name.
ParsedDecklist with_one_misread_per_tile(ParsedDecklist parsed) {
    for (auto& tiles : parsed.sections)
        for (ParsedTile& tile : tiles) {
            std::u32string title = utf8::decode(tile.title);
            if (!title.empty()) title.back() = U'囧';
            tile.title = utf8::encode(title);
        }
    return parsed;
}

double microseconds_per_deck(const std::vector<ParsedDecklist>& decks, const CardMatcher& matcher,
                             int rounds) {
    const Stopwatch stopwatch;
    std::size_t sink = 0;
    for (int r = 0; r < rounds; ++r)
        for (const ParsedDecklist& deck : decks)
            sink += build_decklist(deck, matcher, "bench").stats.matched_cards;
    const double us = stopwatch.elapsed_ms() * 1000;
    if (sink == 0) std::puts("");  // keeps the work observable
    return us / (rounds * static_cast<double>(decks.size()));
}

}  // namespace

int main(int argc, char** argv) {
    const std::string shared = argc > 1 ? argv[1] : DECKLIST_SHARED_DIR;
    const CardDatabase db = CardDatabase::load_csv(shared + "/riftbound/cards.csv");
    const CardMatcher matcher(db);
    std::vector<ParsedDecklist> clean, misread;
    for (const auto& entry : fs::directory_iterator(shared + "/riftbound/truth")) {
        clean.push_back(perfect_reading(load_truth(entry.path().string())));
        misread.push_back(with_one_misread_per_tile(clean.back()));
    }
    const int rounds = 2000;
    std::printf("match+build per deck, clean reading:       %8.1f us\n",
                microseconds_per_deck(clean, matcher, rounds));
    std::printf("match+build per deck, one misread per tile: %8.1f us\n",
                microseconds_per_deck(misread, matcher, rounds / 10));
    return 0;
}
