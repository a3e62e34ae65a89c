// Badge digits are one or two glyphs; Tesseract's line mode sometimes returns nothing for a
// lone glyph (a "9" at 540 px, a "4" under JPEG q60). The first try is the cheap one that
// reads nearly all badges; the others only run when it fails.

#include "decklist/parse/badge_quantity.hpp"

#include <algorithm>
#include <array>
#include <string>

#include <opencv2/imgproc.hpp>

#include "decklist/ocr/prepare_crop.hpp"
#include "parse/field_readers.hpp"

namespace decklist {
namespace {

// Badges hold one or two digits.
std::optional<int> plausible_quantity(const std::string& text) {
    const auto value = parse::number_from_digits(text, 2);
    if (!value || *value < kMinBadgeQuantity || *value > kMaxBadgeQuantity) return std::nullopt;
    return value;
}

// The digits' own bounding box: the layout's box may carry a margin of badge ground, a
// JPEG speck or the foot of the "x"; here only blobs at least 60% as tall as the tallest
// count. Returns `box` unchanged when the area holds no clear ink.
cv::Rect tight_glyph_box(const cv::Mat& grey, const TextBox& digits) {
    const cv::Rect page(0, 0, grey.cols, grey.rows);
    const int pad = std::max(2, digits.box.height / 4);
    const cv::Rect area = cv::Rect(digits.box.x - pad, digits.box.y - pad,
                                   digits.box.width + 2 * pad, digits.box.height + 2 * pad) &
                          page;
    if (area.empty()) return digits.box;
    cv::Mat ink;
    cv::threshold(
        grey(area), ink, 0, 255,
        (digits.light_on_dark ? cv::THRESH_BINARY : cv::THRESH_BINARY_INV) | cv::THRESH_OTSU);
    cv::Mat labels, stats, centroids;
    const int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
    int tallest = 0;
    for (int i = 1; i < n; ++i) tallest = std::max(tallest, stats.at<int>(i, cv::CC_STAT_HEIGHT));
    cv::Rect glyphs;
    for (int i = 1; i < n; ++i) {
        if (stats.at<int>(i, cv::CC_STAT_HEIGHT) < 0.6 * tallest) continue;
        const cv::Rect blob(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                            stats.at<int>(i, cv::CC_STAT_WIDTH),
                            stats.at<int>(i, cv::CC_STAT_HEIGHT));
        glyphs = glyphs.empty() ? blob : (glyphs | blob);
    }
    // Ink touching the whole area is the badge ground, not glyphs.
    if (glyphs.empty() || glyphs.height >= area.height) return digits.box;
    return glyphs + area.tl();
}

}  // namespace

std::optional<int> read_badge_quantity(OcrEngine& ocr, const cv::Mat& grey, const TextBox& digits) {
    if (digits.box.empty()) return std::nullopt;
    using Mode = PageMode;
    struct Try {
        bool tight;
        int glyph_height;
        bool binarise;
        Mode mode;
    };
    // Ordered by how often each one read the badges the earlier ones missed.
    constexpr std::array<Try, 5> kTries{{
        {false, 32, true, Mode::line},
        {true, 40, true, Mode::word},
        {true, 32, false, Mode::raw_line},
        {true, 24, true, Mode::line},
        {true, 48, false, Mode::word},
    }};
    const TextBox tight{tight_glyph_box(grey, digits), digits.light_on_dark};
    for (const Try& t : kTries) {
        const cv::Mat crop =
            prepare_line_crop(grey, t.tight ? tight : digits, t.glyph_height, t.binarise);
        if (auto value =
                plausible_quantity(ocr.recognise(crop, {OcrModel::digits, {}, t.mode}).text))
            return value;
    }
    return std::nullopt;
}

namespace parse {

void read_tile_quantity(PageText& page, const TextBox& digits, ParsedTile& tile) {
    if (const auto quantity = read_badge_quantity(page.ocr, page.grey, digits)) {
        tile.quantity = *quantity;
    } else {
        page.warnings.push_back("could not read the quantity of \"" + tile.title +
                                "\"; counted as 1");
    }
}

}  // namespace parse
}  // namespace decklist
