#include "decklist/library/meta_report.hpp"

#include <gtest/gtest.h>

#include "json_schema.hpp"
#include "stored_decklists.hpp"

using decklist::meta_report;
using decklist::StoredDecklist;
using library_test::card;
using library_test::stored;
using library_test::tile;
using nlohmann::json;

namespace {

decklist::test::SchemaSet& schemas() {
    static decklist::test::SchemaSet set(std::string(DECKLIST_SOURCE_DIR) + "/docs/schemas");
    return set;
}

json yi(int quantity) {
    return card("OGS·009/024", "Yi, Honed", "易, 锋芒毕现", quantity);
}
json poro(int quantity) {
    return card("OGN·052/298", "Stalwart Poro", "强强魄罗", quantity);
}

// Three Yi decks and one Jinx deck: Yi plays Yi, Honed everywhere (3, 3, 2 copies) and
// Stalwart Poro in two decks (1 and 2 copies, one deck in two printings).
std::vector<StoredDecklist> field() {
    return {
        stored("a", "Wuju Bladesman", {{"main_deck", {yi(3), poro(1)}}}),
        stored("b", "Jinx", {{"main_deck", {card("OGN·001/298", "Get Excited!", "兴奋起来", 2)}}}),
        stored(
            "c", "Wuju Bladesman",
            {{"main_deck", {yi(3), poro(1), card("OGN·052a/298", "Stalwart Poro", "强强魄罗", 1)}},
             {"side_deck", {poro(1)}}}),
        stored("d", "Wuju Bladesman", {{"main_deck", {yi(2)}}}),
    };
}

// The report's card of this name and section in the legend at `index`.
json card_of(const json& report, std::size_t index, const std::string& name,
             const std::string& section) {
    for (const json& c : report["legends"][index]["cards"])
        if (c["name_en"] == name && c["section"] == section) return c;
    ADD_FAILURE() << "no " << name << " in " << section;
    return json();
}

}  // namespace

TEST(MetaReport, LegendsByDecksWithTheirShareOfTheField) {
    const json report = meta_report("Regional Open", field());
    EXPECT_EQ(report["event"], "Regional Open");
    EXPECT_EQ(report["decklists"], 4);
    ASSERT_EQ(report["legends"].size(), 2u);
    EXPECT_EQ(report["legends"][0]["legend"], "Wuju Bladesman");
    EXPECT_EQ(report["legends"][0]["decks"], 3);
    EXPECT_DOUBLE_EQ(report["legends"][0]["share"].get<double>(), 0.75);
    EXPECT_EQ(report["legends"][1]["legend"], "Jinx");
    EXPECT_DOUBLE_EQ(report["legends"][1]["share"].get<double>(), 0.25);
}

TEST(MetaReport, InclusionRateAndAverageCopiesPerCardByNameAndSection) {
    const json report = meta_report("Regional Open", field());
    const json yi_card = card_of(report, 0, "Yi, Honed", "main_deck");
    EXPECT_EQ(yi_card["decks"], 3);
    EXPECT_DOUBLE_EQ(yi_card["inclusion_rate"].get<double>(), 1.0);
    EXPECT_DOUBLE_EQ(yi_card["average_copies"].get<double>(), 2.667);  // 8 / 3
    EXPECT_EQ(yi_card["card_number"], "OGS·009/024");
    EXPECT_EQ(yi_card["name_cn"], "易, 锋芒毕现");

    // Two printings in deck c are one card there: 2 decks, (1 + (1 + 1)) / 2 copies.
    const json poro_card = card_of(report, 0, "Stalwart Poro", "main_deck");
    EXPECT_EQ(poro_card["decks"], 2);
    EXPECT_DOUBLE_EQ(poro_card["inclusion_rate"].get<double>(), 0.667);
    EXPECT_DOUBLE_EQ(poro_card["average_copies"].get<double>(), 1.5);
    EXPECT_EQ(poro_card["card_number"], "OGN·052/298");  // the printing both decks play

    const json side = card_of(report, 0, "Stalwart Poro", "side_deck");
    EXPECT_EQ(side["decks"], 1);
    EXPECT_DOUBLE_EQ(side["inclusion_rate"].get<double>(), 0.333);
    EXPECT_DOUBLE_EQ(side["average_copies"].get<double>(), 1.0);
    EXPECT_EQ(report["legends"][0]["cards"].size(), 3u);
}

