#pragma once
// The coloured furniture of the page: card tiles, section title bars and panel borders,
// found by colour and shape (sizes relative to the image width).

#include <vector>

#include <opencv2/core.hpp>

namespace decklist::layout {

// Card tiles: flat slate rectangles about 0.4 x 0.13 of the width, two per row.
std::vector<cv::Rect> find_tiles(const cv::Mat& bgr);
// The tile-shaped components of a mask of tile-coloured pixels, at least `min_height` (a
// fraction of the width) tall, in reading order. `mask` has been through open_slabs.
std::vector<cv::Rect> tiles_in_mask(const cv::Mat& mask, double min_height);
// Opens a mask of flat furniture: cuts slabs loose from thin frames in the same colour.
cv::Mat open_slabs(const cv::Mat& mask);
// Section title bars: the saturated blue start of each panel title's gradient.
std::vector<cv::Rect> find_title_bars(const cv::Mat& bgr);
// True when a horizontal stretch of panel border (the panel's closing edge) crosses
// rows [top, bottom).
bool has_panel_border(const cv::Mat& bgr, int top, int bottom);

}  // namespace decklist::layout
