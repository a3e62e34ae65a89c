#pragma once
// A tile's quantity badge "xN". The app draws the badge only when N >= 2 and no card may be
// in a deck more than 12 times (runes), so a reading outside 2..12 is a failed reading, not
// a quantity: the reader then tries other crop preparations and page modes.

#include <optional>

#include <opencv2/core.hpp>

#include "decklist/layout/page_layout.hpp"
#include "decklist/ocr/ocr_engine.hpp"

namespace decklist {

inline constexpr int kMinBadgeQuantity = 2;
inline constexpr int kMaxBadgeQuantity = 12;

// `grey`: the whole page in 8-bit grey; `digits`: the badge's digit glyphs as found by the
// layout. std::nullopt when no preparation gives a plausible reading.
std::optional<int> read_badge_quantity(OcrEngine& ocr, const cv::Mat& grey, const TextBox& digits);

}  // namespace decklist
