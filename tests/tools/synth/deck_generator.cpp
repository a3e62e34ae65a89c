#include "synth/deck_generator.hpp"

#include <algorithm>
#include <set>

#include "synth/header_generator.hpp"

namespace decklist::synth {
namespace {

std::vector<std::string> split_domains(const std::string& domain_en) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= domain_en.size()) {
        const std::size_t bar = domain_en.find('|', start);
        std::string part = domain_en.substr(start, bar == std::string::npos ? bar : bar - start);
        if (!part.empty() && part != "Colorless") out.push_back(part);
        if (bar == std::string::npos) break;
        start = bar + 1;
    }
    return out;
}

bool within(const std::vector<std::string>& card, const std::vector<std::string>& identity) {
    return std::all_of(card.begin(), card.end(), [&](const std::string& d) {
        return std::find(identity.begin(), identity.end(), d) != identity.end();
    });
}

}  // namespace

DeckGenerator::DeckGenerator(const CardDatabase& db, std::uint64_t seed, GeneratorOptions options)
    : db_(db), options_(options), rng_(seed) {
    for (const std::string& name : db.names()) {
        const CardRecord* card = db.preferred_printing(name);
        if (card == nullptr) continue;
        Candidate candidate{name, split_domains(card->domain_en), card->type_en};
        Pool pool = Pool::main;
        if (card->type_en == "Legend")
            pool = Pool::legend;
        else if (card->type_en == "Battlefield")
            pool = Pool::battlefield;
        else if (card->type_en == "Basic Rune")
            pool = Pool::rune;
        else if (card->type_en.rfind("Token", 0) == 0)
            pool = Pool::token;
        pools_[pool].push_back(std::move(candidate));
    }
    // A card whose domains no legend has could never be drawn; let it into any deck rather
    // than leave its name unexercised.
    for (Candidate& card : pools_[Pool::main]) {
        const bool playable = std::any_of(
            pools_[Pool::legend].begin(), pools_[Pool::legend].end(),
            [&](const Candidate& legend) { return within(card.domains, legend.domains); });
        if (!playable) card.domains.clear();
    }
}

template <typename Fits>
std::vector<const DeckGenerator::Candidate*> DeckGenerator::pick(Pool pool, std::size_t count,
                                                                 Fits fits) {
    std::vector<const Candidate*> candidates;
    for (const Candidate& c : pools_[pool])
        if (fits(c)) candidates.push_back(&c);
    std::shuffle(candidates.begin(), candidates.end(), rng_);
    std::stable_sort(candidates.begin(), candidates.end(),
                     [&](const auto* a, const auto* b) { return uses_[a->name] < uses_[b->name]; });
    if (candidates.size() > count) candidates.resize(count);
    for (const Candidate* c : candidates) ++uses_[c->name];
    return candidates;
}

Tile DeckGenerator::tile_for(const Candidate& card, int quantity) const {
    Tile tile;
    tile.name_cn = card.name;
    split_name_cn(card.name, tile.title, tile.subtitle);
    tile.quantity = quantity;
    tile.type_en = card.type_en;
    return tile;
}

// `total` cards over `tiles` tiles, each 1..3, leaning to 3 as real decks do.
std::vector<int> DeckGenerator::split_quantities(int total, std::size_t tiles) {
    std::vector<int> q(tiles, 1);
    int left = total - static_cast<int>(tiles);
    while (left > 0) {
        std::vector<std::size_t> open;
        for (std::size_t i = 0; i < tiles; ++i)
            if (q[i] < 3) open.push_back(i);
        if (open.empty()) break;
        ++q[open[std::uniform_int_distribution<std::size_t>(0, open.size() - 1)(rng_)]];
        --left;
    }
    return q;
}

