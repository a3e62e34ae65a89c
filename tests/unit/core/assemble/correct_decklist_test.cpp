#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "decklist/assemble/build_decklist.hpp"
#include "decklist/assemble/correct_decklist.hpp"
#include "decklist/error.hpp"
#include "decklist/export/exports.hpp"
#include "decklist/match/card_db.hpp"
#include "decklist/match/matcher.hpp"

namespace decklist {
namespace {

using Json = nlohmann::json;

CardRecord correction_row(std::string name_cn, std::string name_en, std::string number,
                          std::string type_en) {
    CardRecord r;
    r.name_cn = std::move(name_cn);
    r.name_en = std::move(name_en);
    r.card_number = std::move(number);
    r.type_en = std::move(type_en);
    r.domain_en = "Fury";
    r.rarity_en = "Common";
    return r;
}

// A small card pool: two legends, three battlefields, two runes, eight deck cards, one of
// them printed twice.
CardDatabase correction_cards() {
    return CardDatabase::from_rows({
        correction_row("传奇甲, 火焰之心", "Legend A, Heart", "OGN·251/298", "Legend"),
        correction_row("传奇乙, 寒冰之心", "Legend B, Ice", "OGN·252/298", "Legend"),
        correction_row("战场一", "Field One", "OGN·281/298", "Battlefield"),
        correction_row("战场二", "Field Two", "OGN·282/298", "Battlefield"),
        correction_row("战场三", "Field Three", "OGN·283/298", "Battlefield"),
        correction_row("烈焰符文", "Fury Rune", "OGN·042/298", "Basic Rune"),
        correction_row("寒冰符文", "Calm Rune", "OGN·126/298", "Basic Rune"),
        correction_row("烈火单位", "Fire Unit", "OGN·001/298", "Unit"),
        correction_row("烈火单位", "Fire Unit", "OGN·001a/298", "Unit"),
        correction_row("寒冰法术", "Ice Spell", "OGN·002/298", "Spell"),
        correction_row("疾风剑客", "Wind Blade", "OGN·003/298", "Unit"),
        correction_row("岩石巨人", "Stone Giant", "OGN·004/298", "Unit"),
        correction_row("暗影刺客", "Shadow Blade", "OGN·005/298", "Unit"),
        correction_row("圣光护盾", "Holy Shield", "OGN·006/298", "Gear"),
        correction_row("雷霆一击", "Thunder Strike", "OGN·007/298", "Spell"),
        correction_row("星辰法师", "Star Mage", "OGN·008/298", "Unit"),
    });
}

ParsedTile correction_tile(std::string title, int quantity, int index) {
    ParsedTile tile{std::move(title), "", quantity, 95.0f};
    tile.bbox = TileBox{20 + 500 * (index % 2), 400 + 120 * (index / 2), 480, 100};
    return tile;
}

// A complete, valid deck as the engine reads it: 1 legend, 40 main, 3 battlefields, 12
// runes, 2 side cards; every tile with its box.
ParsedDecklist correction_reading() {
    ParsedDecklist p;
    p.metadata = {"火焰卡组", "城市赛", "2025-09-13", 3, "玩家一"};
    p.tiles(Section::legend) = {correction_tile("传奇甲", 1, 0)};
    p.tiles(Section::legend)[0].subtitle = "火焰之心";
    const std::vector<std::pair<std::string, int>> main = {{"烈火单位", 7}, {"寒冰法术", 7},
                                                           {"疾风剑客", 7}, {"岩石巨人", 7},
                                                           {"暗影刺客", 6}, {"圣光护盾", 6}};
    for (std::size_t i = 0; i < main.size(); ++i)
        p.tiles(Section::main_deck)
            .push_back(correction_tile(main[i].first, main[i].second, static_cast<int>(i)));
    p.tiles(Section::battlefields) = {correction_tile("战场一", 1, 0),
                                      correction_tile("战场二", 1, 1),
                                      correction_tile("战场三", 1, 2)};
    p.tiles(Section::runes) = {correction_tile("烈焰符文", 6, 0),
                               correction_tile("寒冰符文", 6, 1)};
    p.tiles(Section::side_deck) = {correction_tile("雷霆一击", 2, 0)};
    return p;
}

class CorrectDecklistTest : public ::testing::Test {
  protected:
    CorrectDecklistTest() : cards_(correction_cards()), matcher_(cards_) {}

