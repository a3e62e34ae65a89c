#include "synth/panel_painter.hpp"

#include <cmath>
#include <opencv2/imgproc.hpp>
#include <string>

#include "synth/shapes.hpp"
#include "synth/style.hpp"
#include "synth/type_icons.hpp"

namespace decklist::synth {
namespace {

using namespace style;

int rows(const std::vector<Tile>& tiles) {
    return static_cast<int>((tiles.size() + 1) / 2);
}

void paint_title_bar(cv::Mat& page, int top, std::string_view title, const TextPainter& text,
                     std::mt19937_64& rng) {
    // Solid on the left, then dissolving into the panel in a grainy fade (measured: full
    // colour up to x≈310, gone by x≈960).
    const cv::Rect bar(kBarLeft, top, kBarRight - kBarLeft, kBarHeight);
    cv::Mat grain(bar.size(), CV_32F);
    cv::RNG(rng()).fill(grain, cv::RNG::UNIFORM, 0.0, 1.0);
    cv::Mat coverage(bar.size(), CV_32F);
    for (int x = 0; x < bar.width; ++x) {
        const float t = std::clamp(1.0f - (bar.x + x - 310.0f) / 500.0f, 0.0f, 1.0f);
        const float share = std::pow(t, 1.3f);
        for (int y = 0; y < bar.height; ++y)
            coverage.at<float>(y, x) = grain.at<float>(y, x) < share ? 1.0f : 0.0f;
    }
    cv::GaussianBlur(coverage, coverage, cv::Size(3, 3), 0.7);
    cv::Mat roi = page(bar);
    for (int y = 0; y < bar.height; ++y) {
        auto* row = roi.ptr<cv::Vec3b>(y);
        for (int x = 0; x < bar.width; ++x) {
            const float a = coverage.at<float>(y, x);
            for (int c = 0; c < 3; ++c)
                row[x][c] = cv::saturate_cast<uchar>(row[x][c] + a * (kTitleBar[c] - row[x][c]));
        }
    }
    // The notch in the bar's left end and the diamond sitting in it.
    const float mid = top + kBarHeight / 2.0f;
    fill_polygon(page, {{95, mid - 16}, {115, mid}, {95, mid + 16}}, kPageBg);
    fill_polygon(page, {{85, mid}, {99, mid - 13}, {113, mid}, {99, mid + 13}}, kTitleBar);
    text.draw(page, title, {kSectionTitleDx, top + kSectionTitleBaseline}, kSectionTitlePx,
              Weight::bold, kSectionTitle);
}

void paint_tile(cv::Mat& page, cv::Point tl, const Tile& tile, const TextPainter& text) {
    cv::rectangle(page, cv::Rect(tl, cv::Size(kTileWidth, kTileHeight)), kTile, cv::FILLED);
    const cv::Point2f disc(tl.x + kDiscDx, tl.y + kTileHeight / 2.0f);
    fill_circle(page, disc, kDiscRadius, kIconDisc);
    draw_type_icon(page, disc, kIconSize, tile.type_en, kIconInk, kIconDisc);

    const int x = tl.x + kTextDx;
    if (tile.subtitle.empty()) {
        text.draw(page, tile.title, {x, tl.y + kTitleBaselineOneLine}, kTitlePx, Weight::medium,
                  kTileTitle);
    } else {
        text.draw(page, tile.title, {x, tl.y + kTitleBaselineTwoLines}, kTitlePx, Weight::medium,
                  kTileTitle);
        text.draw(page, tile.subtitle, {x, tl.y + kSubtitleBaseline}, kSubtitlePx, Weight::regular,
                  kTileSubtitle);
    }
    if (tile.quantity != 1) {
        const std::string digits = std::to_string(tile.quantity);
        const int right = tl.x + kTileWidth - kQuantityRight;
        const int digits_x = right - text.width(digits, kQuantityDigitPx, Weight::regular);
        const int x_x = digits_x - 4 - text.width("x", kQuantityXPx, Weight::regular);
        text.draw(page, "x", {x_x, tl.y + kQuantityBaseline}, kQuantityXPx, Weight::regular,
                  kQuantity);
        text.draw(page, digits, {digits_x, tl.y + kQuantityBaseline}, kQuantityDigitPx,
                  Weight::regular, kQuantity);
    }
}

}  // namespace

int panel_height(const PanelContent& panel) {
    int bar = kFirstBarOffset;
    int last_row = 0;
    for (const auto& [section, tiles] : panel.sections) {
        last_row = bar + kBarToTiles + (std::max(rows(*tiles), 1) - 1) * kRowPitch;
        bar = last_row + kLastRowToNextBar;
    }
    return last_row + kLastRowToPanelBottom;
}

void paint_panel(cv::Mat& page, int top, const PanelContent& panel, const TextPainter& text,
                 std::mt19937_64& rng) {
    const float height = static_cast<float>(panel_height(panel));
    const cv::Rect2f outer(kPanelLeft, static_cast<float>(top), kPanelRight - kPanelLeft, height);
    stroke_rounded_rect(page, outer, kPanelRadius, kPanelBorderWidth, kPanelBorder);
    const cv::Rect2f inner(outer.x + kInnerInset, outer.y + kInnerInset,
                           outer.width - 2 * kInnerInset, outer.height - 2 * kInnerInset);
    stroke_rounded_rect(page, inner, kInnerRadius, kInnerBorderWidth, kPanelInnerBorder);

    int bar = top + kFirstBarOffset;
    for (const auto& [section, tiles] : panel.sections) {
        paint_title_bar(page, bar, section_title_cn(section), text, rng);
        const int first_row = bar + kBarToTiles;
        for (std::size_t i = 0; i < tiles->size(); ++i) {
            const cv::Point tl(kTileLeft[i % 2], first_row + static_cast<int>(i / 2) * kRowPitch);
            paint_tile(page, tl, (*tiles)[i], text);
        }
        bar = first_row + (std::max(rows(*tiles), 1) - 1) * kRowPitch + kLastRowToNextBar;
    }
}

}  // namespace decklist::synth
