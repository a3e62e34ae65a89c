#include "decklist/export/decklist_code.hpp"

#include <gtest/gtest.h>

#include "decklist/export/exports.hpp"
#include "export_fixtures.hpp"

using decklist::Section;
using export_test::matched;
using export_test::sample_decklist;
using export_test::unmatched;
namespace dc = decklist::deck_code;

namespace {

int count_of(const std::vector<dc::DeckEntry>& entries, const char* code) {
    for (const auto& e : entries)
        if (dc::to_string(e.card) == code) return e.count;
    return 0;
}

bool mentions(const std::vector<std::string>& lines, const std::string& text) {
    for (const auto& line : lines)
        if (line.find(text) != std::string::npos) return true;
    return false;
}

}  // namespace

TEST(DecklistCode, MainHoldsLegendMainBattlefieldsAndRunesSideHoldsSideDeck) {
    const auto result = decklist::make_deck_code(sample_decklist());
    ASSERT_TRUE(result.code) << (result.problems.empty() ? "" : result.problems[0]);
    const auto decoded = dc::decode(*result.code);
    EXPECT_EQ(count_of(decoded.main, "OGS-019"), 1);  // legend
    EXPECT_EQ(count_of(decoded.main, "OGN-044"), 3);  // main deck
    EXPECT_EQ(count_of(decoded.main, "OGN-284"), 1);  // battlefield
    EXPECT_EQ(count_of(decoded.main, "OGN-126"), 6);  // rune
    EXPECT_EQ(decoded.main.size(), 10u);
    EXPECT_EQ(count_of(decoded.side, "OGN-156"), 2);
    EXPECT_EQ(decoded.side.size(), 2u);
    EXPECT_EQ(decoded.chosen_champion, dc::parse_card_code("OGS-009"));
}

TEST(DecklistCode, ChampionOnlyWhenTheFirstMainTileIsAChampionUnit) {
    auto d = sample_decklist();
    std::swap(d.cards(Section::main_deck)[0], d.cards(Section::main_deck)[1]);
    const auto result = decklist::make_deck_code(d);
    ASSERT_TRUE(result.code);
    EXPECT_FALSE(dc::decode(*result.code).chosen_champion);
}

TEST(DecklistCode, TilesOfOneCardAreAddedTogether) {
    auto d = sample_decklist();
    d.cards(Section::main_deck).push_back(matched("OGN·044/298", 1));
    d.cards(Section::runes).push_back(matched("OGN·042a/298", 2));
    const auto decoded = dc::decode(*decklist::make_deck_code(d).code);
    EXPECT_EQ(count_of(decoded.main, "OGN-044"), 4);
    EXPECT_EQ(count_of(decoded.main, "OGN-042"), 6);
    EXPECT_EQ(count_of(decoded.main, "OGN-042a"), 2);
}

TEST(DecklistCode, SignedPrintingsKeepTheirVariant) {
    auto d = sample_decklist();
    d.cards(Section::legend) = {matched("OGN·299*/298", 1)};
    const auto decoded = dc::decode(*decklist::make_deck_code(d).code);
    EXPECT_EQ(count_of(decoded.main, "OGN-299*"), 1);
}

TEST(DecklistCode, UnmatchedTileMeansNoCodeAndSaysWhichTile) {
    auto d = sample_decklist();
    d.unmatched_tiles(Section::side_deck).push_back(unmatched("某某牌", 2));
    const auto result = decklist::make_deck_code(d);
    EXPECT_FALSE(result.code);
    EXPECT_TRUE(mentions(result.problems, "side_deck '某某牌' x2")) << result.problems[0];
}

TEST(DecklistCode, SetUnknownToTheFormatMeansNoCode) {
    auto d = sample_decklist();
    d.cards(Section::main_deck).push_back(matched("FND-196/298", 1));
    d.cards(Section::main_deck).push_back(matched("ARC-001/006", 1));  // ARC is known
    const auto result = decklist::make_deck_code(d);
    EXPECT_FALSE(result.code);
    ASSERT_EQ(result.problems.size(), 1u);
    EXPECT_TRUE(mentions(result.problems, "set FND of Teemo, Scout (FND-196)"));
}

TEST(DecklistCode, CountsTheFormatCannotHoldMeanNoCode) {
    auto d = sample_decklist();
    d.cards(Section::runes).push_back(matched("OGN·042/298", 7));      // 13 Calm Runes
    d.cards(Section::side_deck).push_back(matched("OGN·156/298", 2));  // 4 Sabotage
    const auto result = decklist::make_deck_code(d);
    EXPECT_FALSE(result.code);
    EXPECT_TRUE(mentions(result.problems, "OGN-042 appears 13 times in the main deck"));
    EXPECT_TRUE(mentions(result.problems, "OGN-156 appears 4 times in the side deck"));
}

TEST(DecklistCode, EmptyDecklistHasNoCode) {
    const auto result = decklist::make_deck_code(decklist::Decklist{});
    EXPECT_FALSE(result.code);
    EXPECT_TRUE(mentions(result.problems, "no cards"));
}

TEST(AttachExports, FillsCodeAndTextAndWarnsWhenThereIsNoCode) {
    auto good = sample_decklist();
    decklist::attach_exports(good);
    EXPECT_TRUE(good.exported("deck_code"));
    EXPECT_TRUE(good.warnings.empty());
    EXPECT_NE(good.exported("text")->find("3 Stalwart Poro (强强魄罗)"), std::string::npos);

    auto bad = sample_decklist();
    bad.unmatched_tiles(Section::main_deck).push_back(unmatched("看不清", 1));
    decklist::attach_exports(bad);
    EXPECT_FALSE(bad.exported("deck_code"));
    ASSERT_EQ(bad.warnings.size(), 1u);
    EXPECT_TRUE(bad.warnings[0].starts_with("deck_code is null: 1 tile is not matched"));
    EXPECT_NE(bad.exported("text")->find("1 [unmatched] 看不清"), std::string::npos);
    EXPECT_EQ(decklist::to_json(bad)["deck_code"], nullptr);
    EXPECT_EQ(decklist::to_json(good)["deck_code"], *good.exported("deck_code"));
    EXPECT_EQ(decklist::to_json(good)["text"], *good.exported("text"));
}

// Each registered format is rendered once, under its own key, and serialised under it.
TEST(AttachExports, EveryRegisteredFormatIsRenderedAndSerialisedUnderItsKey) {
    auto decklist = sample_decklist();
    decklist::attach_exports(decklist);
    const auto json = decklist::to_json(decklist);
    ASSERT_FALSE(decklist::export_formats().empty());
    for (const decklist::ExportFormat& format : decklist::export_formats()) {
        const std::string key(format.key);
        ASSERT_TRUE(decklist.exports.contains(key)) << key;
        ASSERT_TRUE(json.contains(key)) << key;
        EXPECT_EQ(json[key], decklist.exported(key).value()) << key;
    }
    EXPECT_EQ(decklist.exports.size(), decklist::export_formats().size());
    // Without rendering, each key is still there, and null.
    const auto bare = decklist::to_json(sample_decklist());
    for (const decklist::ExportFormat& format : decklist::export_formats())
        EXPECT_TRUE(bare[std::string(format.key)].is_null()) << format.key;
}
