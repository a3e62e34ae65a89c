// The C++ half of the deck code interop check (tests/interop/run.sh):
//   deck-code-interop random-decks CARDS_CSV SEED COUNT
//       one decklist JSON per line (to_json, exports attached), drawn from the database
//   deck-code-interop decode < codes
//       one line per code: {"code", "ok", "main", "side", "champion"} or {"code", "ok", "error"}
//   deck-code-interop encode < decks
//       one line per {"main": [{"cardCode", "count"}], "side": [...], "champion"}: our code
//       for it, or "error: ..." when the encoder refuses it
#include <cstdlib>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "decklist/error.hpp"
#include "decklist/export/deck_code.hpp"
#include "decklist/export/exports.hpp"
#include "decklist/match/card_db.hpp"
#include "random_decklists.hpp"

namespace {

namespace dc = decklist::deck_code;

nlohmann::json entries_json(const std::vector<dc::DeckEntry>& entries) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& e : entries)
        list.push_back({{"cardCode", dc::to_string(e.card)}, {"count", e.count}});
    return list;
}

int random_decks(const std::string& csv, std::uint32_t seed, int count) {
    const auto cards = decklist::CardDatabase::load_csv(csv);
    for (auto& decklist : interop::random_decklists(cards, seed, count)) {
        decklist::attach_exports(decklist);
        std::cout << decklist::to_json(decklist).dump() << '\n';
    }
    return 0;
}

int decode_lines() {
    std::string code;
    while (std::getline(std::cin, code)) {
        if (code.empty()) continue;
        nlohmann::json line = {{"code", code}};
        try {
            const auto deck = dc::decode(code);
            line["ok"] = true;
            line["version"] = deck.version;
            line["main"] = entries_json(deck.main);
            line["side"] = entries_json(deck.side);
            line["champion"] = deck.chosen_champion
                                   ? nlohmann::json(dc::to_string(*deck.chosen_champion))
                                   : nlohmann::json(nullptr);
        } catch (const decklist::Error& e) {
            line["ok"] = false;
            line["error"] = e.what();
        }
        std::cout << line.dump() << '\n';
    }
    return 0;
}

std::vector<dc::DeckEntry> entries_from(const nlohmann::json& list) {
    std::vector<dc::DeckEntry> entries;
    for (const auto& item : list) {
        const auto card = dc::parse_card_code(item.at("cardCode").get<std::string>());
        if (!card) throw std::invalid_argument("bad card code " + item.at("cardCode").dump());
        entries.push_back({*card, item.at("count").get<int>()});
    }
    return entries;
}

int encode_lines() {
    std::string line;
    while (std::getline(std::cin, line)) {
        if (line.empty()) continue;
        const auto json = nlohmann::json::parse(line);
        dc::Deck deck;
        deck.main = entries_from(json.at("main"));
        deck.side = entries_from(json.at("side"));
        if (json.contains("champion") && json["champion"].is_string())
            deck.chosen_champion = dc::parse_card_code(json["champion"].get<std::string>());
        try {
            std::cout << dc::encode(deck) << '\n';
        } catch (const decklist::Error& e) {
            std::cout << "error: " << e.what() << '\n';
        }
    }
    return 0;
}

int usage() {
    std::cerr << "usage: deck-code-interop random-decks CARDS_CSV SEED COUNT\n"
                 "       deck-code-interop decode < codes\n"
                 "       deck-code-interop encode < decks\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string command = argc > 1 ? argv[1] : "";
    try {
        if (command == "random-decks" && argc == 5)
            return random_decks(argv[2], static_cast<std::uint32_t>(std::stoul(argv[3])),
                                std::stoi(argv[4]));
        if (command == "decode" && argc == 2) return decode_lines();
        if (command == "encode" && argc == 2) return encode_lines();
    } catch (const std::exception& e) {
        std::cerr << "deck-code-interop: " << e.what() << '\n';
        return 1;
    }
    return usage();
}
