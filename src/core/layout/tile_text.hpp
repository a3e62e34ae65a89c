#pragma once
// Inside one card tile: the title line, the optional smaller subtitle line and the
// bottom-right "xN" quantity badge.

#include <opencv2/core.hpp>

#include "decklist/layout/page_layout.hpp"

namespace decklist::layout {

TileLayout find_tile_text(const cv::Mat& grey, cv::Rect tile);

}  // namespace decklist::layout
