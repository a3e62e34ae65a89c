#include "synth/page_renderer.hpp"

#include <cmath>
#include <opencv2/imgproc.hpp>
#include <random>
#include <vector>

#include "synth/header_painter.hpp"
#include "synth/panel_painter.hpp"
#include "synth/style.hpp"

namespace decklist::synth {

using namespace style;

cv::Mat render_page(const SyntheticDeck& deck, const TextPainter& text, std::uint64_t seed) {
    std::vector<PanelContent> panels(1);
    panels[0].sections = {{Section::legend, &deck.at(Section::legend)},
                          {Section::main_deck, &deck.at(Section::main_deck)}};
    for (Section s : {Section::battlefields, Section::runes, Section::side_deck}) {
        if (s == Section::side_deck && deck.at(s).empty()) continue;
        panels.push_back(PanelContent{{{s, &deck.at(s)}}});
    }

    int height = kHeaderHeight + kHeaderToPanel;
    for (const PanelContent& p : panels) height += panel_height(p) + kPanelGap;
    height += kPageBottom - kPanelGap + kBottomStrip;

    cv::Mat page(height, kWidth, CV_8UC3, kPageBg);
    // The body's top edge is a shade darker where it meets the header.
    for (int y = kHeaderHeight; y < kHeaderHeight + kHeaderToPanel; ++y) {
        const double t = static_cast<double>(y - kHeaderHeight) / kHeaderToPanel;
        page.row(y).setTo(kPageBgTop * (1 - t) + kPageBg * t);
    }
    page.rowRange(height - kBottomStrip, height).setTo(kHeaderBg);

    std::mt19937_64 rng(seed);
    paint_header(page, deck.header, text, rng);
    int top = kHeaderHeight + kHeaderToPanel;
    for (const PanelContent& p : panels) {
        paint_panel(page, top, p, text, rng);
        top += panel_height(p) + kPanelGap;
    }
    return page;
}

cv::Mat scale_to_width(const cv::Mat& page, int width) {
    if (width == page.cols) return page;
    const int height =
        static_cast<int>(std::lround(page.rows * static_cast<double>(width) / page.cols));
    cv::Mat out;
    cv::resize(page, out, cv::Size(width, height), 0, 0,
               width < page.cols ? cv::INTER_AREA : cv::INTER_CUBIC);
    return out;
}

}  // namespace decklist::synth
