#pragma once
// A parameterised suite that draws synthetic pages in the app's style and reads them with
// the real layout and OCR: the card database, the fonts and one OcrEngine (Tesseract only,
// no lexicon) are loaded once per suite.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "decklist/match/card_db.hpp"
#include "decklist/ocr/ocr_engine.hpp"
#include "shared_data.hpp"
#include "synth/text_painter.hpp"

namespace decklist::testing {

template <class Param>
class SyntheticPageSuite : public ::testing::TestWithParam<Param> {
  protected:
    static void SetUpTestSuite() {
        const std::string fonts = "/usr/share/fonts/opentype/noto/";
        db_ = std::make_unique<CardDatabase>(CardDatabase::load_csv(shared_cards_csv()));
        text_ = std::make_unique<synth::TextPainter>(fonts + "NotoSansCJK-Regular.ttc",
                                                     fonts + "NotoSansCJK-Bold.ttc");
        ocr_ = std::make_unique<OcrEngine>(OcrOptions{});
    }
    static void TearDownTestSuite() {
        ocr_.reset();
        text_.reset();
        db_.reset();
    }

    static inline std::unique_ptr<CardDatabase> db_;
    static inline std::unique_ptr<synth::TextPainter> text_;
    static inline std::unique_ptr<OcrEngine> ocr_;
};

}  // namespace decklist::testing
