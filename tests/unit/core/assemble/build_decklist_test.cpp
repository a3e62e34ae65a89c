#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "decklist/assemble/build_decklist.hpp"
#include "decklist/assemble/deck_rules.hpp"
#include "decklist/eval/evaluate.hpp"
#include "decklist/eval/truth.hpp"
#include "decklist/export/exports.hpp"
#include "decklist/match/card_db.hpp"
#include "matcher_fixture.hpp"
#include "shared_data.hpp"

namespace decklist {
namespace {

class BuildDecklistTest : public testing::MatcherSuite {
  protected:
    static Truth first_truth() {
        return load_truth(testing::shared_truth_files().front().string());
    }
    static bool has_warning_containing(const Decklist& d, const std::string& fragment) {
        for (const std::string& w : d.warnings)
            if (w.find(fragment) != std::string::npos) return true;
        return false;
    }
};

TEST_F(BuildDecklistTest, PerfectReadingsScorePerfectlyAgainstTheirTruth) {
    for (const auto& file : testing::shared_truth_files()) {
        const Truth truth = load_truth(file.string());
        const Decklist d = build_decklist(perfect_reading(truth), matcher(), truth.image);
        const ImageEvaluation e = evaluate(d, truth);
        EXPECT_EQ(e.entries.correct, e.entries.expected) << file.filename();
        EXPECT_EQ(e.entries.predicted, e.entries.expected) << file.filename();
        for (bool ok : e.metadata_correct) EXPECT_TRUE(ok) << file.filename();
        EXPECT_TRUE(e.differences.empty()) << e.differences.front();
        EXPECT_TRUE(d.warnings.empty()) << d.warnings.front();
        EXPECT_EQ(d.stats.total_cards, 64);  // 1 + 40 + 3 + 12 + 8
        EXPECT_EQ(d.stats.matched_cards, 64);
        EXPECT_DOUBLE_EQ(d.stats.accuracy, 100);
        EXPECT_DOUBLE_EQ(d.stats.mean_match_score, 100);
        EXPECT_FALSE(d.needs_review);
        EXPECT_TRUE(d.review_reasons.empty());
        for (Section s : kAllSections) {
            const SectionCount& count = d.stats.sections[static_cast<std::size_t>(s)];
            EXPECT_EQ(count.found, count.expected) << section_key(s);
            EXPECT_EQ(count.unmatched, 0) << section_key(s);
        }
        ASSERT_TRUE(d.metadata.legend_name_en.has_value());
        EXPECT_EQ(d.metadata.legend_name_en,
                  db().preferred_printing(truth.entries(Section::legend)[0].db_name_cn)->name_en);
    }
}

TEST_F(BuildDecklistTest, JsonHasEveryDocumentedKey) {
    const Truth truth = first_truth();
    ParsedDecklist parsed = perfect_reading(truth);
    parsed.tiles(Section::side_deck).push_back({"完全不是卡名的文字", "", 1, 20.0f});
    Decklist decklist = build_decklist(parsed, matcher(), "deck.jpg");
    attach_exports(decklist);  // as the engine does
    const nlohmann::json j = to_json(decklist);

    for (const char* key : {"decklist_id", "filename", "metadata", "legend", "main_deck",
                            "battlefields", "runes", "side_deck", "unmatched", "stats", "warnings",
                            "needs_review", "review_reasons", "timing_ms", "deck_code", "text"})
        EXPECT_TRUE(j.contains(key)) << key;
    EXPECT_EQ(j["filename"], "deck.jpg");
    EXPECT_TRUE(j["deck_code"].is_null());  // an unmatched tile has no card code
    EXPECT_NE(j["text"].get<std::string>().find("[unmatched] 完全不是卡名的文字"),
              std::string::npos);
    for (const char* key : {"deck_name", "event", "date", "placement", "player", "legend_name_en"})
        EXPECT_TRUE(j["metadata"].contains(key)) << key;
    EXPECT_EQ(j["metadata"]["date"], "2025-09-13");
    EXPECT_TRUE(j["metadata"]["placement"].is_number_integer());
    for (const char* key :
         {"total_cards", "matched_cards", "accuracy", "mean_match_score", "sections"})
        EXPECT_TRUE(j["stats"].contains(key)) << key;
    for (Section s : kAllSections) {
        const auto& count = j["stats"]["sections"][std::string(section_key(s))];
        for (const char* key : {"expected", "found", "unmatched"})
            EXPECT_TRUE(count[key].is_number_integer()) << section_key(s) << " " << key;
    }
    EXPECT_EQ(j["stats"]["sections"]["main_deck"]["expected"], 40);
    EXPECT_EQ(j["stats"]["sections"]["side_deck"]["unmatched"], 1);
    for (const char* key : {"decode", "layout", "ocr", "match", "total"})
        EXPECT_TRUE(j["timing_ms"][key].is_number()) << key;
    for (Section s : kAllSections) EXPECT_TRUE(j[std::string(section_key(s))].is_array());

    const nlohmann::json& yi = j["main_deck"][0];
    EXPECT_EQ(yi["name_cn"], "易, 锋芒毕现");
    EXPECT_EQ(yi["ocr_text"], "易, 锋芒毕现");
    EXPECT_EQ(yi["quantity"], 1);
    EXPECT_EQ(yi["match_type"], "exact");
    EXPECT_EQ(yi["match_score"], 100.0);
    for (const char* key :
         {"name_en", "card_number", "type_en", "domain_en", "cost", "rarity_en", "image_url_en"})
        EXPECT_FALSE(yi[key].is_null()) << key;

    // Every entry of a section is a card; the tile that matched nothing is listed apart.
    for (Section s : kAllSections) {
        for (const auto& card : j[std::string(section_key(s))])
            EXPECT_TRUE(card["name_en"].is_string()) << card.dump();
    }
    ASSERT_EQ(j["unmatched"]["side_deck"].size(), 1u);
    const nlohmann::json& unknown = j["unmatched"]["side_deck"][0];
    EXPECT_EQ(unknown["ocr_text"], "完全不是卡名的文字");
    EXPECT_EQ(unknown["quantity"], 1);
    EXPECT_TRUE(unknown["match_score"].is_number());
    EXPECT_TRUE(j["unmatched"]["main_deck"].empty());
    EXPECT_EQ(j["stats"]["total_cards"], 65);
    EXPECT_EQ(j["stats"]["matched_cards"], 64);
    EXPECT_EQ(j["needs_review"], true);
    ASSERT_FALSE(j["review_reasons"].empty());
    std::set<std::string> codes;
    for (const auto& reason : j["review_reasons"]) {
        EXPECT_TRUE(reason["message"].is_string());
        codes.insert(reason["code"].get<std::string>());
    }
    // Nine side-deck cards read: one off the rules, and one tile unmatched.
    EXPECT_EQ(codes, (std::set<std::string>{"section_off_rules", "unmatched_tile"}));
}

TEST_F(BuildDecklistTest, AFewCardsOfAMainDeckNeverLookComplete) {
    ParsedDecklist parsed = perfect_reading(first_truth());
    auto& main_deck = parsed.tiles(Section::main_deck);
    main_deck.resize(2);
    for (ParsedTile& tile : main_deck) tile.quantity = 2;
    const Decklist d = build_decklist(parsed, matcher(), "x.jpg");
    const SectionCount& main_count = d.stats.sections[static_cast<std::size_t>(Section::main_deck)];
    EXPECT_EQ(main_count.expected, 40);
    EXPECT_EQ(main_count.found, 4);
    EXPECT_EQ(d.stats.matched_cards, d.stats.total_cards);
    // 1 + 4 + 3 + 12 + 8 cards accounted for of 64 due.
    EXPECT_NEAR(d.stats.accuracy, 100.0 * 28 / 64, 1e-9);
    EXPECT_TRUE(d.needs_review);
    ASSERT_EQ(d.review_reasons.size(), 1u);
    EXPECT_EQ(to_string(d.review_reasons[0].code), "section_off_rules");
    EXPECT_EQ(d.review_reasons[0].message, "main_deck has 4 cards, expected 40");
}

TEST_F(BuildDecklistTest, TooManyCardsCostAccuracyToo) {
    ParsedDecklist parsed = perfect_reading(first_truth());
    parsed.tiles(Section::runes).front().quantity += 2;  // 14 runes
    const Decklist d = build_decklist(parsed, matcher(), "x.jpg");
    EXPECT_NEAR(d.stats.accuracy, 100.0 * 64 / 66, 1e-9);
    EXPECT_TRUE(d.needs_review);
}

TEST_F(BuildDecklistTest, ACutImageAndARepeatedSectionNeedReview) {
    ParsedDecklist parsed = perfect_reading(first_truth());
    parsed.cut_off_section = Section::side_deck;
    parsed.sections_seen_twice = {Section::runes};
    const Decklist d = build_decklist(parsed, matcher(), "x.jpg");
    EXPECT_TRUE(d.needs_review);
    ASSERT_EQ(d.review_reasons.size(), 2u);
    EXPECT_EQ(to_string(d.review_reasons[0].code), "image_cut_off");
    EXPECT_NE(d.review_reasons[0].message.find("side_deck"), std::string::npos);
    EXPECT_EQ(to_string(d.review_reasons[1].code), "section_seen_twice");
    EXPECT_NE(d.review_reasons[1].message.find("runes"), std::string::npos);
    EXPECT_DOUBLE_EQ(d.stats.accuracy, 100);  // the cards read are all there
}

TEST_F(BuildDecklistTest, AnImageEndingBelowAWholePanelWherePageGoesOnNeedsReview) {
    ParsedDecklist parsed = perfect_reading(first_truth());
    parsed.tiles(Section::side_deck).clear();  // an empty side deck is within the rules
    parsed.cut_below_section = Section::runes;
    const Decklist d = build_decklist(parsed, matcher(), "x.jpg");
    EXPECT_TRUE(d.needs_review);
    ASSERT_EQ(d.review_reasons.size(), 1u);
    EXPECT_EQ(to_string(d.review_reasons[0].code), "image_cut_off");
    EXPECT_NE(d.review_reasons[0].message.find("below section runes"), std::string::npos);
}

TEST_F(BuildDecklistTest, LegendTileWithUnknownSubtitleKeepsWhatWasRead) {
    const Truth truth = first_truth();
    const Decklist d = build_decklist(perfect_reading(truth), matcher(), "x.jpg");
    const DecklistCard& legend = d.cards(Section::legend).at(0);
    EXPECT_EQ(legend.name_cn, "无极剑圣");
    EXPECT_EQ(legend.ocr_text, "无极剑圣, 入门");
}

TEST_F(BuildDecklistTest, EveryDeckRuleBreakIsAWarning) {
    ParsedDecklist parsed = perfect_reading(first_truth());
    parsed.tiles(Section::main_deck).pop_back();        // main 40 -> 37
    parsed.tiles(Section::runes).front().quantity = 5;  // runes 12 -> 11
    parsed.tiles(Section::battlefields).pop_back();     // battlefields 3 -> 2
    parsed.tiles(Section::legend).push_back(parsed.tiles(Section::legend).front());  // 2
    parsed.tiles(Section::side_deck).front().quantity += 1;                          // side 8 -> 9
    parsed.warnings.push_back("section runes was cut off");
    const Decklist d = build_decklist(parsed, matcher(), "x.jpg");
    EXPECT_EQ(d.warnings.front(), "section runes was cut off");  // the parse's own come first
    EXPECT_TRUE(has_warning_containing(d, "main_deck has 37 cards, expected 40"));
    EXPECT_TRUE(has_warning_containing(d, "runes has 11 cards, expected 12"));
    EXPECT_TRUE(has_warning_containing(d, "battlefields has 2 cards, expected 3"));
    EXPECT_TRUE(has_warning_containing(d, "legend has 2 cards, expected 1"));
    EXPECT_TRUE(has_warning_containing(d, "side_deck has 9 cards, at most 8"));
    EXPECT_EQ(d.warnings.size(), 6u);
    EXPECT_EQ(d.review_reasons.size(), 5u);
    for (const ReviewReason& r : d.review_reasons)
        EXPECT_EQ(to_string(r.code), "section_off_rules") << r.message;
}

TEST_F(BuildDecklistTest, ASmallerSideDeckIsFine) {
    ParsedDecklist parsed = perfect_reading(first_truth());
    parsed.tiles(Section::side_deck).clear();
    const Decklist d = build_decklist(parsed, matcher(), "x.jpg");
    EXPECT_TRUE(d.warnings.empty());
    EXPECT_FALSE(d.needs_review);
    EXPECT_DOUBLE_EQ(d.stats.accuracy, 100);
}

TEST_F(BuildDecklistTest, LowConfidenceAndUnmatchedTilesAreWarnings) {
    ParsedDecklist parsed = perfect_reading(first_truth());
    parsed.tiles(Section::main_deck)[2].title = "强强魄萝";    // one wrong character: fuzzy 75
    parsed.tiles(Section::main_deck)[3].title = "苍炎守护者";  // exact: no warning
    parsed.tiles(Section::side_deck)[0].title = "嗯嗯嗯嗯嗯嗯";
    const Decklist d = build_decklist(parsed, matcher(), "x.jpg");
    EXPECT_EQ(d.warnings.size(), 2u);
    EXPECT_TRUE(has_warning_containing(d, "\"强强魄萝\" matched \"强强魄罗\" with low confidence"));
    EXPECT_TRUE(has_warning_containing(d, "\"嗯嗯嗯嗯嗯嗯\" matched no card"));
    EXPECT_EQ(d.stats.total_cards, 64);
    EXPECT_EQ(d.stats.matched_cards, 63);
    EXPECT_NEAR(d.stats.accuracy, 100.0 * 63 / 64, 1e-9);
    EXPECT_LT(d.stats.mean_match_score, 100);
    ASSERT_EQ(d.unmatched_tiles(Section::side_deck).size(), 1u);
    EXPECT_EQ(d.unmatched_tiles(Section::side_deck)[0].ocr_text, "嗯嗯嗯嗯嗯嗯");
    for (const DecklistCard& card : d.cards(Section::side_deck))
        EXPECT_NE(card.match_type, MatchType::none);
    EXPECT_TRUE(d.needs_review);
    ASSERT_EQ(d.review_reasons.size(), 2u);  // in section order: main deck, then side deck
    EXPECT_EQ(to_string(d.review_reasons[0].code), "low_confidence_match");
    EXPECT_EQ(to_string(d.review_reasons[1].code), "unmatched_tile");
}

TEST_F(BuildDecklistTest, UnreadableDateIsNullWithAWarning) {
    ParsedDecklist parsed = perfect_reading(first_truth());
    parsed.metadata.date = "2025-19-13";
    parsed.metadata.player.clear();
    const Decklist d = build_decklist(parsed, matcher(), "x.jpg");
    EXPECT_FALSE(d.metadata.date.has_value());
    EXPECT_FALSE(d.metadata.player.has_value());
    EXPECT_TRUE(has_warning_containing(d, "date not understood: \"2025-19-13\""));
}

TEST_F(BuildDecklistTest, EachDecklistGetsAFreshUuid4) {
    const ParsedDecklist parsed = perfect_reading(first_truth());
    const std::regex uuid4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    std::set<std::string> ids;
    for (int i = 0; i < 20; ++i) {
        const std::string id = build_decklist(parsed, matcher(), "x.jpg").decklist_id;
        EXPECT_TRUE(std::regex_match(id, uuid4)) << id;
        ids.insert(id);
    }
    EXPECT_EQ(ids.size(), 20u);
}

TEST(DeckRules, EmptyDeckBreaksEveryExactRule) {
    Decklist empty;
    EXPECT_EQ(deck_rule_warnings(empty).size(), 4u);
}

}  // namespace
}  // namespace decklist
