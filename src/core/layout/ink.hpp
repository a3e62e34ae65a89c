#pragma once
// Small projections over binary masks: the building blocks for finding lines of text
// without reading them.

#include <vector>

#include <opencv2/core.hpp>

namespace decklist::layout {

struct Span {
    int begin = 0, end = 0;  // [begin, end)
    int size() const { return end - begin; }
};

// Runs of rows (within `area`) holding ink; runs closer than `merge_gap` are joined, runs
// shorter than `min_size` dropped. Coordinates are absolute.
std::vector<Span> row_runs(const cv::Mat& mask, cv::Rect area, int merge_gap, int min_size);
// The same over columns.
std::vector<Span> column_runs(const cv::Mat& mask, cv::Rect area, int merge_gap, int min_size);
// Tight box around the ink in `area`; empty when there is none.
cv::Rect ink_box(const cv::Mat& mask, cv::Rect area);

// Grey pixels brighter than the midpoint between the area's background (median) and its
// brightest ink; empty mask when the area has no contrast worth reading.
cv::Mat light_ink_mask(const cv::Mat& grey, int min_contrast);

}  // namespace decklist::layout
