// Layout on the real screenshots: one panel per section in page order, as many tiles as
// the truth has entries, subtitle lines and quantity badges exactly where the truth has
// them; the same at other sizes and compressions; and no layout in things that are not
// decklists.

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <random>

#include <opencv2/freetype.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "decklist/error.hpp"
#include "decklist/eval/truth.hpp"
#include "decklist/image/intake.hpp"
#include "decklist/layout/page_layout.hpp"
#include "shared_data.hpp"

namespace decklist {
namespace {

cv::Mat load_screenshot(const Truth& truth) {
    std::ifstream in(testing::shared_screenshot_dir() / truth.image, std::ios::binary);
    const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in),
                                          std::istreambuf_iterator<char>()};
    return decode_image(bytes, ImageLimits{});
}

cv::Mat reencode(const cv::Mat& image, const char* ext, std::vector<int> params = {}) {
    std::vector<std::uint8_t> bytes;
    EXPECT_TRUE(cv::imencode(ext, image, bytes, params));
    return cv::imdecode(bytes, cv::IMREAD_COLOR);
}

void expect_layout_matches_truth(const cv::Mat& image, const Truth& truth,
                                 const std::string& label) {
    const PageLayout page = find_page_layout(image);
    ASSERT_EQ(page.sections.size(), kAllSections.size()) << label;
    for (Section s : kAllSections) {
        const auto& expected = truth.entries(s);
        const auto& tiles = page.sections[static_cast<std::size_t>(s)].tiles;
        ASSERT_EQ(tiles.size(), expected.size()) << label << " " << section_key(s);
        for (std::size_t i = 0; i < tiles.size(); ++i) {
            EXPECT_EQ(tiles[i].subtitle.has_value(), !expected[i].subtitle.empty())
                << label << " " << section_key(s) << " " << expected[i].title;
            EXPECT_EQ(tiles[i].quantity.has_value(), expected[i].quantity > 1)
                << label << " " << section_key(s) << " " << expected[i].title;
            EXPECT_TRUE((tiles[i].tile & tiles[i].title.box) == tiles[i].title.box);
        }
    }
    const auto& header = page.header;
    EXPECT_TRUE(header.deck_name && header.event && header.date && header.player &&
                header.placement)
        << label;
}

TEST(PageLayout, RealScreenshotsHaveTheTruthsTiles) {
    const auto files = testing::shared_truth_files();
    ASSERT_FALSE(files.empty());
    for (const auto& file : files) {
        const Truth truth = load_truth(file.string());
        expect_layout_matches_truth(load_screenshot(truth), truth, truth.image);
    }
}

TEST(PageLayout, SurvivesResizingAndRecompression) {
    for (const auto& file : testing::shared_truth_files()) {
        const Truth truth = load_truth(file.string());
        const cv::Mat original = load_screenshot(truth);
        cv::Mat half, larger, double_size;
        cv::resize(original, half, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
        cv::resize(original, larger, cv::Size(), 1.5, 1.5, cv::INTER_CUBIC);
        cv::resize(original, double_size, cv::Size(), 2.0, 2.0, cv::INTER_LINEAR);
        expect_layout_matches_truth(half, truth, truth.image + " 0.5x");
        expect_layout_matches_truth(larger, truth, truth.image + " 1.5x");
        expect_layout_matches_truth(double_size, truth, truth.image + " 2x");
        expect_layout_matches_truth(reencode(original, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 40}),
                                    truth, truth.image + " q40");
        expect_layout_matches_truth(reencode(half, ".jpg", {cv::IMWRITE_JPEG_QUALITY, 40}), truth,
                                    truth.image + " 0.5x q40");
        expect_layout_matches_truth(reencode(original, ".png"), truth, truth.image + " png");
    }
}

TEST(PageLayout, LastPanelWithoutItsClosingBorderIsCutOff) {
    for (const auto& file : testing::shared_truth_files()) {
        const Truth truth = load_truth(file.string());
        const cv::Mat image = load_screenshot(truth);
        const PageLayout page = find_page_layout(image);
        for (std::size_t i = 0; i + 1 < page.sections.size(); ++i) {
            EXPECT_FALSE(page.sections[i].cut_off) << truth.image;
        }
        // Cutting the page through the middle of the main deck leaves it open at the bottom.
        const auto& main_deck = page.sections[1];
        const int cut =
            main_deck.tiles[main_deck.tiles.size() / 2].tile.y + main_deck.tiles[0].tile.height / 2;
        const PageLayout cut_page = find_page_layout(image.rowRange(0, cut).clone());
        ASSERT_EQ(cut_page.sections.size(), 2u) << truth.image;
        EXPECT_TRUE(cut_page.sections.back().cut_off) << truth.image;
        EXPECT_LT(cut_page.sections.back().tiles.size(), main_deck.tiles.size());
    }
}

void expect_no_layout(const cv::Mat& image, const std::string& label) {
    try {
        find_page_layout(image);
        ADD_FAILURE() << label << ": a layout was found";
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::processing) << label;
        EXPECT_STREQ(e.what(), "no decklist layout found") << label;
    }
}

TEST(PageLayout, ImagesThatAreNotDecklistsHaveNoLayout) {
    cv::Mat noise(1600, 1080, CV_8UC3);
    cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(255));
    expect_no_layout(noise, "random noise");
    expect_no_layout(cv::Mat(1600, 1080, CV_8UC3, cv::Scalar::all(255)), "blank white");
    expect_no_layout(cv::Mat(1600, 1080, CV_8UC3, cv::Scalar(80, 57, 1)), "blank app background");
    expect_no_layout(cv::Mat(), "empty");
    // Found by fuzz_image_layout: a very wide, very short image shrank to zero rows.
    expect_no_layout(cv::Mat(8, 8200, CV_8UC3, cv::Scalar(80, 57, 1)), "8200x8 strip");
    expect_no_layout(cv::Mat(1600, 60, CV_8UC3, cv::Scalar(80, 57, 1)), "60 px wide strip");

    // A page of text, rendered with the same CJK font family the app uses.
    cv::Mat page(1600, 1080, CV_8UC3, cv::Scalar::all(255));
    auto font = cv::freetype::createFreeType2();
    font->loadFontData("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2);
    for (int line = 0; line < 30; ++line) {
        font->putText(page, "第一赛季区域公开赛 主牌组 传奇牌 小小守护者 x3 备牌",
                      {40, 40 + 50 * line}, 32, cv::Scalar::all(0), -1, cv::LINE_AA, false);
    }
    expect_no_layout(page, "text page");
    cv::Mat inverted;
    cv::bitwise_not(page, inverted);
    expect_no_layout(inverted, "white text on black");
}

}  // namespace
}  // namespace decklist
