#include <gtest/gtest.h>

#include <algorithm>

#include "decklist/eval/truth.hpp"
#include "decklist/match/card_db.hpp"
#include "decklist/match/matcher.hpp"
#include "decklist/match/utf8.hpp"
#include "matcher_fixture.hpp"
#include "shared_data.hpp"

namespace decklist {
namespace {

class MatcherTest : public testing::MatcherSuite {
  protected:
    static CardMatch match(Section s, std::string_view title, std::string_view subtitle = {}) {
        return matcher().match(s, title, subtitle);
    }
    static std::string name_of(const CardMatch& m) { return m.card ? m.card->name_cn : "(none)"; }
};

TEST_F(MatcherTest, EveryTruthTileReadPerfectlyMatchesExactly) {
    int tiles = 0;
    for (const auto& file : testing::shared_truth_files()) {
        const Truth truth = load_truth(file.string());
        for (Section s : kAllSections) {
            for (const TruthEntry& e : truth.entries(s)) {
                const CardMatch m = match(s, e.title, e.subtitle);
                EXPECT_EQ(name_of(m), e.db_name_cn) << file.filename() << " " << e.title;
                EXPECT_EQ(m.type, MatchType::exact) << e.title;
                EXPECT_EQ(m.score, 100);
                ++tiles;
            }
        }
    }
    EXPECT_GT(tiles, 80);
}

TEST_F(MatcherTest, TitleAloneMatchesWhenTheDatabaseLacksTheSubtitle) {
    const CardMatch m = match(Section::legend, "无极剑圣", "入门");
    EXPECT_EQ(name_of(m), "无极剑圣");
    EXPECT_EQ(m.type, MatchType::exact);
}

TEST_F(MatcherTest, FullNameWinsOverTitleWhenBothExist) {
    const CardMatch m = match(Section::main_deck, "易", "锋芒毕现");
    EXPECT_EQ(name_of(m), "易, 锋芒毕现");
    EXPECT_EQ(m.type, MatchType::exact);
}

TEST_F(MatcherTest, IgnoresSpacesQuoteStylesAndFullWidthPunctuation) {
    EXPECT_EQ(name_of(match(Section::main_deck, "\"敲\"诈")), "“敲”诈");
    EXPECT_EQ(name_of(match(Section::main_deck, "＂敲＂ 诈")), "“敲”诈");
    EXPECT_EQ(name_of(match(Section::main_deck, " 易 ", "锋芒 毕现")), "易, 锋芒毕现");
    EXPECT_EQ(name_of(match(Section::main_deck, "随从(诺克萨斯)")), "随从（诺克萨斯）");
    EXPECT_EQ(name_of(match(Section::main_deck, "秘奥义!慈悲度魂落")), "秘奥义！慈悲度魂落");
    EXPECT_EQ(match(Section::main_deck, "\"敲\"诈").type, MatchType::exact);
}

TEST_F(MatcherTest, OneOrTwoWrongCharactersStillMatch) {
    const CardMatch one = match(Section::main_deck, "苍炎守户者");
    EXPECT_EQ(name_of(one), "苍炎守护者");
    EXPECT_EQ(one.type, MatchType::fuzzy);
    EXPECT_DOUBLE_EQ(one.score, 80);

    const CardMatch two = match(Section::main_deck, "亡化掠食着");
    EXPECT_EQ(name_of(two), "亡花掠食者");
    EXPECT_EQ(two.type, MatchType::fuzzy);
    EXPECT_DOUBLE_EQ(two.score, 60);

    const CardMatch subtitle_typo = match(Section::side_deck, "奇亚娜", "所向披糜");
    EXPECT_EQ(name_of(subtitle_typo), "奇亚娜, 所向披靡");
    EXPECT_EQ(subtitle_typo.type, MatchType::fuzzy);

    const CardMatch dropped = match(Section::runes, "翠意符");  // a character lost
    EXPECT_EQ(name_of(dropped), "翠意符文");
}

// Every deck card whose name has five or more characters survives one misread character
// (replaced by one that is in no card name) when no other name is as close.
TEST_F(MatcherTest, AnySingleSubstitutionInALongNameFindsTheName) {
    int checked = 0;
    for (const std::string& name : db().names()) {
        const CardRecord* card = db().preferred_printing(name);
        if (card->type_en == "Legend" || card->type_en == "Battlefield" ||
            card->type_en == "Basic Rune")
            continue;
        std::u32string title = utf8::decode(card->title);
        if (title.size() + utf8::decode(card->subtitle).size() < 5) continue;
        title[title.size() / 2] = U'囧';
        const CardMatch m = match(Section::main_deck, utf8::encode(title), card->subtitle);
        EXPECT_EQ(name_of(m), name) << utf8::encode(title);
        EXPECT_EQ(m.type, MatchType::fuzzy);
        ++checked;
    }
    EXPECT_GT(checked, 100);
}

TEST_F(MatcherTest, SectionsOnlyConsiderTheirOwnCardTypes) {
    const CardMatch battlefield = match(Section::battlefields, "圣化之墓");
    EXPECT_EQ(battlefield.type, MatchType::exact);
    EXPECT_EQ(battlefield.card->type_en, "Battlefield");

    // The same text in the legend panel must not pull in a battlefield.
    const CardMatch in_legend = match(Section::legend, "圣化之墓");
    EXPECT_NE(in_legend.type, MatchType::exact);
    if (in_legend.card) {
        EXPECT_EQ(in_legend.card->type_en, "Legend");
    }

    const CardMatch rune = match(Section::runes, "摧破符文");
    EXPECT_EQ(rune.card->type_en, "Basic Rune");
    const CardMatch rune_in_deck = match(Section::main_deck, "摧破符文");
    EXPECT_NE(rune_in_deck.type, MatchType::exact);
    if (rune_in_deck.card) {
        EXPECT_NE(rune_in_deck.card->type_en, "Basic Rune");
    }
}

TEST_F(MatcherTest, MissingSubtitleFallsBackToTheTitleWithAReducedScore) {
    const CardMatch m = match(Section::main_deck, "奇亚娜");
    EXPECT_EQ(name_of(m), "奇亚娜, 所向披靡");
    EXPECT_EQ(m.type, MatchType::fuzzy);
    EXPECT_LT(m.score, 90);
}

TEST_F(MatcherTest, ReportsTheBasePrintingWhateverTheRowOrder) {
    EXPECT_EQ(match(Section::runes, "翠意符文").card->card_number, "OGN·042/298");
    EXPECT_EQ(match(Section::legend, "腕豪").card->card_number, "OGN·269/298");

    std::vector<CardRecord> reversed(db().rows().rbegin(), db().rows().rend());
    const CardDatabase reversed_db = CardDatabase::from_rows(std::move(reversed));
    const CardMatcher reversed_matcher(reversed_db);
    for (const char* legend : {"腕豪", "九尾妖狐", "不灭狂雷", "迅捷斥候"}) {
        EXPECT_EQ(reversed_matcher.match(Section::legend, legend, "").card->card_number,
                  match(Section::legend, legend).card->card_number)
            << legend;
    }
    EXPECT_EQ(reversed_matcher.match(Section::main_deck, "提莫", "斥候").card->card_number,
              "OGN·197/298");
}

TEST_F(MatcherTest, TextThatIsNoCardMatchesNothing) {
    for (const char* text : {"", " ", "的的的的的的", "hello world", "12345"}) {
        const CardMatch m = match(Section::main_deck, text);
        EXPECT_EQ(m.type, MatchType::none) << text;
        EXPECT_EQ(m.card, nullptr) << text;
        EXPECT_EQ(m.score, 0) << text;
    }
}

}  // namespace
}  // namespace decklist
