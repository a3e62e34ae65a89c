#pragma once
// Anti-aliased filled shapes with sub-pixel corners, the building blocks of panels, tiles,
// badges and icons.

#include <opencv2/core.hpp>
#include <vector>

namespace decklist::synth {

void fill_polygon(cv::Mat& image, const std::vector<cv::Point2f>& points, const cv::Scalar& colour);
void fill_circle(cv::Mat& image, cv::Point2f centre, float radius, const cv::Scalar& colour);
void fill_rounded_rect(cv::Mat& image, cv::Rect2f rect, float radius, const cv::Scalar& colour);
// A rounded outline `thickness` wide, drawn inside `rect`, leaving the inside untouched.
void stroke_rounded_rect(cv::Mat& image, cv::Rect2f rect, float radius, float thickness,
                         const cv::Scalar& colour);
void thick_polyline(cv::Mat& image, const std::vector<cv::Point2f>& points, float thickness,
                    const cv::Scalar& colour);

}  // namespace decklist::synth
