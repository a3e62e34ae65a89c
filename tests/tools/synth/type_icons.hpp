#pragma once
// The light glyph inside each tile's round badge: the app picks it from the card type
// (legend crest, champion helmet, unit hood, spell swirl, gear, battlefield banner, rune).

#include <opencv2/core.hpp>
#include <string>

namespace decklist::synth {

// Draws the glyph for `type_en` centred on `centre`, `size` pixels from centre to the edge of
// the glyph's box; `hole` is the colour of the disc it sits on (used for cut-outs).
void draw_type_icon(cv::Mat& image, cv::Point2f centre, float size, const std::string& type_en,
                    const cv::Scalar& ink, const cv::Scalar& hole);

}  // namespace decklist::synth