TEST(MetaReport, CardsByInclusionThenCopiesThenName) {
    const json report = meta_report(
        "e", {stored("a", "L",
                     {{"main_deck",
                       {card("1", "Zed", "甲", 1), card("2", "Bard", "乙", 1),
                        card("3", "Ahri", "丙", 1), card("4", "Kai", "丁", 3)}},
                      {"runes", {card("5", "Calm Rune", "翠意符文", 6)}}}),
              stored("b", "L",
                     {{"main_deck", {card("1", "Zed", "甲", 2), card("6", "Lux", "戊", 1)}}})});
    std::vector<std::string> order;
    for (const json& c : report["legends"][0]["cards"]) order.push_back(c["name_en"]);
    EXPECT_EQ(order, (std::vector<std::string>{"Zed", "Calm Rune", "Kai", "Ahri", "Bard", "Lux"}));
}

TEST(MetaReport, LegendsOfEqualSizeByNameAndDecksWithoutALegendLast) {
    const json report = meta_report(
        "e", {stored("a", "", json::object()), stored("b", "Teemo", json::object()),
              stored("c", "Annie", json::object()), stored("d", "Teemo", json::object())});
    ASSERT_EQ(report["legends"].size(), 3u);
    EXPECT_EQ(report["legends"][0]["legend"], "Teemo");
    EXPECT_EQ(report["legends"][1]["legend"], "Annie");
    EXPECT_EQ(report["legends"][2]["legend"], nullptr);
    EXPECT_EQ(report["legends"][2]["decks"], 1);
    EXPECT_TRUE(report["legends"][2]["cards"].empty());
}

TEST(MetaReport, UnmatchedTilesAreNotCardsAndChineseNamesStandInForMissingEnglishOnes) {
    StoredDecklist a = stored("a", "L", {{"main_deck", {card("N-1", "", "未译", 2)}}});
    a.decklist["main_deck"][0]["name_en"] = nullptr;
    a.decklist["unmatched"]["main_deck"] = {tile("看不清", 3)};
    StoredDecklist b = stored("b", "L", {{"main_deck", {card("N-1", "", "未译", 1)}}});
    b.decklist["main_deck"][0]["name_en"] = nullptr;
    const json cards = meta_report("e", {a, b})["legends"][0]["cards"];
    ASSERT_EQ(cards.size(), 1u);
    EXPECT_EQ(cards[0]["name_en"], nullptr);
    EXPECT_EQ(cards[0]["name_cn"], "未译");
    EXPECT_EQ(cards[0]["decks"], 2);
    EXPECT_DOUBLE_EQ(cards[0]["average_copies"].get<double>(), 1.5);
}

TEST(MetaReport, AnEmptyEventHasNoLegends) {
    const json report = meta_report("nothing", {});
    EXPECT_EQ(report, json({{"event", "nothing"}, {"decklists", 0}, {"legends", json::array()}}));
    EXPECT_EQ(schemas().explain("meta_report.json", report), "");
}

TEST(MetaReport, ConformsToItsSchema) {
    std::vector<StoredDecklist> decks = field();
    decks.push_back(stored("e", "", {{"legend", {card("X", "", "某", 1)}}}));
    decks.back().decklist["legend"][0]["card_number"] = nullptr;
    const json report = meta_report("Regional Open", decks);
    EXPECT_EQ(schemas().explain("meta_report.json", report), "");
    // The schema is strict enough to catch a report that breaks it.
    json broken = report;
    broken["legends"][0]["cards"][0]["inclusion_rate"] = 1.5;
    EXPECT_NE(schemas().explain("meta_report.json", broken), "");
}
