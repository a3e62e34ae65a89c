#pragma once
// The top of a 卡组详情 page: phone status bar, navigation bar, deck name, placement ribbon,
// event and date line, domain icons, player row.

#include <opencv2/core.hpp>
#include <random>

#include "synth/synthetic_deck.hpp"
#include "synth/text_painter.hpp"

namespace decklist::synth {

// Draws into the first style::kHeaderHeight rows of `page`.
void paint_header(cv::Mat& page, const DeckHeader& header, const TextPainter& text,
                  std::mt19937_64& rng);

}  // namespace decklist::synth
