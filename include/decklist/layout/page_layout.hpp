#pragma once
// Where things are on a 卡组详情 screenshot. Every measure is relative to the image width,
// so the same code reads 540 px and 2160 px wide pages; nothing here reads text.

#include <optional>
#include <vector>

#include <opencv2/core.hpp>

namespace decklist {

// A single line of text: its tight box, and whether it is light text on a dark ground.
struct TextBox {
    cv::Rect box;
    bool light_on_dark = true;
};

struct TileLayout {
    cv::Rect tile;
    TextBox title;
    std::optional<TextBox> subtitle;  // the smaller second line
    std::optional<TextBox> quantity;  // the digits of the "xN" badge; none means 1
};

struct SectionLayout {
    cv::Rect title_bar;
    std::optional<TextBox> title;   // the panel title inside the bar (传奇牌, 主牌组, ...)
    std::vector<TileLayout> tiles;  // reading order: row by row, left then right
    bool cut_off = false;           // the image ends inside this panel
};

struct HeaderLayout {
    std::optional<TextBox> deck_name, event, date, player;
    std::optional<TextBox> placement;  // the digits on the yellow badge
};

// How the image ends below its last panel, when that panel is whole.
enum class PageEnd {
    margin,        // the app's bottom margin or footer: nothing was cut
    short_margin,  // bare page shorter than the app's margin: a cut between two panels
    next_panel,    // the top edge of another panel, cut before its title bar
};

struct PageLayout {
    HeaderLayout header;
    std::vector<SectionLayout> sections;  // in page order; a stitched page may repeat one
    PageEnd end = PageEnd::margin;        // margin also when the last panel is cut_off
};

// Throws decklist::Error(processing, "no decklist layout found") when the image shows no
// section title bar with card tiles under it. A page without colour (a greyscale copy, as
// intake's three equal channels) is measured by grey levels and shapes instead of the app's
// hues, and gives the same layout.
PageLayout find_page_layout(const cv::Mat& bgr);
// The same, given the page's grey copy (cv::COLOR_BGR2GRAY of `bgr`), which the caller
// needs too for reading the text: the page is converted once.
PageLayout find_page_layout(const cv::Mat& bgr, const cv::Mat& grey);

}  // namespace decklist
