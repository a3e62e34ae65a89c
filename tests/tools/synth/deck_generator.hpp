#pragma once
// Draws random legal decks from the whole card database. Names are chosen least-used first
// (ties broken at random), so that a run of a few dozen decks shows every name at least once
// while each deck still looks like one a player would build: one legend, 40 main-deck cards
// in its two domains (at most 3 copies of a name across main and side deck), 3 battlefields,
// 12 runes of the legend's two domains, up to 8 side-deck cards.

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "decklist/match/card_db.hpp"
#include "synth/synthetic_deck.hpp"

namespace decklist::synth {

struct GeneratorOptions {
    // Token units are never legal in a deck; with this they may appear in the side deck so
    // that a run also exercises their names (the only ones with full-width brackets).
    bool tokens_in_side_deck = false;
};

struct Coverage {
    std::size_t used = 0;              // distinct names drawn so far
    std::size_t eligible = 0;          // names that the options let into some deck
    std::size_t total = 0;             // distinct names in the database
    std::vector<std::string> missing;  // eligible names never drawn
};

class DeckGenerator {
  public:
    DeckGenerator(const CardDatabase& db, std::uint64_t seed, GeneratorOptions options = {});

    SyntheticDeck next();
    Coverage coverage() const;

  private:
    enum class Pool { legend, main, battlefield, rune, token };
    struct Candidate {
        std::string name;
        std::vector<std::string> domains;  // empty for colourless
        std::string type_en;
    };

    const CardDatabase& db_;
    GeneratorOptions options_;
    std::mt19937_64 rng_;
    std::map<Pool, std::vector<Candidate>> pools_;
    std::map<std::string, int> uses_;

    // Up to `count` names from `pool` that `fits`, least used first.
    template <typename Fits>
    std::vector<const Candidate*> pick(Pool pool, std::size_t count, Fits fits);
    Tile tile_for(const Candidate& card, int quantity) const;
    void fill_main_and_side(SyntheticDeck& deck, const std::vector<std::string>& domains);
    std::vector<int> split_quantities(int total, std::size_t tiles);
};

}  // namespace decklist::synth
