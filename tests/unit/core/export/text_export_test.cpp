#include "decklist/export/text_export.hpp"

#include <gtest/gtest.h>

#include "export_fixtures.hpp"

using decklist::Section;
using export_test::matched;
using export_test::unmatched;

TEST(TextExport, SectionsInAppOrderWithEnglishThenChineseNames) {
    decklist::Decklist d;
    d.cards(Section::side_deck) = {matched("OGN·156/298", 2)};
    d.cards(Section::legend) = {matched("OGS·019/024", 1)};
    d.cards(Section::main_deck) = {matched("OGS·009/024", 1), matched("OGN·052/298", 3)};
    d.cards(Section::runes) = {matched("OGN·042/298", 6)};
    EXPECT_EQ(decklist::render_text(d),
              "Legend\n"
              "1 Wuju Bladesman - Starter (无极剑圣)\n"
              "\n"
              "Main Deck\n"
              "1 Yi, Honed (易, 锋芒毕现)\n"
              "3 Stalwart Poro (强强魄罗)\n"
              "\n"
              "Runes\n"
              "6 Calm Rune (翠意符文)\n"
              "\n"
              "Side Deck\n"
              "2 Sabotage (暗中破坏)\n");
}

TEST(TextExport, PrintingsOfOneNameShareALineAndUnmatchedKeepOcrText) {
    decklist::Decklist d;
    d.cards(Section::runes) = {matched("OGN·042/298", 4), matched("OGN·126/298", 6),
                               matched("OGN·042a/298", 2)};
    d.unmatched_tiles(Section::battlefields) = {unmatched("圣化之某", 1)};
    EXPECT_EQ(decklist::render_text(d),
              "Battlefields\n"
              "1 [unmatched] 圣化之某\n"
              "\n"
              "Runes\n"
              "6 Calm Rune (翠意符文)\n"
              "6 Body Rune (摧破符文)\n");
}

TEST(TextExport, EmptyDecklistIsEmptyText) {
    EXPECT_EQ(decklist::render_text(decklist::Decklist{}), "");
}
