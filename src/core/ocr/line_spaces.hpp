#pragma once
// Spaces in free text, found by comparing the line with a rendering of its own reading.
// Tesseract's chi_sim drops most spaces between Chinese characters and invents a few, so
// clean_line removes every space that touches one; but a deck name or a player handle may
// really have one. A space widens one gap between two glyphs by about a fifth of an em,
// which alone cannot be told from the natural gap of a narrow glyph (卜, 小); a rendering of
// the same characters without that space has the same narrow glyphs, so the difference can.

#include <string>

#include <opencv2/core.hpp>
#include <opencv2/freetype.hpp>

namespace decklist::ocr {

class LineSpaces {
  public:
    // `font_path`: a .ttc/.otf with CJK glyphs; empty: Debian's Noto Sans CJK. Without a
    // loadable font restore() returns the reading unchanged.
    explicit LineSpaces(const std::string& font_path);

    // `crop`: one prepared line (dark text on a light ground, 8-bit grey); `reading`: what was
    // read from it, cleaned by clean_line. Returns the reading with a space wherever a gap
    // between two characters, one of them not ASCII, is clearly wider in the crop than in the
    // rendering. Unchanged when the two do not align gap for gap (a misread character, a
    // different typeface): then nothing can be said about spaces. Not thread-safe (FreeType).
    std::string restore(const cv::Mat& crop, const std::string& reading) const;

  private:
    cv::Ptr<cv::freetype::FreeType2> face_;
};

}  // namespace decklist::ocr
