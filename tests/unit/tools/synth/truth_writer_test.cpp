#include "synth/truth_writer.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "shared_data.hpp"
#include "synth/deck_generator.hpp"

namespace decklist::synth {
namespace {

std::vector<std::string> keys(const nlohmann::ordered_json& object) {
    std::vector<std::string> out;
    for (const auto& [key, value] : object.items()) out.push_back(key);
    return out;
}

TEST(TruthWriter, HasTheShapeOfTheHandMadeTruthFiles) {
    const CardDatabase db = CardDatabase::load_csv(testing::shared_cards_csv());
    const auto real =
        nlohmann::ordered_json::parse(std::ifstream(testing::shared_truth_files().front()));
    DeckGenerator generator(db, 9);
    const auto truth = truth_json(generator.next(), db, "synthetic_9_0.jpg", "a note");

    EXPECT_EQ(keys(truth), keys(real));
    EXPECT_EQ(keys(truth["metadata"]), keys(real["metadata"]));
    EXPECT_EQ(keys(truth["sections"]), keys(real["sections"]));
    EXPECT_EQ(truth["image"], "synthetic_9_0.jpg");
    EXPECT_TRUE(truth["metadata"]["placement"].is_number_integer());
    EXPECT_EQ(truth["notes"], nlohmann::ordered_json::array({"a note"}));

    const auto real_entry = real["sections"]["main_deck"].front();
    for (const auto& [section, entries] : truth["sections"].items()) {
        for (const auto& entry : entries) {
            EXPECT_EQ(keys(entry), keys(real_entry));
            const std::string name = entry["db_name_cn"];
            std::vector<std::string> numbers;
            for (const CardRecord* c : db.printings(name)) numbers.push_back(c->card_number);
            EXPECT_EQ(entry["card_numbers"].get<std::vector<std::string>>(), numbers);
            // A title alone is written with a null subtitle, as in the hand-made files.
            if (name.find(", ") == std::string::npos)
                EXPECT_TRUE(entry["subtitle"].is_null());
            else
                EXPECT_EQ(
                    entry["title"].get<std::string>() + ", " + entry["subtitle"].get<std::string>(),
                    name);
        }
    }
}

}  // namespace
}  // namespace decklist::synth
