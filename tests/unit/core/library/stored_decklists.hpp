#pragma once
// Small hand-made library records for the event export and meta report tests: a decklist
// JSON with only the keys those functions read, and the store's indexed columns beside it.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "decklist/library/decklist_store.hpp"

namespace library_test {

inline nlohmann::json card(const std::string& card_number, const std::string& name_en,
                           const std::string& name_cn, int quantity) {
    return {{"card_number", card_number},
            {"name_en", name_en},
            {"name_cn", name_cn},
            {"quantity", quantity}};
}

inline nlohmann::json tile(const std::string& ocr_text, int quantity) {
    return {{"ocr_text", ocr_text}, {"quantity", quantity}, {"match_score", 40.0}};
}

// A decklist JSON with the five sections (empty unless given) and empty unmatched lists.
inline nlohmann::json decklist_json(const std::string& id, nlohmann::json sections) {
    nlohmann::json d = {{"decklist_id", id},
                        {"metadata", {{"deck_name", nullptr}}},
                        {"text", ""},
                        {"deck_code", nullptr}};
    nlohmann::json unmatched = nlohmann::json::object();
    for (const char* key : {"legend", "main_deck", "battlefields", "runes", "side_deck"}) {
        d[key] = sections.contains(key) ? sections[key] : nlohmann::json::array();
        unmatched[key] = nlohmann::json::array();
    }
    d["unmatched"] = unmatched;
    return d;
}

// A stored record whose columns agree with its JSON, as the store keeps them.
inline decklist::StoredDecklist stored(const std::string& id, const std::string& legend,
                                       nlohmann::json sections) {
    decklist::StoredDecklist s;
    s.id = id;
    s.event = "Regional Open";
    s.legend = legend;
    s.decklist = decklist_json(id, std::move(sections));
    return s;
}

}  // namespace library_test
