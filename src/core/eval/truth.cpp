#include "decklist/eval/truth.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

#include "decklist/error.hpp"

namespace decklist {
namespace {

std::string string_or_empty(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    return it == j.end() || it->is_null() ? std::string() : it->get<std::string>();
}

}  // namespace

Truth load_truth(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw Error(ErrorType::validation, "cannot open truth file " + path);
    try {
        const nlohmann::json j = nlohmann::json::parse(in);
        Truth truth;
        truth.image = string_or_empty(j, "image");
        const nlohmann::json& m = j.at("metadata");
        truth.metadata.deck_name = string_or_empty(m, "deck_name");
        truth.metadata.event = string_or_empty(m, "event");
        truth.metadata.date = string_or_empty(m, "date");
        truth.metadata.player = string_or_empty(m, "player");
        if (m.contains("placement") && !m["placement"].is_null())
            truth.metadata.placement = m["placement"].get<int>();
        for (Section s : kAllSections) {
            const auto it = j.at("sections").find(std::string(section_key(s)));
            if (it == j.at("sections").end()) continue;
            for (const nlohmann::json& e : *it) {
                TruthEntry entry;
                entry.title = string_or_empty(e, "title");
                entry.subtitle = string_or_empty(e, "subtitle");
                entry.quantity = e.at("quantity").get<int>();
                entry.db_name_cn = string_or_empty(e, "db_name_cn");
                if (e.contains("card_numbers"))
                    entry.card_numbers = e["card_numbers"].get<std::vector<std::string>>();
                truth.sections[static_cast<std::size_t>(s)].push_back(std::move(entry));
            }
        }
        return truth;
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorType::validation, "malformed truth file " + path + ": " + e.what());
    }
}

ParsedDecklist perfect_reading(const Truth& truth) {
    ParsedDecklist parsed;
    parsed.metadata = truth.metadata;
    for (Section s : kAllSections)
        for (const TruthEntry& e : truth.entries(s))
            parsed.tiles(s).push_back({e.title, e.subtitle, e.quantity, 100.0f});
    return parsed;
}

}  // namespace decklist