    // As the engine makes it: built, then exported.
    Decklist read(const ParsedDecklist& parsed) const {
        Decklist d = build_decklist(parsed, matcher_, "deck.jpg");
        attach_exports(d);
        return d;
    }
    CorrectedDecklist correct(const Decklist& d, const Json& patch) const {
        return correct_decklist(d, patch, cards_);
    }
    // The validation error's field, or a failure when the patch is accepted.
    std::string rejected_field(const Decklist& d, const Json& patch) const {
        try {
            correct(d, patch);
        } catch (const Error& e) {
            EXPECT_EQ(e.type(), ErrorType::validation) << e.what();
            EXPECT_NE(std::string(e.what()).find(e.detail().value("field", "?")), std::string::npos)
                << e.what();
            return e.detail().value("field", "");
        }
        ADD_FAILURE() << "accepted: " << patch.dump();
        return "";
    }
    static Json main_deck_patch(const Decklist& d) {
        Json list = Json::array();
        for (const DecklistCard& c : d.cards(Section::main_deck))
            list.push_back({{"card_number", *c.card_number}, {"quantity", c.quantity}});
        return list;
    }
    static bool has_reason(const Decklist& d, ReviewCode code) {
        for (const ReviewReason& r : d.review_reasons)
            if (r.code == code) return true;
        return false;
    }

