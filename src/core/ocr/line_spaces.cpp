#include "ocr/line_spaces.hpp"

#include <cmath>
#include <filesystem>
#include <optional>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "decklist/match/utf8.hpp"
#include "ocr/cjk_font.hpp"

namespace decklist::ocr {
namespace {

constexpr int kRenderHeight = 48;
// In units of the line's ink height. A space widens a gap by about 0.24 of a Chinese glyph's
// height (Noto Sans CJK's U+0020 is 0.224 em wide); another typeface's side bearings or JPEG
// blur move a gap by well under 0.08.
constexpr double kSpaceExcess = 0.13;
// How far a crop's gap may start from where the rendering puts it, and how much a glyph run
// between two gaps may differ in width from its rendering, before they count as different.
constexpr double kAlignmentTolerance = 0.2;
constexpr double kGlyphTolerance = 0.12;

struct InkGap {
    int start = 0;  // first blank column
    int width = 0;
};

struct LineInk {
    int left = 0, right = 0;  // first and last inked column
    int height = 0;
    std::vector<InkGap> gaps;  // blank runs between left and right, in order
};

// `mask`: 255 where there is ink.
std::optional<LineInk> line_ink(const cv::Mat& mask) {
    cv::Mat columns, rows;
    cv::reduce(mask, columns, 0, cv::REDUCE_MAX);
    cv::reduce(mask, rows, 1, cv::REDUCE_MAX);
    LineInk ink;
    int top = -1, bottom = -1;
    for (int y = 0; y < rows.rows; ++y) {
        if (!rows.at<uchar>(y, 0)) continue;
        if (top < 0) top = y;
        bottom = y;
    }
    ink.left = -1;
    for (int x = 0; x < columns.cols; ++x) {
        if (!columns.at<uchar>(0, x)) continue;
        if (ink.left < 0) ink.left = x;
        ink.right = x;
    }
    if (top < 0 || ink.left < 0) return std::nullopt;
    ink.height = bottom - top + 1;
    for (int x = ink.left; x <= ink.right; ++x) {
        if (columns.at<uchar>(0, x)) continue;
        if (ink.gaps.empty() || ink.gaps.back().start + ink.gaps.back().width != x)
            ink.gaps.push_back({x, 0});
        ++ink.gaps.back().width;
    }
    return ink;
}

bool is_ascii_code_point(char32_t c) {
    return c < 0x80;
}

// Full-width punctuation has its blank built in: never a space beside it.
bool is_full_width_punctuation(char32_t c) {
    return (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF0F) ||
           (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
           (c >= 0xFF5B && c <= 0xFF65) || c == 0x201C || c == 0x201D;
}

// Only a gap between two characters, one of them not ASCII, is ours to decide: clean_line
// keeps Tesseract's spaces between Latin words and removes the others.
bool may_hold_space(char32_t before, char32_t after) {
    if (before == U' ' || after == U' ') return false;
    if (is_ascii_code_point(before) && is_ascii_code_point(after)) return false;
    return !is_full_width_punctuation(before) && !is_full_width_punctuation(after);
}

}  // namespace

LineSpaces::LineSpaces(const std::string& font_path) {
    const std::string font = font_path.empty() ? kNotoSansCjkRegular : font_path;
    if (!std::filesystem::exists(font)) return;
    try {
        face_ = cv::freetype::createFreeType2();
        face_->loadFontData(font, font.ends_with(".ttc") ? kSimplifiedChineseFace : 0);
    } catch (const cv::Exception&) {
        face_.release();
    }
}

std::string LineSpaces::restore(const cv::Mat& crop, const std::string& reading) const {
    const std::u32string text = utf8::decode(reading);
    if (face_.empty() || crop.empty() || crop.type() != CV_8UC1 || text.size() < 2) return reading;
    bool any_boundary = false;
    for (std::size_t k = 1; k < text.size(); ++k)
        any_boundary |= may_hold_space(text[k - 1], text[k]);
    if (!any_boundary) return reading;

    cv::Mat crop_mask;
    cv::threshold(crop, crop_mask, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
    const auto seen = line_ink(crop_mask);
    if (!seen) return reading;
    const double height = seen->height;
    // Most lines have no gap wide enough to hold a space at all: nothing to render.
    bool wide_gap = false;
    for (const InkGap& g : seen->gaps) wide_gap |= g.width >= kSpaceExcess * height;
    if (!wide_gap) return reading;

    // The reading and each of its prefixes drawn from one origin: glyphs land on the same
    // columns, so the gap after prefix k is the gap between characters k-1 and k.
    int baseline = 0;
    const cv::Size size = face_->getTextSize(reading, kRenderHeight, -1, &baseline);
    const cv::Point origin{kRenderHeight / 2, kRenderHeight + kRenderHeight / 4};
    const cv::Size canvas_size{size.width + kRenderHeight, kRenderHeight * 2};
    auto render = [&](const std::string& text_to_draw) {
        cv::Mat canvas(canvas_size, CV_8UC3, cv::Scalar::all(0));  // FreeType draws in colour only
        face_->putText(canvas, text_to_draw, origin, kRenderHeight, cv::Scalar::all(255), -1,
                       cv::LINE_AA, true);
        cv::Mat mask;
        cv::extractChannel(canvas, mask, 0);
        cv::threshold(mask, mask, 128, 255, cv::THRESH_BINARY);
        return mask;
    };
    const auto drawn = line_ink(render(reading));
    if (!drawn) return reading;
    const double scale = height / drawn->height;

    // Walk both lines glyph by glyph: each boundary's gap in the rendering predicts where the
    // crop's gap starts, measured from the end of the previous one. A boundary records both
    // gaps and the widths of the glyph runs before them.
    struct Boundary {
        std::size_t index;  // a space here would come before text[index]
        InkGap crop_gap, drawn_gap;
        double crop_before = 0, drawn_before = 0;  // glyph run since the previous boundary
    };
    std::vector<Boundary> boundaries;
    double crop_cursor = seen->left, drawn_cursor = drawn->left;
    std::u32string prefix;
    for (std::size_t k = 1; k < text.size(); ++k) {
        prefix += text[k - 1];
        const auto prefix_ink = line_ink(render(utf8::encode(prefix)));
        if (!prefix_ink) continue;
        const InkGap* drawn_gap = nullptr;
        for (const InkGap& g : drawn->gaps)
            if (g.start == prefix_ink->right + 1) drawn_gap = &g;
        if (!drawn_gap) continue;  // the glyphs touch: no gap to compare
        const double predicted = crop_cursor + scale * (drawn_gap->start - drawn_cursor);
        const InkGap* crop_gap = nullptr;
        for (const InkGap& g : seen->gaps) {
            if (std::abs(g.start - predicted) > kAlignmentTolerance * height) continue;
            if (!crop_gap || std::abs(g.start - predicted) < std::abs(crop_gap->start - predicted))
                crop_gap = &g;
        }
        if (!crop_gap) continue;
        boundaries.push_back({k, *crop_gap, *drawn_gap, crop_gap->start - crop_cursor,
                              scale * (drawn_gap->start - drawn_cursor)});
        crop_cursor = crop_gap->start + crop_gap->width;
        drawn_cursor = drawn_gap->start + drawn_gap->width;
    }
    if (boundaries.empty()) return reading;
    const double crop_last = seen->right + 1 - crop_cursor;
    const double drawn_last = scale * (drawn->right + 1 - drawn_cursor);

    // A space widens its gap and leaves the glyphs on either side as drawn; a misread glyph
    // of another width widens or narrows its gaps too, but never keeps its own width.
    auto glyphs_agree = [&](double crop_width, double drawn_width) {
        return std::abs(crop_width - drawn_width) <= kGlyphTolerance * height;
    };
    std::vector<bool> space_before(text.size(), false);
    for (std::size_t b = 0; b < boundaries.size(); ++b) {
        const Boundary& here = boundaries[b];
        if (!may_hold_space(text[here.index - 1], text[here.index])) continue;
        const double excess = here.crop_gap.width - scale * here.drawn_gap.width;
        const bool after_agrees =
            b + 1 < boundaries.size()
                ? glyphs_agree(boundaries[b + 1].crop_before, boundaries[b + 1].drawn_before)
                : glyphs_agree(crop_last, drawn_last);
        space_before[here.index] = excess >= kSpaceExcess * height &&
                                   glyphs_agree(here.crop_before, here.drawn_before) &&
                                   after_agrees;
    }
    std::u32string out;
    for (std::size_t k = 0; k < text.size(); ++k) {
        if (space_before[k]) out += U' ';
        out += text[k];
    }
    return utf8::encode(out);
}

}  // namespace decklist::ocr
