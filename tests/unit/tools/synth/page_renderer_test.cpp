#include "synth/page_renderer.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "shared_data.hpp"
#include "synth/deck_generator.hpp"
#include "synth/style.hpp"

namespace decklist::synth {
namespace {

const TextPainter& painter() {
    static const TextPainter text("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
                                  "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc");
    return text;
}

class PageRenderer : public ::testing::Test {
  protected:
    void SetUp() override {
        db_ = std::make_unique<CardDatabase>(CardDatabase::load_csv(testing::shared_cards_csv()));
        DeckGenerator generator(*db_, 21);
        deck_ = generator.next();
    }
    std::unique_ptr<CardDatabase> db_;
    SyntheticDeck deck_;
};

// Bright pixels (text) in a region of the page.
int ink(const cv::Mat& page, cv::Rect region) {
    cv::Mat gray;
    cv::cvtColor(page(region), gray, cv::COLOR_BGR2GRAY);
    return cv::countNonZero(gray > 150);
}

TEST_F(PageRenderer, DrawsAQuantityBadgeOnlyForMoreThanOneCopy) {
    const cv::Mat page = render_page(deck_, painter(), 1);
    ASSERT_EQ(page.cols, style::kWidth);
    // The legend + main deck panel starts right below the header; main deck tiles follow
    // the legend's single row.
    const int legend_row =
        style::kHeaderHeight + style::kHeaderToPanel + style::kFirstBarOffset + style::kBarToTiles;
    const int first_main_row = legend_row + style::kLastRowToNextBar + style::kBarToTiles;
    const auto& main = deck_.at(Section::main_deck);
    int with_badge = 0;
    for (std::size_t i = 0; i < main.size(); ++i) {
        const cv::Point tl(style::kTileLeft[i % 2],
                           first_main_row + static_cast<int>(i / 2) * style::kRowPitch);
        const cv::Rect badge(tl.x + style::kTileWidth - 60, tl.y + style::kTileHeight - 45, 55, 40);
        const cv::Rect title(tl.x + style::kTextDx, tl.y + 20, 150, 80);
        EXPECT_EQ(ink(page, badge) > 0, main[i].quantity != 1)
            << "tile " << i << " " << main[i].name_cn;
        EXPECT_GT(ink(page, title), 100) << "tile " << i << " has no title";
        with_badge += main[i].quantity != 1;
    }
    EXPECT_GT(with_badge, 0);
}

TEST_F(PageRenderer, SameSeedSamePixels) {
    const cv::Mat a = render_page(deck_, painter(), 5), b = render_page(deck_, painter(), 5);
    ASSERT_EQ(a.size(), b.size());
    EXPECT_EQ(cv::norm(a, b, cv::NORM_INF), 0.0);
}

TEST_F(PageRenderer, ScalesToTheRequestedWidthKeepingTheAspect) {
    const cv::Mat page = render_page(deck_, painter(), 1);
    for (int width : {540, 2160}) {
        const cv::Mat scaled = scale_to_width(page, width);
        EXPECT_EQ(scaled.cols, width);
        EXPECT_NEAR(scaled.rows, page.rows * width / 1080.0, 1.0);
    }
}

TEST_F(PageRenderer, AnEmptySideDeckHasNoPanel) {
    const cv::Mat with_side = render_page(deck_, painter(), 1);
    SyntheticDeck without = deck_;
    without.at(Section::side_deck).clear();
    const cv::Mat page = render_page(without, painter(), 1);
    if (!deck_.at(Section::side_deck).empty()) {
        EXPECT_LT(page.rows, with_side.rows);
    }
    // The page still ends with the runes panel and the bottom strip.
    EXPECT_GT(page.rows, style::kHeaderHeight + 1000);
}

}  // namespace
}  // namespace decklist::synth
