#pragma once
// The page's furniture when the screenshot has lost its colour (a greyscale copy): tiles,
// title bars and panel borders found by grey level relative to the panel background, and
// by shape, instead of by the app's hues.

#include <vector>

#include <opencv2/core.hpp>

namespace decklist::layout {

// True when the page carries no colour: its channels are nearly equal almost everywhere.
// The app's dark theme is strongly tinted, so a colour screenshot is far from that.
bool is_greyscale(const cv::Mat& bgr);

struct GreyFurniture {
    int background = 0;           // grey level of the panel background, the page's commonest level
    std::vector<cv::Rect> tiles;  // reading order, as find_tiles
    std::vector<cv::Rect> bars;   // top to bottom, as find_title_bars
};

// `grey`: the page (or its reduced copy) as one channel.
GreyFurniture find_grey_furniture(const cv::Mat& grey);
// As has_panel_border, on the grey page with the background level found above.
bool has_grey_panel_border(const cv::Mat& grey, int background, int top, int bottom);

}  // namespace decklist::layout
