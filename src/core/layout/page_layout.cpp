// Assembles the page: title bars split the tiles into sections, the header sits above
// the first bar, and a last panel without its closing border was cut by the image edge.
// Colour and greyscale pages take the same path: the furniture is measured against the
// page's own palette.

#include "decklist/layout/page_layout.hpp"

#include <algorithm>

#include <opencv2/imgproc.hpp>

#include "decklist/error.hpp"
#include "layout/furniture.hpp"
#include "layout/header_text.hpp"
#include "layout/ink.hpp"
#include "layout/tile_text.hpp"

namespace decklist {
namespace {

// The shortest bare page under the last panel's closing border that is the app's own
// bottom margin (about 0.10 of the width) rather than a cut in a gap between two panels
// (about 0.06), both measured from the border's top row.
constexpr double kAppBottomMargin = 0.08;

std::optional<TextBox> bar_title(const cv::Mat& grey, cv::Rect bar) {
    // The title is the white text at the bar's left; the gradient fades to the right.
    const cv::Rect area = bar & cv::Rect(0, 0, grey.cols, grey.rows);
    cv::Mat mask;
    cv::threshold(grey(area), mask, 170, 255, cv::THRESH_BINARY);
    const auto words =
        layout::column_runs(mask, cv::Rect(0, 0, mask.cols, mask.rows), grey.cols / 30, 2);
    if (words.empty()) return std::nullopt;
    const cv::Rect box =
        layout::ink_box(mask, cv::Rect(words.front().begin, 0, words.front().size(), mask.rows));
    if (box.empty()) return std::nullopt;
    return TextBox{box + area.tl(), true};
}

// Below the last panel's closing border the app leaves about a tenth of the width of bare
// page; between two panels the gap is about half that. A border a little below the closing
// one is the next panel's top edge, cut by the image before its title bar.
PageEnd page_end(const cv::Mat& bgr, const layout::PagePalette& palette, int closing_border) {
    const int w = bgr.cols;
    const int past_border = closing_border + w / 40;
    if (layout::has_panel_border(bgr, palette, past_border, bgr.rows)) return PageEnd::next_panel;
    const bool bare_to_the_edge =
        layout::first_row_off_background(bgr, palette, past_border) >= bgr.rows;
    if (bare_to_the_edge && bgr.rows - closing_border < w * kAppBottomMargin)
        return PageEnd::short_margin;
    return PageEnd::margin;
}

}  // namespace

PageLayout find_page_layout(const cv::Mat& bgr) {
    cv::Mat grey;
    if (!bgr.empty() && bgr.type() == CV_8UC3) cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
    return find_page_layout(bgr, grey);
}

PageLayout find_page_layout(const cv::Mat& bgr, const cv::Mat& grey) {
    if (bgr.empty() || bgr.type() != CV_8UC3 || bgr.cols < 100 || bgr.rows < 100) {
        throw Error(ErrorType::processing, "no decklist layout found");
    }
    if (grey.size() != bgr.size() || grey.type() != CV_8UC1) {
        throw Error(ErrorType::internal, "find_page_layout: grey is not the page's grey copy");
    }
    const int w = bgr.cols;
    // Colour furniture is found on a copy about 540 px wide (nearest neighbour keeps the
    // flat colours intact): a quarter of the pixels for a 1080 px page, same boxes.
    const int factor = std::max(1, w / 540);
    cv::Mat small = bgr;
    if (factor > 1) {
        cv::resize(bgr, small, cv::Size(w / factor, bgr.rows / factor), 0, 0, cv::INTER_NEAREST);
    }
    auto full_size = [&](std::vector<cv::Rect> boxes) {
        for (auto& b : boxes) {
            b = cv::Rect(b.x * factor, b.y * factor, b.width * factor, b.height * factor) &
                cv::Rect(0, 0, bgr.cols, bgr.rows);
        }
        return boxes;
    };
    const auto furniture = layout::find_furniture(small);
    if (!furniture) throw Error(ErrorType::processing, "no decklist layout found");
    const auto bars = full_size(furniture->bars);
    auto tiles = full_size(furniture->tiles);
    if (bars.empty() || tiles.empty()) {
        throw Error(ErrorType::processing, "no decklist layout found");
    }
    // A tile cut by the bottom edge: still readable when most of it shows, else dropped.
    std::vector<int> heights;
    for (const auto& t : tiles) heights.push_back(t.height);
    std::nth_element(heights.begin(), heights.begin() + heights.size() / 2, heights.end());
    const int typical_height = heights[heights.size() / 2];
    bool cut_tile = false;
    std::erase_if(tiles, [&](const cv::Rect& t) {
        const bool at_edge = t.y + t.height >= bgr.rows - 2 * factor;
        cut_tile |= at_edge;
        return at_edge && t.height < 0.75 * typical_height;
    });

    PageLayout page;
    for (std::size_t i = 0; i < bars.size(); ++i) {
        SectionLayout section;
        section.title_bar = bars[i];
        section.title = bar_title(grey, bars[i]);
        const int top = bars[i].y + bars[i].height;
        const int bottom = i + 1 < bars.size() ? bars[i + 1].y : bgr.rows;
        for (const auto& t : tiles) {
            if (t.y >= top && t.y < bottom)
                section.tiles.push_back(layout::find_tile_text(grey, t));
        }
        page.sections.push_back(std::move(section));
    }
    std::size_t with_tiles = 0;
    for (const auto& s : page.sections) with_tiles += !s.tiles.empty();
    if (with_tiles == 0) throw Error(ErrorType::processing, "no decklist layout found");

    // The last panel is complete when its closing border shows below its last tile.
    SectionLayout& last = page.sections.back();
    const int last_bottom = last.tiles.empty()
                                ? last.title_bar.y + last.title_bar.height
                                : last.tiles.back().tile.y + last.tiles.back().tile.height;
    const auto closing_border =
        layout::first_panel_border_row(bgr, furniture->palette, last_bottom, last_bottom + w / 8);
    last.cut_off = cut_tile || !closing_border;
    if (closing_border) page.end = page_end(bgr, furniture->palette, *closing_border);

    page.header =
        layout::find_header_text(bgr, grey, bars.front().y - w / 20, layout::is_greyscale(small));
    return page;
}

}  // namespace decklist
