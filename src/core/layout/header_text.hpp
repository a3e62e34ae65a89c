#pragma once
// The page header above the first panel: deck name, event and date, the yellow placement
// badge and the player's name.

#include <opencv2/core.hpp>

#include "decklist/layout/page_layout.hpp"

namespace decklist::layout {

// `bottom`: the first row that belongs to the panels, not the header.
HeaderLayout find_header_text(const cv::Mat& bgr, const cv::Mat& grey, int bottom);

}  // namespace decklist::layout
