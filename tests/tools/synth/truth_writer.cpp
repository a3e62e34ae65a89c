#include "synth/truth_writer.hpp"

namespace decklist::synth {

nlohmann::ordered_json truth_json(const SyntheticDeck& deck, const CardDatabase& db,
                                  const std::string& image_name, const std::string& note) {
    nlohmann::ordered_json sections = nlohmann::ordered_json::object();
    for (Section s : kAllSections) {
        nlohmann::ordered_json entries = nlohmann::ordered_json::array();
        for (const Tile& tile : deck.at(s)) {
            nlohmann::ordered_json numbers = nlohmann::ordered_json::array();
            for (const CardRecord* card : db.printings(tile.name_cn))
                numbers.push_back(card->card_number);
            entries.push_back(
                {{"title", tile.title},
                 {"subtitle", tile.subtitle.empty() ? nlohmann::ordered_json(nullptr)
                                                    : nlohmann::ordered_json(tile.subtitle)},
                 {"quantity", tile.quantity},
                 {"db_name_cn", tile.name_cn},
                 {"card_numbers", numbers}});
        }
        sections[std::string(section_key(s))] = entries;
    }
    const DeckHeader& h = deck.header;
    return {{"image", image_name},
            {"metadata",
             {{"deck_name", h.deck_name},
              {"event", h.event},
              {"date", h.date},
              {"placement", h.placement},
              {"player", h.player}}},
            {"sections", sections},
            {"notes", nlohmann::ordered_json::array({note})}};
}

}  // namespace decklist::synth