    CardDatabase cards_;
    CardMatcher matcher_;
};

TEST_F(CorrectDecklistTest, TheReadingIsCompleteAndValid) {
    const Decklist d = read(correction_reading());
    EXPECT_FALSE(d.needs_review) << d.review_reasons.front().message;
    EXPECT_EQ(d.stats.matched_cards, 58);
    EXPECT_TRUE(d.exported("deck_code").has_value());
}

TEST_F(CorrectDecklistTest, AnEmptyPatchChangesNothing) {
    ParsedDecklist parsed = correction_reading();
    parsed.metadata.date = "九月";  // a date warning, kept
    parsed.warnings.push_back("a badge could not be read");
    parsed.tiles(Section::main_deck).push_back(correction_tile("完全不认识", 1, 6));
    const Decklist d = read(parsed);
    ASSERT_TRUE(d.needs_review);
    const CorrectedDecklist c = correct(d, Json::object());
    EXPECT_EQ(to_json(c.decklist), to_json(d));
    EXPECT_EQ(c.changes, Json::object());
}

TEST_F(CorrectDecklistTest, MetadataFieldsAreSetAndClearedAndRecorded) {
    ParsedDecklist parsed = correction_reading();
    parsed.metadata.date = "九月";
    const Decklist d = read(parsed);
    ASSERT_FALSE(d.metadata.date);
    ASSERT_EQ(d.warnings.size(), 1u);  // the date warning

    const CorrectedDecklist c = correct(d, {{"metadata",
                                             {{"event", "省赛"},
                                              {"date", "2025-10-01"},
                                              {"placement", nullptr},
                                              {"player", ""},
                                              {"deck_name", "火焰卡组"}}}});
    EXPECT_EQ(c.decklist.metadata.event, "省赛");
    EXPECT_EQ(c.decklist.metadata.date, "2025-10-01");
    EXPECT_FALSE(c.decklist.metadata.placement);
    EXPECT_FALSE(c.decklist.metadata.player);
    EXPECT_EQ(c.decklist.metadata.deck_name, "火焰卡组");
    EXPECT_EQ(c.decklist.metadata.legend_name_en, "Legend A, Heart");
    EXPECT_TRUE(c.decklist.warnings.empty()) << c.decklist.warnings.front();
    EXPECT_EQ(c.decklist.decklist_id, d.decklist_id);
    EXPECT_EQ(c.decklist.filename, d.filename);

    const Json expected = {{"metadata",
                            {{"event", {{"from", "城市赛"}, {"to", "省赛"}}},
                             {"date", {{"from", nullptr}, {"to", "2025-10-01"}}},
                             {"placement", {{"from", 3}, {"to", nullptr}}},
                             {"player", {{"from", "玩家一"}, {"to", nullptr}}}}}};
    EXPECT_EQ(c.changes, expected);
}

TEST_F(CorrectDecklistTest, ReplacingASectionRecordsAddedRemovedAndQuantity) {
    const Decklist d = read(correction_reading());
    Json main = main_deck_patch(d);
    main[1]["quantity"] = 5;                                     // 寒冰法术 7 -> 5
    main.erase(main.begin() + 5);                                // 圣光护盾 x6 removed
    main.push_back({{"name_cn", "星辰法师"}, {"quantity", 8}});  // added
    const CorrectedDecklist c = correct(d, {{"sections", {{"main_deck", main}}}});

    const auto& cards = c.decklist.cards(Section::main_deck);
    ASSERT_EQ(cards.size(), 6u);
    // Cards the section held keep what they had: match type, score, text, box.
    EXPECT_EQ(cards[0].match_type, MatchType::exact);
    EXPECT_EQ(cards[0].ocr_text, "烈火单位");
    EXPECT_EQ(cards[0].bbox, d.cards(Section::main_deck)[0].bbox);
    EXPECT_EQ(cards[1].quantity, 5);
    EXPECT_EQ(cards[1].match_type, MatchType::exact);
    // The added card is a person's choice, at the index of the removed 圣光护盾's tile.
    EXPECT_EQ(cards[5].name_cn, "星辰法师");
    EXPECT_EQ(cards[5].card_number, "OGN·008/298");
    EXPECT_EQ(cards[5].name_en, "Star Mage");
    EXPECT_EQ(cards[5].match_type, MatchType::manual);
    EXPECT_EQ(cards[5].match_score, 100);
    EXPECT_EQ(cards[5].ocr_text, "");
    EXPECT_EQ(cards[5].bbox, d.cards(Section::main_deck)[5].bbox);

    // 7 + 5 + 7 + 7 + 6 + 8 = 40: still a valid deck, with a new deck code.
    EXPECT_EQ(c.decklist.stats.sections[1].found, 40);
    EXPECT_FALSE(c.decklist.needs_review);
    EXPECT_NE(c.decklist.exported("deck_code"), d.exported("deck_code"));
    EXPECT_NE(c.decklist.exported("text")->find("8 Star Mage (星辰法师)"), std::string::npos)
        << *c.decklist.exported("text");

    const Json expected = {
        {"sections",
         {{"main_deck",
           {{"added", {{{"card_number", "OGN·008/298"}, {"name_cn", "星辰法师"}, {"quantity", 8}}}},
            {"removed",
             {{{"card_number", "OGN·006/298"}, {"name_cn", "圣光护盾"}, {"quantity", 6}}}},
            {"quantity",
             {{{"card_number", "OGN·002/298"},
               {"name_cn", "寒冰法术"},
               {"from", 7},
               {"to", 5}}}}}}}}};
    EXPECT_EQ(c.changes, expected);
}

TEST_F(CorrectDecklistTest, ABrokenDeckNeedsReviewAgainWithItsStatsAndCode) {
    const Decklist d = read(correction_reading());
    Json main = main_deck_patch(d);
    main[0]["quantity"] = 6;  // 39 cards
    const CorrectedDecklist c = correct(d, {{"sections", {{"main_deck", main}}}});
    EXPECT_TRUE(c.decklist.needs_review);
    ASSERT_EQ(c.decklist.review_reasons.size(), 1u);
    EXPECT_EQ(c.decklist.review_reasons[0].code, ReviewCode::section_off_rules);
    EXPECT_EQ(c.decklist.review_reasons[0].message, "main_deck has 39 cards, expected 40");
    EXPECT_EQ(c.decklist.warnings, std::vector<std::string>{"main_deck has 39 cards, expected 40"});
    EXPECT_EQ(c.decklist.stats.total_cards, 57);
    EXPECT_LT(c.decklist.stats.accuracy, 100);
    EXPECT_NE(c.decklist.exported("deck_code"), d.exported("deck_code"));
    EXPECT_EQ(c.changes["needs_review"], Json({{"from", false}, {"to", true}}));
}

TEST_F(CorrectDecklistTest, ReplacingAnUnmatchedTileClearsItAndItsReasons) {
    ParsedDecklist parsed = correction_reading();
    parsed.tiles(Section::main_deck)[5].quantity = 5;
    parsed.tiles(Section::main_deck).push_back(correction_tile("完全不认识", 1, 6));
    const Decklist d = read(parsed);
    ASSERT_TRUE(d.needs_review);
    ASSERT_TRUE(has_reason(d, ReviewCode::unmatched_tile));
    ASSERT_FALSE(d.exported("deck_code"));

    Json main = main_deck_patch(d);
    main.push_back({{"card_number", "OGN·008/298"}, {"quantity", 1}});
    const CorrectedDecklist c = correct(d, {{"sections", {{"main_deck", main}}}});
    EXPECT_TRUE(c.decklist.unmatched_tiles(Section::main_deck).empty());
    EXPECT_FALSE(c.decklist.needs_review) << c.decklist.review_reasons.front().message;
    EXPECT_TRUE(c.decklist.warnings.empty()) << c.decklist.warnings.front();
    EXPECT_TRUE(c.decklist.exported("deck_code").has_value());
    EXPECT_EQ(c.decklist.stats.sections[1].unmatched, 0);
    EXPECT_DOUBLE_EQ(c.decklist.stats.accuracy, 100);
    // The unmatched tile was not among the cards, so the new card takes no tile's box.
    EXPECT_FALSE(c.decklist.cards(Section::main_deck)[6].bbox);
    const Json& main_changes = c.changes["sections"]["main_deck"];
    EXPECT_EQ(main_changes["unmatched_cleared"],
              Json::array({{{"ocr_text", "完全不认识"}, {"quantity", 1}}}));
    EXPECT_EQ(main_changes["added"].size(), 1u);
    EXPECT_EQ(c.changes["needs_review"], Json({{"from", true}, {"to", false}}));
}

TEST_F(CorrectDecklistTest, AnotherPrintingOfTheSameCardKeepsItsTextAndBox) {
    const Decklist d = read(correction_reading());
    Json main = main_deck_patch(d);
    main[0]["card_number"] = "OGN·001a/298";
    const CorrectedDecklist c = correct(d, {{"sections", {{"main_deck", main}}}});
    const DecklistCard& card = c.decklist.cards(Section::main_deck)[0];
    EXPECT_EQ(card.card_number, "OGN·001a/298");
    EXPECT_EQ(card.match_type, MatchType::manual);
    EXPECT_EQ(card.ocr_text, "烈火单位");
    EXPECT_EQ(card.bbox, d.cards(Section::main_deck)[0].bbox);
    EXPECT_EQ(c.changes["sections"]["main_deck"]["added"][0]["card_number"], "OGN·001a/298");
    EXPECT_EQ(c.changes["sections"]["main_deck"]["removed"][0]["card_number"], "OGN·001/298");
}

TEST_F(CorrectDecklistTest, AChangedLegendChangesLegendNameEn) {
    const Decklist d = read(correction_reading());
    const CorrectedDecklist c = correct(
        d, {{"sections", {{"legend", {{{"name_cn", "传奇乙, 寒冰之心"}, {"quantity", 1}}}}}}});
    EXPECT_EQ(c.decklist.metadata.legend_name_en, "Legend B, Ice");
    EXPECT_EQ(c.decklist.cards(Section::legend)[0].match_type, MatchType::manual);
    EXPECT_EQ(c.decklist.cards(Section::legend)[0].ocr_text, "");  // another name
    EXPECT_TRUE(c.decklist.cards(Section::legend)[0].bbox);
    EXPECT_FALSE(c.decklist.needs_review);
}

TEST_F(CorrectDecklistTest, AKeptLowConfidenceMatchStaysLowConfidenceUntilReviewed) {
    ParsedDecklist parsed = correction_reading();
    parsed.tiles(Section::main_deck)[2].title = "疾风剑";  // fuzzy
    const Decklist d = read(parsed);
    ASSERT_EQ(d.cards(Section::main_deck)[2].match_type, MatchType::fuzzy);
    ASSERT_TRUE(has_reason(d, ReviewCode::low_confidence_match));
    ASSERT_TRUE(d.needs_review);

    const CorrectedDecklist kept = correct(d, {{"sections", {{"main_deck", main_deck_patch(d)}}}});
    EXPECT_EQ(kept.decklist.cards(Section::main_deck)[2].match_type, MatchType::fuzzy);
    EXPECT_TRUE(has_reason(kept.decklist, ReviewCode::low_confidence_match));
    EXPECT_TRUE(kept.changes.empty());  // listed as it was: nothing changed

    // A person who marks it reviewed has checked that card: it becomes theirs.
    const CorrectedDecklist reviewed =
        correct(d, {{"sections", {{"main_deck", main_deck_patch(d)}}}, {"reviewed", true}});
    const DecklistCard& confirmed = reviewed.decklist.cards(Section::main_deck)[2];
    EXPECT_EQ(confirmed.match_type, MatchType::manual);
    EXPECT_EQ(confirmed.match_score, 100);
    EXPECT_EQ(confirmed.ocr_text, d.cards(Section::main_deck)[2].ocr_text);
    EXPECT_EQ(reviewed.decklist.cards(Section::main_deck)[0].match_type,
              d.cards(Section::main_deck)[0].match_type);  // the certain ones stay as read
    EXPECT_FALSE(has_reason(reviewed.decklist, ReviewCode::low_confidence_match));
    EXPECT_FALSE(reviewed.decklist.needs_review);
    EXPECT_FALSE(reviewed.changes.contains("sections"));
    ASSERT_TRUE(reviewed.changes.contains("confirmed"));
    const Json& list = reviewed.changes["confirmed"]["main_deck"];
    ASSERT_EQ(list.size(), 1u);
    EXPECT_EQ(list[0]["card_number"], "OGN·003/298");
    EXPECT_EQ(list[0]["ocr_text"], "疾风剑");
}

TEST_F(CorrectDecklistTest, ReviewedDropsOnlyTheReasonsOfTheReading) {
    ParsedDecklist parsed = correction_reading();
    parsed.cut_off_section = Section::side_deck;
    parsed.sections_seen_twice = {Section::runes};
    parsed.warnings.push_back("the image ends inside section side_deck; it may be incomplete");
    const Decklist d = read(parsed);
    ASSERT_EQ(d.review_reasons.size(), 2u);

    const CorrectedDecklist kept = correct(d, {{"metadata", {{"event", "省赛"}}}});
    EXPECT_TRUE(has_reason(kept.decklist, ReviewCode::image_cut_off));
    EXPECT_TRUE(has_reason(kept.decklist, ReviewCode::section_seen_twice));
    EXPECT_TRUE(kept.decklist.needs_review);
    EXPECT_FALSE(kept.changes.contains("reviewed"));

    const CorrectedDecklist reviewed = correct(d, {{"reviewed", true}});
    EXPECT_TRUE(reviewed.decklist.review_reasons.empty());
    EXPECT_FALSE(reviewed.decklist.needs_review);
    EXPECT_EQ(reviewed.decklist.warnings, d.warnings);  // the reading's warnings stay
    EXPECT_EQ(reviewed.changes,
              Json({{"reviewed", true}, {"needs_review", {{"from", true}, {"to", false}}}}));

    // A rule break is recomputed, not dropped, by a review.
    Json main = main_deck_patch(d);
    main[0]["quantity"] = 1;
    const CorrectedDecklist broken =
        correct(d, {{"reviewed", true}, {"sections", {{"main_deck", main}}}});
    ASSERT_EQ(broken.decklist.review_reasons.size(), 1u);
    EXPECT_EQ(broken.decklist.review_reasons[0].code, ReviewCode::section_off_rules);
}

TEST_F(CorrectDecklistTest, MalformedPatchesNameWhatIsWrong) {
    const Decklist d = read(correction_reading());
    const Json card = {{"card_number", "OGN·008/298"}, {"quantity", 1}};
    const auto main = [](Json list) { return Json{{"sections", {{"main_deck", list}}}}; };

    EXPECT_EQ(rejected_field(d, Json::array()), "body");
    EXPECT_EQ(rejected_field(d, {{"decklist_id", "x"}}), "decklist_id");
    EXPECT_EQ(rejected_field(d, {{"metadata", "x"}}), "metadata");
    EXPECT_EQ(rejected_field(d, {{"metadata", {{"legend_name_en", "x"}}}}),
              "metadata.legend_name_en");
    EXPECT_EQ(rejected_field(d, {{"metadata", {{"date", "2025/09/13"}}}}), "metadata.date");
    EXPECT_EQ(rejected_field(d, {{"metadata", {{"date", "2025-02-30"}}}}), "metadata.date");
    EXPECT_EQ(rejected_field(d, {{"metadata", {{"date", 20250913}}}}), "metadata.date");
    EXPECT_EQ(rejected_field(d, {{"metadata", {{"placement", 0}}}}), "metadata.placement");
    EXPECT_EQ(rejected_field(d, {{"metadata", {{"placement", "3"}}}}), "metadata.placement");
    EXPECT_EQ(rejected_field(d, {{"metadata", {{"placement", 2.5}}}}), "metadata.placement");
    EXPECT_EQ(rejected_field(d, {{"metadata", {{"event", 5}}}}), "metadata.event");
    EXPECT_EQ(rejected_field(d, {{"sections", Json::array()}}), "sections");
    EXPECT_EQ(rejected_field(d, {{"sections", {{"sideboard", Json::array()}}}}),
              "sections.sideboard");
    EXPECT_EQ(rejected_field(d, main(card)), "sections.main_deck");
    EXPECT_EQ(rejected_field(d, main({"OGN·008/298"})), "sections.main_deck[0]");
    EXPECT_EQ(rejected_field(d, main({{{"quantity", 1}}})), "sections.main_deck[0]");
    EXPECT_EQ(
        rejected_field(
            d, main({{{"card_number", "OGN·008/298"}, {"name_cn", "星辰法师"}, {"quantity", 1}}})),
        "sections.main_deck[0]");
    EXPECT_EQ(
        rejected_field(
            d, main({{{"card_number", "OGN·008/298"}, {"quantity", 1}, {"match_type", "exact"}}})),
        "sections.main_deck[0].match_type");
    EXPECT_EQ(rejected_field(d, main({card, {{"card_number", "OGN·999/298"}, {"quantity", 1}}})),
              "sections.main_deck[1].card_number");
    EXPECT_EQ(rejected_field(d, main({{{"name_cn", "不存在的卡"}, {"quantity", 1}}})),
              "sections.main_deck[0].name_cn");
    EXPECT_EQ(rejected_field(d, main({{{"card_number", 8}, {"quantity", 1}}})),
              "sections.main_deck[0].card_number");
    for (const Json& bad : {Json(0), Json(100), Json("3"), Json(1.5), Json(nullptr)})
        EXPECT_EQ(rejected_field(d, main({{{"card_number", "OGN·008/298"}, {"quantity", bad}}})),
                  "sections.main_deck[0].quantity")
            << bad.dump();
    EXPECT_EQ(rejected_field(d, main({{{"card_number", "OGN·008/298"}}})),
              "sections.main_deck[0].quantity");
    // One card once per section, however it is named.
    EXPECT_EQ(rejected_field(d, main({card, card})), "sections.main_deck[1]");
    EXPECT_EQ(rejected_field(d, main({card, {{"name_cn", "星辰法师"}, {"quantity", 2}}})),
              "sections.main_deck[1]");
    EXPECT_EQ(rejected_field(d, {{"reviewed", "yes"}}), "reviewed");
}

TEST_F(CorrectDecklistTest, TheSameCardMayBeListedInTwoSections) {
    const Decklist d = read(correction_reading());
    Json main = main_deck_patch(d);
    const CorrectedDecklist c =
        correct(d, {{"sections",
                     {{"main_deck", main},
                      {"side_deck", {{{"card_number", "OGN·001/298"}, {"quantity", 2}}}}}}});
    EXPECT_EQ(c.decklist.cards(Section::side_deck)[0].name_cn, "烈火单位");
    EXPECT_FALSE(c.changes["sections"].contains("main_deck"));
    EXPECT_EQ(c.changes["sections"]["side_deck"]["removed"][0]["name_cn"], "雷霆一击");
}

}  // namespace
}  // namespace decklist
