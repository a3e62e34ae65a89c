#pragma once
// The page's furniture: card tiles, section title bars and panel borders. They are found
// relative to the page's own colours, estimated from the page itself, and by shape (sizes
// relative to the image width), never by the app's absolute hues: recompression, resampling
// and greyscale conversion shift every colour, but a tile stays nearer the tile colour than
// the panel background, whatever encoder made the copy.

#include <optional>
#include <vector>

#include <opencv2/core.hpp>

namespace decklist::layout {

// The two colours everything else is measured against. Along the axis from `background` to
// `tile`, a pixel's lift is 0 on the background and 1 on a tile; the panel border is about
// twice as far out, and the coloured title bars lie off that axis.
struct PagePalette {
    cv::Vec3f background;  // the panel background: the page's commonest colour
    cv::Vec3f tile;        // the card tiles' flat colour
};

struct Furniture {
    PagePalette palette;
    std::vector<cv::Rect> tiles;  // reading order: row by row, left then right
    std::vector<cv::Rect> bars;   // top to bottom
};

// True when the page carries no colour: its channels are nearly equal almost everywhere.
// Only the header's placement badge needs to know (it is found by its yellow otherwise).
bool is_greyscale(const cv::Mat& bgr);

// `small`: the page reduced to about 540 px wide, 8-bit BGR. The palette candidates are
// the commonest colour (background) paired with each of the next few colour modes; the one
// under which the page shows the most tiles wins. Nothing when no candidate shows any tile
// and title bar.
std::optional<Furniture> find_furniture(const cv::Mat& small);

// True when a horizontal stretch of panel border (the panel's closing edge) crosses rows
// [top, bottom) of `bgr`, at any scale.
bool has_panel_border(const cv::Mat& bgr, const PagePalette& palette, int top, int bottom);

// The first row in [top, bottom) that such a stretch of border crosses.
std::optional<int> first_panel_border_row(const cv::Mat& bgr, const PagePalette& palette, int top,
                                          int bottom);

// The first row at or below `top` that is not bare page background (the image's height
// when the background reaches its bottom edge).
int first_row_off_background(const cv::Mat& bgr, const PagePalette& palette, int top);

}  // namespace decklist::layout
