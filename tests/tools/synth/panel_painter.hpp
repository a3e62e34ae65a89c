#pragma once
// The body of the page: rounded panels, each holding one or more sections (a title bar with
// the blue speckled gradient, then tiles in two columns).

#include <opencv2/core.hpp>
#include <random>
#include <vector>

#include "decklist/section.hpp"
#include "synth/synthetic_deck.hpp"
#include "synth/text_painter.hpp"

namespace decklist::synth {

struct PanelContent {
    std::vector<std::pair<Section, const std::vector<Tile>*>> sections;
};

// Height in pixels (outer border included) of a panel at the reference width.
int panel_height(const PanelContent& panel);

// Draws `panel` with its outer top edge at `top`.
void paint_panel(cv::Mat& page, int top, const PanelContent& panel, const TextPainter& text,
                 std::mt19937_64& rng);

}  // namespace decklist::synth
