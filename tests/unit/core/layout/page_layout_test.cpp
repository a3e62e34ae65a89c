// Layout on the real screenshots: one panel per section in page order, as many tiles as
// the truth has entries, subtitle lines and quantity badges exactly where the truth has
// them; the same at other sizes and compressions and after conversion to greyscale; and
// no layout in things that are not decklists, in colour or in grey.

#include <gtest/gtest.h>

#include <cmath>
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

// The sections and their tiles only: for pages whose header colours are not the app's.
void expect_sections_match_truth(const cv::Mat& image, const Truth& truth,
                                 const std::string& label) {
    const PageLayout page = find_page_layout(image);
    ASSERT_EQ(page.sections.size(), kAllSections.size()) << label;
    for (Section s : kAllSections) {
        const auto& tiles = page.sections[static_cast<std::size_t>(s)].tiles;
        ASSERT_EQ(tiles.size(), truth.entries(s).size()) << label << " " << section_key(s);
        for (std::size_t i = 0; i < tiles.size(); ++i) {
            EXPECT_EQ(tiles[i].quantity.has_value(), truth.entries(s)[i].quantity > 1)
                << label << " " << section_key(s) << " " << truth.entries(s)[i].title;
        }
    }
}

// Whatever an encoder or a filter does to the page's colours, the furniture is measured
// against the colours the page itself shows. A background whose red channel drifts from 1
// to 6 (as some JPEG tables do) once pushed the whole panel into the tile colour band.
TEST(PageLayout, FollowsThePagesOwnColours) {
    for (const auto& file : testing::shared_truth_files()) {
        const Truth truth = load_truth(file.string());
        const cv::Mat original = load_screenshot(truth);
        cv::Mat red_drift = original.clone(), brighter, darker, contrast;
        red_drift.forEach<cv::Vec3b>(
            [](cv::Vec3b& p, const int*) { p[2] = cv::saturate_cast<std::uint8_t>(p[2] + 6); });
        original.convertTo(brighter, -1, 1.0, 30);
        original.convertTo(darker, -1, 0.8, 0);
        original.convertTo(contrast, -1, 1.25, -10);
        expect_layout_matches_truth(red_drift, truth, truth.image + " red +6");
        expect_layout_matches_truth(brighter, truth, truth.image + " +30");
        expect_layout_matches_truth(darker, truth, truth.image + " x0.8");
        expect_layout_matches_truth(contrast, truth, truth.image + " x1.25-10");
        // No hue is assumed: with red and blue swapped the blue title bars turn orange.
        cv::Mat swapped;
        cv::cvtColor(original, swapped, cv::COLOR_BGR2RGB);
        expect_sections_match_truth(swapped, truth, truth.image + " red/blue swapped");
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

// Cut anywhere between the runes panel's last tile and the side deck's title bar, the page
// says it was cut: inside the runes panel, or, once that panel is whole, in the bare gap,
// through the side panel's top edge or just above its bar. The whole page ends with the
// app's own margin.
TEST(PageLayout, APageCutBetweenTwoPanelsSaysThePageGoesOn) {
    for (const auto& file : testing::shared_truth_files()) {
        const Truth truth = load_truth(file.string());
        const cv::Mat image = load_screenshot(truth);
        const PageLayout page = find_page_layout(image);
        ASSERT_EQ(page.sections.size(), kAllSections.size()) << truth.image;
        if (!page.sections.back().cut_off) {
            EXPECT_EQ(page.end, PageEnd::margin) << truth.image;
        }

        const auto& runes = page.sections[static_cast<std::size_t>(Section::runes)];
        const auto& side = page.sections[static_cast<std::size_t>(Section::side_deck)];
        const cv::Rect last_rune = runes.tiles.back().tile;
        // Above its closing border the runes panel itself is cut; below it the page goes on.
        int whole_runes = 0;
        for (int cut = last_rune.y + last_rune.height; cut <= side.title_bar.y;
             cut += image.cols / 80) {
            const PageLayout cut_page = find_page_layout(image.rowRange(0, cut).clone());
            ASSERT_EQ(cut_page.sections.size(), 4u) << truth.image << " cut at " << cut;
            const bool runes_cut = cut_page.sections.back().cut_off;
            whole_runes += !runes_cut;
            EXPECT_TRUE(runes_cut || cut_page.end != PageEnd::margin)
                << truth.image << " cut at " << cut;
        }
        EXPECT_GT(whole_runes, 5) << truth.image;
    }
}

// What a greyscale copy looks like after upload: one channel, JPEG, decoded by intake
// into three equal channels.
cv::Mat greyscale_copy(const cv::Mat& bgr, int jpeg_quality) {
    cv::Mat grey;
    cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
    std::vector<std::uint8_t> bytes;
    EXPECT_TRUE(cv::imencode(".jpg", grey, bytes, {cv::IMWRITE_JPEG_QUALITY, jpeg_quality}));
    return decode_image(bytes, ImageLimits{});
}

bool near(const cv::Rect& a, const cv::Rect& b, int tolerance) {
    return std::abs(a.x - b.x) <= tolerance && std::abs(a.y - b.y) <= tolerance &&
           std::abs(a.br().x - b.br().x) <= tolerance && std::abs(a.br().y - b.br().y) <= tolerance;
}

TEST(PageLayout, GreyscaleScreenshotHasTheColourLayout) {
    for (const auto& file : testing::shared_truth_files()) {
        const Truth truth = load_truth(file.string());
        const cv::Mat colour = load_screenshot(truth);
        const cv::Mat grey = greyscale_copy(colour, 90);
        ASSERT_EQ(grey.type(), CV_8UC3) << truth.image;
        const PageLayout expected = find_page_layout(colour);
        const PageLayout page = find_page_layout(grey);
        ASSERT_EQ(page.sections.size(), expected.sections.size()) << truth.image;
        const int tolerance = colour.cols / 100;
        for (std::size_t s = 0; s < page.sections.size(); ++s) {
            const auto& got = page.sections[s];
            const auto& want = expected.sections[s];
            EXPECT_EQ(got.cut_off, want.cut_off) << truth.image << " section " << s;
            EXPECT_EQ(got.title.has_value(), want.title.has_value()) << truth.image;
            EXPECT_LE(std::abs(got.title_bar.y - want.title_bar.y), tolerance) << truth.image;
            ASSERT_EQ(got.tiles.size(), want.tiles.size()) << truth.image << " section " << s;
            for (std::size_t i = 0; i < got.tiles.size(); ++i) {
                EXPECT_TRUE(near(got.tiles[i].tile, want.tiles[i].tile, tolerance))
                    << truth.image << " section " << s << " tile " << i;
                EXPECT_EQ(got.tiles[i].subtitle.has_value(), want.tiles[i].subtitle.has_value());
                EXPECT_EQ(got.tiles[i].quantity.has_value(), want.tiles[i].quantity.has_value());
            }
        }
        // The placement badge is found by its shape and brightness instead of its yellow.
        ASSERT_TRUE(page.header.placement) << truth.image;
        ASSERT_TRUE(expected.header.placement) << truth.image;
        EXPECT_TRUE(near(page.header.placement->box, expected.header.placement->box, tolerance))
            << truth.image;
        expect_layout_matches_truth(grey, truth, truth.image + " grey");
    }
}

TEST(PageLayout, GreyscaleSurvivesResizingAndRecompression) {
    for (const auto& file : testing::shared_truth_files()) {
        const Truth truth = load_truth(file.string());
        const cv::Mat original = load_screenshot(truth);
        cv::Mat half, larger;
        cv::resize(original, half, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
        cv::resize(original, larger, cv::Size(), 1.5, 1.5, cv::INTER_CUBIC);
        expect_layout_matches_truth(greyscale_copy(original, 40), truth, truth.image + " grey q40");
        expect_layout_matches_truth(greyscale_copy(half, 40), truth,
                                    truth.image + " grey 0.5x q40");
        expect_layout_matches_truth(greyscale_copy(larger, 75), truth, truth.image + " grey 1.5x");
    }
}

// A grey copy stored as linear light (ImageMagick's -colorspace LinearGray) is very dark:
// its tiles stand only about 8 levels above the background.
cv::Mat linear_grey_copy(const cv::Mat& bgr) {
    cv::Mat linear(256, 1, CV_32F);
    for (int v = 0; v < 256; ++v) {
        const double c = v / 255.0;
        linear.at<float>(v) =
            static_cast<float>(c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4));
    }
    cv::Mat grey(bgr.size(), CV_8UC1);
    for (int y = 0; y < bgr.rows; ++y) {
        for (int x = 0; x < bgr.cols; ++x) {
            const cv::Vec3b p = bgr.at<cv::Vec3b>(y, x);
            const double luminance = 0.0722 * linear.at<float>(p[0]) +
                                     0.7152 * linear.at<float>(p[1]) +
                                     0.2126 * linear.at<float>(p[2]);
            grey.at<std::uint8_t>(y, x) = cv::saturate_cast<std::uint8_t>(255 * luminance);
        }
    }
    std::vector<std::uint8_t> bytes;
    EXPECT_TRUE(cv::imencode(".jpg", grey, bytes, {cv::IMWRITE_JPEG_QUALITY, 75}));
    return decode_image(bytes, ImageLimits{});
}

TEST(PageLayout, LinearLightGreyCopyHasTheTruthsTiles) {
    for (const auto& file : testing::shared_truth_files()) {
        const Truth truth = load_truth(file.string());
        expect_sections_match_truth(linear_grey_copy(load_screenshot(truth)), truth,
                                    truth.image + " linear grey");
    }
}

TEST(PageLayout, GreyscaleCutPageIsCutOffLikeTheColourOne) {
    for (const auto& file : testing::shared_truth_files()) {
        const Truth truth = load_truth(file.string());
        const cv::Mat image = load_screenshot(truth);
        const PageLayout page = find_page_layout(image);
        // Cut through a row of main-deck tiles: the cut tiles must not pass for title bars.
        const auto& main_deck = page.sections[1];
        const int cut =
            main_deck.tiles[main_deck.tiles.size() / 2].tile.y + main_deck.tiles[0].tile.height / 2;
        const cv::Mat cut_image = image.rowRange(0, cut).clone();
        const PageLayout colour_cut = find_page_layout(cut_image);
        const PageLayout grey_cut = find_page_layout(greyscale_copy(cut_image, 90));
        ASSERT_EQ(grey_cut.sections.size(), 2u) << truth.image;
        EXPECT_TRUE(grey_cut.sections.back().cut_off) << truth.image;
        EXPECT_EQ(grey_cut.sections.back().tiles.size(), colour_cut.sections.back().tiles.size())
            << truth.image;
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

cv::Mat as_three_channels(const cv::Mat& grey) {
    cv::Mat bgr;
    cv::cvtColor(grey, bgr, cv::COLOR_GRAY2BGR);
    return bgr;
}

TEST(PageLayout, GreyImagesThatAreNotDecklistsHaveNoLayout) {
    // Gradients pass through every grey level, the app's slab and border levels included.
    cv::Mat vertical(1600, 1080, CV_8UC1), horizontal(1600, 1080, CV_8UC1);
    for (int y = 0; y < vertical.rows; ++y) vertical.row(y).setTo(y * 255 / vertical.rows);
    for (int x = 0; x < horizontal.cols; ++x) horizontal.col(x).setTo(x * 255 / horizontal.cols);
    expect_no_layout(as_three_channels(vertical), "vertical grey gradient");
    expect_no_layout(as_three_channels(horizontal), "horizontal grey gradient");
    cv::Mat noise(1600, 1080, CV_8UC1);
    cv::randu(noise, cv::Scalar(30), cv::Scalar(90));
    expect_no_layout(as_three_channels(noise), "dark grey noise");
    expect_no_layout(cv::Mat(1600, 1080, CV_8UC3, cv::Scalar::all(43)), "blank app grey");

    // Pages of grey text, light on the app's dark grey and dark on white.
    auto font = cv::freetype::createFreeType2();
    font->loadFontData("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2);
    for (const auto& [ground, ink] : {std::pair{43, 200}, std::pair{255, 60}, std::pair{43, 65}}) {
        cv::Mat page(1600, 1080, CV_8UC3, cv::Scalar::all(ground));
        for (int line = 0; line < 30; ++line) {
            font->putText(page, "第一赛季区域公开赛 主牌组 传奇牌 小小守护者 x3 备牌",
                          {40, 40 + 50 * line}, 32, cv::Scalar::all(ink), -1, cv::LINE_AA, false);
        }
        expect_no_layout(page,
                         "grey text " + std::to_string(ink) + " on " + std::to_string(ground));
    }
}

}  // namespace
}  // namespace decklist
