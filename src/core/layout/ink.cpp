#include "layout/ink.hpp"

#include <algorithm>
#include <array>

#include <opencv2/imgproc.hpp>

namespace decklist::layout {
namespace {

std::vector<Span> runs(const std::vector<int>& counts, int offset, int merge_gap, int min_size) {
    std::vector<Span> out;
    int start = -1;
    for (int i = 0; i <= static_cast<int>(counts.size()); ++i) {
        const bool ink = i < static_cast<int>(counts.size()) && counts[i] > 0;
        if (ink && start < 0) start = i;
        if (!ink && start >= 0) {
            Span span{start + offset, i + offset};
            if (!out.empty() && span.begin - out.back().end < merge_gap) {
                out.back().end = span.end;
            } else {
                out.push_back(span);
            }
            start = -1;
        }
    }
    std::erase_if(out, [&](const Span& s) { return s.size() < min_size; });
    return out;
}

}  // namespace

std::vector<Span> row_runs(const cv::Mat& mask, cv::Rect area, int merge_gap, int min_size) {
    area &= cv::Rect(0, 0, mask.cols, mask.rows);
    std::vector<int> counts(area.height, 0);
    for (int y = 0; y < area.height; ++y) {
        counts[y] = cv::countNonZero(mask(cv::Rect(area.x, area.y + y, area.width, 1)));
    }
    return runs(counts, area.y, merge_gap, min_size);
}

std::vector<Span> column_runs(const cv::Mat& mask, cv::Rect area, int merge_gap, int min_size) {
    area &= cv::Rect(0, 0, mask.cols, mask.rows);
    std::vector<int> counts(area.width, 0);
    for (int y = area.y; y < area.y + area.height; ++y) {
        const auto* row = mask.ptr<std::uint8_t>(y);
        for (int x = 0; x < area.width; ++x) counts[x] += row[area.x + x] != 0;
    }
    return runs(counts, area.x, merge_gap, min_size);
}

cv::Rect ink_box(const cv::Mat& mask, cv::Rect area) {
    area &= cv::Rect(0, 0, mask.cols, mask.rows);
    if (area.empty()) return {};
    const cv::Rect local = cv::boundingRect(mask(area));
    if (local.empty()) return {};
    return local + area.tl();
}

cv::Mat light_ink_mask(const cv::Mat& grey, int min_contrast) {
    std::array<int, 256> histogram{};
    for (int y = 0; y < grey.rows; ++y) {
        const auto* row = grey.ptr<std::uint8_t>(y);
        for (int x = 0; x < grey.cols; ++x) ++histogram[row[x]];
    }
    const int total = grey.rows * grey.cols;
    int median = 0, bright = 255;
    for (int v = 0, seen = 0; v < 256; ++v) {
        seen += histogram[v];
        if (seen * 2 >= total) {
            median = v;
            break;
        }
    }
    // The brightest 0.3 % is ink rather than a stray JPEG speck.
    for (int v = 255, seen = 0; v >= 0; --v) {
        seen += histogram[v];
        if (seen * 1000 >= total * 3) {
            bright = v;
            break;
        }
    }
    cv::Mat mask = cv::Mat::zeros(grey.size(), CV_8UC1);
    if (bright - median < min_contrast) return mask;
    cv::threshold(grey, mask, (median + bright) / 2.0, 255, cv::THRESH_BINARY);
    return mask;
}

}  // namespace decklist::layout
