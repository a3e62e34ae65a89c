#include "synth/shapes.hpp"

#include <cmath>
#include <opencv2/imgproc.hpp>

namespace decklist::synth {
namespace {

constexpr int kShift = 4;  // OpenCV fixed-point fraction bits
constexpr float kScale = 1 << kShift;

cv::Point fixed(cv::Point2f p) {
    return {static_cast<int>(std::lround(p.x * kScale)),
            static_cast<int>(std::lround(p.y * kScale))};
}

std::vector<cv::Point2f> rounded_outline(cv::Rect2f r, float radius) {
    radius = std::min({radius, r.width / 2, r.height / 2});
    std::vector<cv::Point2f> pts;
    const cv::Point2f centres[4] = {{r.x + r.width - radius, r.y + radius},
                                    {r.x + r.width - radius, r.y + r.height - radius},
                                    {r.x + radius, r.y + r.height - radius},
                                    {r.x + radius, r.y + radius}};
    for (int corner = 0; corner < 4; ++corner) {
        const double start = -90.0 + 90.0 * corner;
        for (int step = 0; step <= 12; ++step) {
            const double a = (start + 90.0 * step / 12) * CV_PI / 180.0;
            pts.emplace_back(centres[corner].x + radius * static_cast<float>(std::cos(a)),
                             centres[corner].y + radius * static_cast<float>(std::sin(a)));
        }
    }
    return pts;
}

}  // namespace

void fill_polygon(cv::Mat& image, const std::vector<cv::Point2f>& points,
                  const cv::Scalar& colour) {
    std::vector<cv::Point> fixed_points;
    fixed_points.reserve(points.size());
    for (const auto& p : points) fixed_points.push_back(fixed(p));
    cv::fillPoly(image, std::vector<std::vector<cv::Point>>{fixed_points}, colour, cv::LINE_AA,
                 kShift);
}

void fill_circle(cv::Mat& image, cv::Point2f centre, float radius, const cv::Scalar& colour) {
    cv::circle(image, fixed(centre), static_cast<int>(std::lround(radius * kScale)), colour,
               cv::FILLED, cv::LINE_AA, kShift);
}

void fill_rounded_rect(cv::Mat& image, cv::Rect2f rect, float radius, const cv::Scalar& colour) {
    fill_polygon(image, rounded_outline(rect, radius), colour);
}

void stroke_rounded_rect(cv::Mat& image, cv::Rect2f rect, float radius, float thickness,
                         const cv::Scalar& colour) {
    // Even-odd fill of the outer and inner outlines leaves exactly the ring.
    std::vector<cv::Point> outer, inner;
    for (const auto& p : rounded_outline(rect, radius)) outer.push_back(fixed(p));
    const cv::Rect2f in(rect.x + thickness, rect.y + thickness, rect.width - 2 * thickness,
                        rect.height - 2 * thickness);
    for (const auto& p : rounded_outline(in, std::max(0.0f, radius - thickness)))
        inner.push_back(fixed(p));
    cv::fillPoly(image, std::vector<std::vector<cv::Point>>{outer, inner}, colour, cv::LINE_AA,
                 kShift);
}

void thick_polyline(cv::Mat& image, const std::vector<cv::Point2f>& points, float thickness,
                    const cv::Scalar& colour) {
    for (std::size_t i = 0; i + 1 < points.size(); ++i) {
        cv::line(image, fixed(points[i]), fixed(points[i + 1]), colour,
                 static_cast<int>(std::lround(thickness)), cv::LINE_AA, kShift);
    }
}

}  // namespace decklist::synth
