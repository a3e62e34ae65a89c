#pragma once
// The page header above the first panel: deck name, event and date, the yellow placement
// badge and the player's name.

#include <opencv2/core.hpp>

#include "decklist/layout/page_layout.hpp"

namespace decklist::layout {

// `bottom`: the first row that belongs to the panels, not the header. `greyscale`: the page
// has no colour (layout::is_greyscale), so the badge and the text are told by brightness.
HeaderLayout find_header_text(const cv::Mat& bgr, const cv::Mat& grey, int bottom,
                              bool greyscale = false);

}  // namespace decklist::layout
