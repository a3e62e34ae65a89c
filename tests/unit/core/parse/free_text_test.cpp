// Header lines are free text: what the app prints is what comes back, full-width brackets
// and spaces between Chinese characters included, and Latin text keeps its own brackets and
// spaces.

#include <gtest/gtest.h>

#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

#include "decklist/layout/page_layout.hpp"
#include "decklist/ocr/ocr_engine.hpp"
#include "decklist/ocr/prepare_crop.hpp"
#include "decklist/parse/free_text.hpp"

namespace decklist {
namespace {

// One header line as the app draws it (light Noto Sans CJK on the header's dark slate), as
// the engine crops it.
cv::Mat header_line_crop(const std::string& text) {
    auto font = cv::freetype::createFreeType2();
    font->loadFontData("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2);
    cv::Mat page(120, 1080, CV_8UC3, cv::Scalar(60, 45, 30));
    font->putText(page, text, {40, 80}, 40, cv::Scalar::all(235), -1, cv::LINE_AA, true);
    cv::Mat grey, ink;
    cv::cvtColor(page, grey, cv::COLOR_BGR2GRAY);
    cv::threshold(grey, ink, 140, 255, cv::THRESH_BINARY);
    const TextBox line{cv::boundingRect(ink), true};
    return prepare_line_crop(grey, line, 36);
}

std::string read_header_line(OcrEngine& ocr, const std::string& text) {
    return parse::read_free_text(ocr, header_line_crop(text)).text;
}

TEST(HeaderText, FullWidthBracketsStayFullWidth) {
    OcrEngine ocr(OcrOptions{});
    EXPECT_EQ(read_header_line(ocr, "BTM.少侠SNnnnn（派派总监版）"),
              "BTM.少侠SNnnnn（派派总监版）");
    EXPECT_EQ(read_header_line(ocr, "派派（总监）版"), "派派（总监）版");
    EXPECT_EQ(read_header_line(ocr, "abc (def)"), "abc (def)");
}

TEST(HeaderText, ASpaceBesideChineseCharactersIsKeptAndNoneIsInvented) {
    OcrEngine ocr(OcrOptions{});
    EXPECT_EQ(read_header_line(ocr, "派派 总监"), "派派 总监");
    EXPECT_EQ(read_header_line(ocr, "剑圣 bo3"), "剑圣 bo3");
    EXPECT_EQ(read_header_line(ocr, "GOAT 版本t0"), "GOAT 版本t0");
    // Narrow glyphs leave wide gaps of their own, which are no spaces (chi_sim misreads 卜
    // as the wider 上, whose rendering then disagrees with the crop glyph by glyph).
    for (const char* narrow : {"小卜人", "卜川了小", "小川"})
        EXPECT_EQ(read_header_line(ocr, narrow).find(' '), std::string::npos) << narrow;
    EXPECT_EQ(read_header_line(ocr, "派派总监"), "派派总监");
    EXPECT_EQ(read_header_line(ocr, "第一赛季区域公开赛-杭州赛区"), "第一赛季区域公开赛-杭州赛区");
    EXPECT_EQ(read_header_line(ocr, "GOAT-版本t0"), "GOAT-版本t0");
}

// The renderings decide between a reading and a hypothesis, whichever the line really shows.
TEST(HeaderText, TheClosestRenderingIsWhatThePageShows) {
    OcrEngine ocr(OcrOptions{});
    const auto closest = [&](const std::string& shown, std::vector<std::string> candidates) {
        const auto match =
            ocr.match_rendering(header_line_crop(shown), candidates, Renderings::this_call);
        return match ? match->text : std::string();
    };
    EXPECT_EQ(closest("盲僧控制", {"言僧控制", "盲僧控制"}), "盲僧控制");
    EXPECT_EQ(closest("言僧控制", {"言僧控制", "盲僧控制"}), "言僧控制");
    EXPECT_EQ(closest("曙光女神", {"电光女神", "曙光女神"}), "曙光女神");
}

// chi_sim reads c o u v x z as capitals or twice ("CO.LiZ", "MaXxzen"), eng reads 1 as l
// ("Kail990"): a handle comes back as printed, letters and digits alike.
TEST(HeaderText, LatinHandlesKeepTheirLetterCaseAndTheirDigits) {
    OcrEngine ocr(OcrOptions{});
    for (const char* handle : {"co.Liz", "Maxzen", "Xicox", "Zenuxo", "Lu", "v2", "Kai1990",
                               "Ai.Rico1997", "Bugu-Liz", "bo3"})
        EXPECT_EQ(read_header_line(ocr, handle), handle);
}

}  // namespace
}  // namespace decklist
