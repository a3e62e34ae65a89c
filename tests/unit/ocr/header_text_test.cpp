// Header lines are free text: what the app prints is what comes back, full-width brackets
// included, and Latin text keeps its own brackets and spaces.

#include <gtest/gtest.h>

#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

#include "decklist/layout/page_layout.hpp"
#include "decklist/ocr/ocr_engine.hpp"
#include "decklist/ocr/prepare_crop.hpp"

namespace decklist {
namespace {

// One header line as the app draws it: light Noto Sans CJK on the header's dark slate.
std::string read_header_line(OcrEngine& ocr, const std::string& text) {
    auto font = cv::freetype::createFreeType2();
    font->loadFontData("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2);
    cv::Mat page(120, 1080, CV_8UC3, cv::Scalar(60, 45, 30));
    font->putText(page, text, {40, 80}, 40, cv::Scalar::all(235), -1, cv::LINE_AA, true);
    cv::Mat grey, ink;
    cv::cvtColor(page, grey, cv::COLOR_BGR2GRAY);
    cv::threshold(grey, ink, 140, 255, cv::THRESH_BINARY);
    const TextBox line{cv::boundingRect(ink), true};
    return ocr.read_text_line(prepare_line_crop(grey, line, 36)).text;
}

TEST(HeaderText, FullWidthBracketsStayFullWidth) {
    OcrEngine ocr(OcrOptions{});
    EXPECT_EQ(read_header_line(ocr, "BTM.少侠SNnnnn（派派总监版）"),
              "BTM.少侠SNnnnn（派派总监版）");
    EXPECT_EQ(read_header_line(ocr, "派派（总监）版"), "派派（总监）版");
    EXPECT_EQ(read_header_line(ocr, "abc (def)"), "abc (def)");
}

}  // namespace
}  // namespace decklist
