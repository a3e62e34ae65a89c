#pragma once
// A whole synthetic 卡组详情 screenshot: header, then the legend + main deck panel, the
// battlefield, rune and side deck panels (the side panel only when it holds cards).

#include <cstdint>
#include <opencv2/core.hpp>

#include "synth/synthetic_deck.hpp"
#include "synth/text_painter.hpp"

namespace decklist::synth {

// Renders at the app's 1080 px width; `seed` drives the decorative randomness (clock,
// avatar, title-bar grain) so a deck renders the same way twice.
cv::Mat render_page(const SyntheticDeck& deck, const TextPainter& text, std::uint64_t seed);

// Resizes to `width` keeping the aspect ratio (area averaging down, bicubic up).
cv::Mat scale_to_width(const cv::Mat& page, int width);

}  // namespace decklist::synth
