// Quantity badges "x2".."x12" read right at every width the service accepts and under
// heavy JPEG compression: synthetic pages drawn in the app's style, every main-deck, rune
// and side-deck tile given a badge, read by the real layout + OCR.

#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>

#include "decklist/match/card_db.hpp"
#include "decklist/ocr/ocr_engine.hpp"
#include "decklist/parse/badge_quantity.hpp"
#include "decklist/parse/read_decklist.hpp"
#include "shared_data.hpp"
#include "synth/deck_generator.hpp"
#include "synth/page_renderer.hpp"
#include "synth/text_painter.hpp"
#include "synthetic_page_suite.hpp"

namespace decklist {
namespace {

constexpr Section kBadgedSections[] = {Section::main_deck, Section::runes, Section::side_deck};

struct Case {
    int width;
    int jpeg_quality;
};

void PrintTo(const Case& c, std::ostream* out) {
    *out << c.width << " px, JPEG q" << c.jpeg_quality;
}

class BadgeQuantity : public testing::SyntheticPageSuite<Case> {
  protected:
    // A generated deck whose badged tiles cycle through every quantity a badge can show,
    // starting at `first` so that each case puts each quantity on other tiles.
    static synth::SyntheticDeck badged_deck(std::uint64_t seed, int first) {
        synth::DeckGenerator generator(*db_, seed);
        synth::SyntheticDeck deck = generator.next();
        const int span = kMaxBadgeQuantity - kMinBadgeQuantity + 1;
        int next = first - kMinBadgeQuantity;
        for (Section s : kBadgedSections) {
            for (synth::Tile& tile : deck.at(s)) tile.quantity = kMinBadgeQuantity + next++ % span;
        }
        return deck;
    }
};

TEST_P(BadgeQuantity, EveryBadgeReadsItsQuantity) {
    const Case c = GetParam();
    const auto seed = static_cast<std::uint64_t>(c.width + c.jpeg_quality);
    const synth::SyntheticDeck deck = badged_deck(seed, kMinBadgeQuantity + c.width % 11);
    const cv::Mat page = synth::scale_to_width(synth::render_page(deck, *text_, seed), c.width);
    std::vector<std::uint8_t> jpeg;
    ASSERT_TRUE(cv::imencode(".jpg", page, jpeg, {cv::IMWRITE_JPEG_QUALITY, c.jpeg_quality}));
    const ParsedDecklist parsed = read_decklist(cv::imdecode(jpeg, cv::IMREAD_COLOR), *ocr_);

    int badges = 0;
    for (Section s : kBadgedSections) {
        const auto& want = deck.at(s);
        const auto& got = parsed.tiles(s);
        ASSERT_EQ(got.size(), want.size()) << section_title_cn(s);
        for (std::size_t i = 0; i < want.size(); ++i, ++badges) {
            EXPECT_EQ(got[i].quantity, want[i].quantity)
                << section_title_cn(s) << " tile " << i << " \"" << want[i].title << "\"";
        }
    }
    // Enough tiles that every quantity 2..12 appears.
    EXPECT_GE(badges, kMaxBadgeQuantity - kMinBadgeQuantity + 1);
}

INSTANTIATE_TEST_SUITE_P(WidthsAndQualities, BadgeQuantity,
                         ::testing::Values(Case{540, 40}, Case{540, 90}, Case{720, 60},
                                           Case{1080, 40}, Case{2160, 40}, Case{2160, 90}),
                         [](const auto& info) {
                             return std::to_string(info.param.width) + "px_q" +
                                    std::to_string(info.param.jpeg_quality);
                         });

}  // namespace
}  // namespace decklist
