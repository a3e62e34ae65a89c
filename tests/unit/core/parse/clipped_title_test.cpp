// A title too long for its tile runs into the tile's right edge, which clips its last
// glyph. Tesseract, given such a crop, sometimes finds no line at all; the tile must still
// be read, not left with an empty title that matches nothing.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "decklist/match/card_db.hpp"
#include "decklist/ocr/ocr_engine.hpp"
#include "decklist/parse/read_decklist.hpp"
#include "shared_data.hpp"
#include "synth/deck_generator.hpp"
#include "synth/page_renderer.hpp"
#include "synth/text_painter.hpp"
#include "synthetic_page_suite.hpp"

namespace decklist {
namespace {

// A title too long for a tile at every width, with a full-width mark in the middle.
constexpr const char* kLongTitle = "秘奥义！慈悲度魂落";

using ClippedTitle = testing::SyntheticPageSuite<int>;

// Every main-deck and side-deck tile shows the long title, at widths where it once read
// as nothing.
TEST_P(ClippedTitle, ReadsAsTheTitleNotAsNothing) {
    const int width = GetParam();
    synth::DeckGenerator generator(*db_, static_cast<std::uint64_t>(width));
    synth::SyntheticDeck deck = generator.next();
    for (Section s : {Section::main_deck, Section::side_deck}) {
        for (synth::Tile& tile : deck.at(s)) {
            tile.name_cn = tile.title = kLongTitle;
            tile.subtitle.clear();
        }
    }
    const cv::Mat page = synth::scale_to_width(synth::render_page(deck, *text_, 4), width);
    std::vector<std::uint8_t> jpeg;
    ASSERT_TRUE(cv::imencode(".jpg", page, jpeg, {cv::IMWRITE_JPEG_QUALITY, 90}));
    const ParsedDecklist parsed = read_decklist(cv::imdecode(jpeg, cv::IMREAD_COLOR), *ocr_);

    int tiles = 0;
    for (Section s : {Section::main_deck, Section::side_deck}) {
        for (const ParsedTile& tile : parsed.tiles(s)) {
            ++tiles;
            // The clipped last glyph may be misread; the rest must be there.
            EXPECT_EQ(tile.title.rfind("秘奥义", 0), 0u) << "\"" << tile.title << "\"";
        }
    }
    EXPECT_EQ(tiles, static_cast<int>(deck.at(Section::main_deck).size() +
                                      deck.at(Section::side_deck).size()));
}

INSTANTIATE_TEST_SUITE_P(Widths, ClippedTitle, ::testing::Values(581, 935, 1029),
                         [](const auto& info) { return std::to_string(info.param) + "px"; });

}  // namespace
}  // namespace decklist
