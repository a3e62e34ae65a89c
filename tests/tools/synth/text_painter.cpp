#include "synth/text_painter.hpp"

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <stdexcept>

namespace decklist::synth {
namespace {

// Face 2 of the Noto Sans CJK collections is "Noto Sans CJK SC"; the Japanese default face
// draws some shared code points (门, 复, 骨) with other glyph shapes.
constexpr int kSimplifiedChineseFace = 2;
constexpr double kMediumBoldShare = 0.65;

cv::Ptr<cv::freetype::FreeType2> load(const std::string& path) {
    auto font = cv::freetype::createFreeType2();
    try {
        font->loadFontData(path, kSimplifiedChineseFace);
    } catch (const cv::Exception& e) {
        throw std::runtime_error("cannot load font " + path + ": " + e.what());
    }
    return font;
}

// Glyph coverage of `text` (0..1) in a box whose origin is `origin` in `box` coordinates.
cv::Mat coverage(cv::freetype::FreeType2& font, std::string_view text, cv::Size box,
                 cv::Point origin, int px) {
    cv::Mat canvas(box, CV_8UC3, cv::Scalar::all(0));
    font.putText(canvas, std::string(text), origin, px, cv::Scalar::all(255), -1, cv::LINE_AA,
                 true);
    cv::Mat channel, out;
    cv::extractChannel(canvas, channel, 0);
    channel.convertTo(out, CV_32F, 1.0 / 255.0);
    return out;
}

}  // namespace

TextPainter::TextPainter(const std::string& regular_ttc, const std::string& bold_ttc)
    : regular_(load(regular_ttc)), bold_(load(bold_ttc)) {}

int TextPainter::width(std::string_view text, int px, Weight weight) const {
    int baseline = 0;
    auto& font = weight == Weight::regular ? *regular_ : *bold_;
    return font.getTextSize(std::string(text), px, -1, &baseline).width;
}

void TextPainter::draw(cv::Mat& image, std::string_view text, cv::Point origin, int px,
                       Weight weight, const cv::Scalar& colour) const {
    if (text.empty()) return;
    const int pad = px / 2 + 4;
    const cv::Rect wanted(origin.x - pad, origin.y - px - pad,
                          width(text, px, Weight::bold) + 2 * pad, 2 * px + 2 * pad);
    const cv::Rect box = wanted & cv::Rect(0, 0, image.cols, image.rows);
    if (box.empty()) return;
    const cv::Point local = origin - box.tl();

    cv::Mat alpha;
    switch (weight) {
        case Weight::regular:
            alpha = coverage(*regular_, text, box.size(), local, px);
            break;
        case Weight::bold:
            alpha = coverage(*bold_, text, box.size(), local, px);
            break;
        case Weight::medium:
            cv::addWeighted(coverage(*regular_, text, box.size(), local, px), 1 - kMediumBoldShare,
                            coverage(*bold_, text, box.size(), local, px), kMediumBoldShare, 0,
                            alpha);
            break;
    }
    cv::Mat roi = image(box);
    cv::Mat base, ink(box.size(), CV_32FC3, colour), alpha3;
    roi.convertTo(base, CV_32FC3);
    cv::merge(std::vector<cv::Mat>{alpha, alpha, alpha}, alpha3);
    cv::Mat blended = base.mul(cv::Scalar::all(1.0) - alpha3) + ink.mul(alpha3);
    blended.convertTo(roi, roi.type());
}

}  // namespace decklist::synth