void DeckGenerator::fill_main_and_side(SyntheticDeck& deck,
                                       const std::vector<std::string>& domains) {
    auto fits = [&](const Candidate& c) { return within(c.domains, domains); };
    std::uniform_real_distribution<double> coin(0.0, 1.0);
    std::vector<Tile>& main = deck.at(Section::main_deck);
    std::map<std::string, int> copies;

    // The app lists the chosen champion first.
    int champion_copies = 0;
    std::set<std::string> taken;
    for (const Candidate* c : pick(Pool::main, 1, [&](const Candidate& c) {
             return c.type_en == "Champion Unit" && fits(c);
         })) {
        champion_copies = coin(rng_) < 0.6 ? 1 : (coin(rng_) < 0.5 ? 2 : 3);
        main.push_back(tile_for(*c, champion_copies));
        taken.insert(c->name);
    }
    const int rest_cards = 40 - champion_copies;
    const std::size_t rest_tiles = std::uniform_int_distribution<std::size_t>(
        static_cast<std::size_t>((rest_cards + 2) / 3) + 1, 18)(rng_);
    auto others = pick(Pool::main, rest_tiles,
                       [&](const Candidate& c) { return fits(c) && !taken.count(c.name); });
    const std::vector<int> quantities = split_quantities(rest_cards, others.size());
    for (std::size_t i = 0; i < others.size(); ++i)
        main.push_back(tile_for(*others[i], quantities[i]));
    // Two printings of one name show as two tiles.
    for (std::size_t i = 1; i < main.size(); ++i) {
        if (main[i].quantity < 2 || db_.printings(main[i].name_cn).size() < 2 || coin(rng_) > 0.08)
            continue;
        Tile second = main[i];
        second.quantity = main[i].quantity - 1;
        main[i].quantity = 1;
        const std::size_t at = std::uniform_int_distribution<std::size_t>(i + 1, main.size())(rng_);
        main.insert(main.begin() + static_cast<std::ptrdiff_t>(at), second);
        ++i;
    }
    for (const Tile& t : main) copies[t.name_cn] += t.quantity;

    std::vector<Tile>& side = deck.at(Section::side_deck);
    int side_left = coin(rng_) < 0.6 ? 8 : std::uniform_int_distribution<int>(0, 8)(rng_);
    std::set<std::string> in_side;
    int attempts = 0;
    while (side_left > 0 && attempts++ < 40) {
        int want = std::min(side_left, std::uniform_int_distribution<int>(1, 3)(rng_));
        const Candidate* card = nullptr;
        const double roll = coin(rng_);
        if (options_.tokens_in_side_deck && roll < 0.3) {
            auto got =
                pick(Pool::token, 1, [&](const Candidate& c) { return !in_side.count(c.name); });
            if (!got.empty()) card = got.front();
        } else if (roll < 0.55) {
            // A main-deck card with copies to spare, as real side decks often hold.
            std::vector<const Tile*> spare;
            for (const Tile& t : main)
                if (copies[t.name_cn] < 3 && !in_side.count(t.name_cn)) spare.push_back(&t);
            if (!spare.empty()) {
                const Tile* t =
                    spare[std::uniform_int_distribution<std::size_t>(0, spare.size() - 1)(rng_)];
                for (const Candidate& c : pools_[Pool::main])
                    if (c.name == t->name_cn) card = &c;
                if (card) ++uses_[card->name];
            }
        }
        if (card == nullptr) {
            auto got = pick(Pool::main, 1, [&](const Candidate& c) {
                return fits(c) && !copies.count(c.name) && !in_side.count(c.name);
            });
            if (got.empty()) continue;
            card = got.front();
        }
        want = std::min(want, 3 - copies[card->name]);
        if (want <= 0) continue;
        side.push_back(tile_for(*card, want));
        copies[card->name] += want;
        in_side.insert(card->name);
        side_left -= want;
    }
}

SyntheticDeck DeckGenerator::next() {
    SyntheticDeck deck;
    const auto any = [](const Candidate&) { return true; };
    const Candidate* legend = pick(Pool::legend, 1, any).front();
    deck.at(Section::legend).push_back(tile_for(*legend, 1));
    deck.header = random_header(rng_, deck.at(Section::legend).front().title, legend->domains);

    fill_main_and_side(deck, legend->domains);

    for (const Candidate* c : pick(Pool::battlefield, 3, any))
        deck.at(Section::battlefields).push_back(tile_for(*c, 1));

    // Runes of the legend's domains; a one-domain legend takes the least-used other rune.
    std::vector<const Candidate*> runes;
    for (const std::string& domain : legend->domains) {
        auto got = pick(Pool::rune, 1, [&](const Candidate& c) {
            return !c.domains.empty() && c.domains.front() == domain;
        });
        if (!got.empty() && runes.size() < 2) runes.push_back(got.front());
    }
    while (runes.size() < 2) {
        auto got = pick(Pool::rune, 1, [&](const Candidate& c) {
            return std::find(runes.begin(), runes.end(), &c) == runes.end();
        });
        if (got.empty()) break;
        runes.push_back(got.front());
    }
    static constexpr int kSplits[][2] = {{6, 6}, {6, 6}, {7, 5}, {5, 7}, {8, 4}, {4, 8}, {9, 3}};
    const auto& split =
        kSplits[std::uniform_int_distribution<std::size_t>(0, std::size(kSplits) - 1)(rng_)];
    for (std::size_t i = 0; i < runes.size(); ++i)
        deck.at(Section::runes).push_back(tile_for(*runes[i], runes.size() == 2 ? split[i] : 12));
    return deck;
}

Coverage DeckGenerator::coverage() const {
    Coverage cov;
    cov.total = db_.names().size();
    for (const auto& [pool, cards] : pools_) {
        if (pool == Pool::token && !options_.tokens_in_side_deck) continue;
        for (const Candidate& c : cards) {
            ++cov.eligible;
            const auto it = uses_.find(c.name);
            if (it != uses_.end() && it->second > 0)
                ++cov.used;
            else
                cov.missing.push_back(c.name);
        }
    }
    return cov;
}

}  // namespace decklist::synth
