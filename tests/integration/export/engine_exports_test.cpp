// The engine fills the exports: for every shared screenshot, the decklist's deck_code holds
// exactly its matched cards, and its text lists them under the section headings.

#include <filesystem>
#include <map>

#include <gtest/gtest.h>

#include "decklist/export/card_code.hpp"
#include "decklist/export/deck_code.hpp"
#include "decklist/export/text_export.hpp"
#include "engine_fixture.hpp"
#include "file_bytes.hpp"

namespace dc = decklist::deck_code;
using decklist::Section;

namespace {

using Counts = std::map<std::string, int>;

Counts counts_of(const std::vector<dc::DeckEntry>& entries) {
    Counts counts;
    for (const auto& e : entries) counts[dc::to_string(e.card)] += e.count;
    return counts;
}

Counts counts_of(const decklist::Decklist& d, std::initializer_list<Section> sections) {
    Counts counts;
    for (const Section s : sections)
        for (const auto& card : d.cards(s))
            counts[dc::to_string(*dc::card_code_from_number(card.card_number.value()))] +=
                card.quantity;
    return counts;
}

bool all_matched(const decklist::Decklist& d) {
    for (const Section s : decklist::kAllSections)
        if (!d.unmatched_tiles(s).empty()) return false;
    return true;
}

class EngineExports : public decklist::testing::EngineSuite {};

}  // namespace

TEST_F(EngineExports, EveryScreenshotGetsACodeOfItsCardsAndAText) {
    int screenshots = 0;
    for (const auto& entry :
         std::filesystem::directory_iterator(decklist::testing::shared_screenshot_dir())) {
        if (entry.path().extension() != ".jpg") continue;
        ++screenshots;
        SCOPED_TRACE(entry.path().filename().string());
        const auto bytes = decklist::testing::read_bytes(entry.path());
        const auto d = worker().process(bytes, entry.path().filename().string());

        for (const Section s : decklist::kAllSections)
            if (!d.cards(s).empty()) {
                EXPECT_NE(
                    d.exported("text")->find(std::string(decklist::section_title_en(s)) + "\n"),
                    std::string::npos);
            }
        if (!all_matched(d)) {
            EXPECT_FALSE(d.exported("deck_code"));
            continue;
        }
        ASSERT_TRUE(d.exported("deck_code"));
        const auto deck = dc::decode(*d.exported("deck_code"));
        EXPECT_EQ(counts_of(deck.main), counts_of(d, {Section::legend, Section::main_deck,
                                                      Section::battlefields, Section::runes}));
        EXPECT_EQ(counts_of(deck.side), counts_of(d, {Section::side_deck}));
    }
    EXPECT_GT(screenshots, 0);
}
