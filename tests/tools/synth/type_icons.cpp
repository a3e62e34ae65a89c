#include "synth/type_icons.hpp"

#include <cmath>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "synth/shapes.hpp"

namespace decklist::synth {
namespace {

// Glyphs are designed on a -1..1 box and placed by `Place`.
struct Place {
    cv::Point2f c;
    float s;
    cv::Point2f operator()(float x, float y) const { return {c.x + x * s, c.y + y * s}; }
    std::vector<cv::Point2f> operator()(std::initializer_list<std::pair<float, float>> pts) const {
        std::vector<cv::Point2f> out;
        for (auto [x, y] : pts) out.push_back((*this)(x, y));
        return out;
    }
};

void legend(cv::Mat& img, const Place& p, const cv::Scalar& ink, const cv::Scalar& hole) {
    fill_polygon(img,
                 p({{-0.8f, -0.95f},
                    {-0.4f, -0.72f},
                    {0.0f, -1.0f},
                    {0.4f, -0.72f},
                    {0.8f, -0.95f},
                    {0.8f, 0.35f},
                    {0.35f, 1.0f},
                    {-0.35f, 1.0f},
                    {-0.8f, 0.35f}}),
                 ink);
    fill_polygon(img, p({{0.0f, -0.62f}, {0.18f, -0.3f}, {0.0f, -0.05f}, {-0.18f, -0.3f}}), hole);
    fill_polygon(
        img, p({{-0.55f, 0.05f}, {-0.1f, 0.2f}, {-0.1f, 1.05f}, {-0.3f, 1.05f}, {-0.55f, 0.5f}}),
        hole);
    fill_polygon(
        img, p({{0.55f, 0.05f}, {0.1f, 0.2f}, {0.1f, 1.05f}, {0.3f, 1.05f}, {0.55f, 0.5f}}), hole);
}

void champion(cv::Mat& img, const Place& p, const cv::Scalar& ink, const cv::Scalar& hole) {
    fill_polygon(img,
                 p({{-0.82f, -0.62f},
                    {0.0f, -0.98f},
                    {0.82f, -0.62f},
                    {0.78f, 0.35f},
                    {0.3f, 1.0f},
                    {-0.3f, 1.0f},
                    {-0.78f, 0.35f}}),
                 ink);
    thick_polyline(img, p({{-0.82f, -0.52f}, {0.0f, -0.85f}, {0.82f, -0.52f}}), p.s * 0.08f, hole);
    fill_polygon(img,
                 p({{-0.6f, -0.35f},
                    {0.6f, -0.35f},
                    {0.12f, 0.0f},
                    {0.12f, 1.05f},
                    {-0.12f, 1.05f},
                    {-0.12f, 0.0f}}),
                 hole);
}

void unit(cv::Mat& img, const Place& p, const cv::Scalar& ink, const cv::Scalar& hole) {
    std::vector<cv::Point2f> hood;
    for (int i = 0; i <= 24; ++i) {  // a pointed arch
        const float t = static_cast<float>(i) / 24.0f;
        const float y = -1.0f + 1.75f * t;
        const float x = 0.9f * std::sqrt(std::sin(t * static_cast<float>(CV_PI) / 2.0f));
        hood.push_back(p(-x, y));
    }
    hood.push_back(p(-1.0f, 0.95f));
    hood.push_back(p(1.0f, 0.95f));
    for (int i = 24; i >= 0; --i) {
        const float t = static_cast<float>(i) / 24.0f;
        hood.push_back(
            p(0.9f * std::sqrt(std::sin(t * static_cast<float>(CV_PI) / 2.0f)), -1.0f + 1.75f * t));
    }
    fill_polygon(img, hood, ink);
    fill_circle(img, p(0.0f, 0.3f), p.s * 0.5f, hole);
    fill_polygon(img,
                 p({{-0.38f, 0.25f},
                    {0.0f, 0.45f},
                    {0.38f, 0.25f},
                    {0.3f, 0.6f},
                    {0.0f, 0.78f},
                    {-0.3f, 0.6f}}),
                 ink);
}

void spell(cv::Mat& img, const Place& p, const cv::Scalar& ink, const cv::Scalar&) {
    const float w = p.s * 0.3f;
    const auto r = [&](float k) {
        return cv::Size(static_cast<int>(p.s * k * 16), static_cast<int>(p.s * k * 16));
    };
    const cv::Point c(static_cast<int>(std::lround(p.c.x * 16)),
                      static_cast<int>(std::lround(p.c.y * 16)));
    cv::ellipse(img, c, r(0.72f), 0, 10, 250, ink, static_cast<int>(w), cv::LINE_AA, 4);
    cv::ellipse(img, c + cv::Point(static_cast<int>(p.s * 0.1f * 16), 0), r(0.3f), 0, 180, 470, ink,
                static_cast<int>(w * 0.9f), cv::LINE_AA, 4);
    fill_polygon(img, p({{0.55f, 0.5f}, {0.95f, 0.05f}, {0.85f, 0.75f}}), ink);
}

void gear(cv::Mat& img, const Place& p, const cv::Scalar& ink, const cv::Scalar& hole) {
    for (int i = 0; i < 8; ++i) {
        const float a = static_cast<float>(i) * static_cast<float>(CV_PI) / 4.0f;
        const float ca = std::cos(a), sa = std::sin(a);
        const auto at = [&](float along, float across) {
            return p(along * ca - across * sa, along * sa + across * ca);
        };
        fill_polygon(img, {at(0.5f, -0.2f), at(0.98f, -0.16f), at(0.98f, 0.16f), at(0.5f, 0.2f)},
                     ink);
    }
    fill_circle(img, p.c, p.s * 0.75f, ink);
    fill_circle(img, p.c, p.s * 0.48f, hole);
    fill_circle(img, p.c, p.s * 0.36f, ink);
    fill_circle(img, p.c, p.s * 0.24f, hole);
}

void battlefield(cv::Mat& img, const Place& p, const cv::Scalar& ink, const cv::Scalar& hole) {
    fill_rounded_rect(img, cv::Rect2f(p(-0.95f, -0.95f), p(0.95f, -0.75f)), p.s * 0.08f, ink);
    fill_polygon(img,
                 p({{-0.72f, -0.6f},
                    {0.72f, -0.6f},
                    {0.72f, 0.95f},
                    {0.35f, 0.6f},
                    {0.0f, 0.95f},
                    {-0.35f, 0.6f},
                    {-0.72f, 0.95f}}),
                 ink);
    fill_polygon(img, p({{0.0f, 0.05f}, {0.2f, 0.35f}, {0.0f, 0.62f}, {-0.2f, 0.35f}}), hole);
}

void rune(cv::Mat& img, const Place& p, const cv::Scalar& ink, const cv::Scalar&) {
    const float w = p.s * 0.22f;
    thick_polyline(img, p({{0.15f, -0.95f}, {-0.5f, -0.1f}, {-0.05f, 0.4f}, {0.3f, 0.02f}}), w,
                   ink);
    thick_polyline(img, p({{0.3f, -0.45f}, {0.72f, 0.0f}, {0.05f, 0.95f}}), w, ink);
}

}  // namespace

void draw_type_icon(cv::Mat& image, cv::Point2f centre, float size, const std::string& type_en,
                    const cv::Scalar& ink, const cv::Scalar& hole) {
    const Place place{centre, size};
    if (type_en == "Legend")
        legend(image, place, ink, hole);
    else if (type_en == "Champion Unit")
        champion(image, place, ink, hole);
    else if (type_en.find("Spell") != std::string::npos)
        spell(image, place, ink, hole);
    else if (type_en == "Gear")
        gear(image, place, ink, hole);
    else if (type_en == "Battlefield")
        battlefield(image, place, ink, hole);
    else if (type_en == "Basic Rune")
        rune(image, place, ink, hole);
    else
        unit(image, place, ink, hole);
}

}  // namespace decklist::synth
