// Per worker: a lexicon of rendered card names (exact for names in the database), chi_sim
// without word lists for other names, chi_sim with them for the header, eng for digits.

#include "decklist/ocr/ocr_engine.hpp"

#include <tesseract/baseapi.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "decklist/error.hpp"
#include "decklist/match/utf8.hpp"
#include "decklist/section.hpp"
#include "ocr/lexicon_matcher.hpp"
#include "ocr/line_spaces.hpp"
#include "ocr/text_cleanup.hpp"

namespace decklist {
namespace {

struct TessDeleter {
    void operator()(tesseract::TessBaseAPI* api) const {
        api->End();
        delete api;
    }
};
using TessPtr = std::unique_ptr<tesseract::TessBaseAPI, TessDeleter>;

TessPtr make_api(const std::string& tessdata_dir, const char* languages,
                 const std::string& whitelist, bool use_dictionaries) {
    TessPtr api(new tesseract::TessBaseAPI());
    // Init-only parameters: the word lists bias readings towards common words, which card
    // names are not.
    std::vector<std::string> names, values;
    if (!use_dictionaries) {
        names = {"load_system_dawg", "load_freq_dawg"};
        values = {"0", "0"};
    }
    const char* datapath = tessdata_dir.empty() ? nullptr : tessdata_dir.c_str();
    if (api->Init(datapath, languages, tesseract::OEM_LSTM_ONLY, nullptr, 0, &names, &values,
                  false) != 0) {
        throw Error(ErrorType::internal, std::string("cannot load Tesseract language data '") +
                                             languages + "' from " +
                                             (datapath ? datapath : "the default tessdata"));
    }
    api->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    api->SetVariable("user_defined_dpi", "300");
    api->SetVariable("debug_file", "/dev/null");
    if (!whitelist.empty()) api->SetVariable("tessedit_char_whitelist", whitelist.c_str());
    return api;
}

OcrLine recognise_once(tesseract::TessBaseAPI& api, const cv::Mat& grey) {
    api.SetImage(grey.data, grey.cols, grey.rows, 1, static_cast<int>(grey.step));
    std::unique_ptr<char[]> text(api.GetUTF8Text());
    OcrLine line;
    line.text = ocr::clean_line(text ? text.get() : "");
    line.confidence = static_cast<float>(api.MeanTextConf());
    api.Clear();
    return line;
}

OcrLine recognise(tesseract::TessBaseAPI& api, const cv::Mat& crop) {
    if (crop.empty()) return {};
    cv::Mat grey;
    if (crop.channels() == 3) {
        cv::cvtColor(crop, grey, cv::COLOR_BGR2GRAY);
    } else {
        grey = crop.isContinuous() ? crop : crop.clone();
    }
    OcrLine line = recognise_once(api, grey);
    if (!line.text.empty()) return line;
    // Now and then Tesseract's line finding finds no line in a clear crop (a glyph clipped
    // by the tile's edge can do it). More white around the crop often helps; reading it as
    // a raw line, which skips line finding, helps where that does not.
    const int more = grey.rows / 4;
    cv::Mat wider;
    cv::copyMakeBorder(grey, wider, more, more, more, more, cv::BORDER_CONSTANT, cv::Scalar(255));
    line = recognise_once(api, wider);
    if (!line.text.empty()) return line;
    const tesseract::PageSegMode mode = api.GetPageSegMode();
    api.SetPageSegMode(tesseract::PSM_RAW_LINE);
    line = recognise_once(api, grey);
    api.SetPageSegMode(mode);
    return line;
}

// A lexicon reading this close to a rendering is certain; all right readings of the real
// screenshots (also halved, 1.5x, JPEG q40) score above 0.87, unrelated names below 0.6.
constexpr double kCertainScore = 0.80;
// Below kCertainScore the lexicon still wins when Tesseract read part of the same text.
constexpr double kPlausibleScore = 0.45;

// At least half of the lexicon text's characters occur in Tesseract's reading.
bool shares_half(const std::string& lexicon, const std::string& read) {
    const std::u32string want = utf8::decode(lexicon);
    const std::u32string got = utf8::decode(read);
    std::size_t shared = 0;
    for (char32_t c : want) shared += got.find(c) != std::u32string::npos;
    return !want.empty() && shared * 2 >= want.size();
}

std::vector<std::string> section_titles() {
    std::vector<std::string> out;
    for (Section s : kAllSections) out.emplace_back(section_title_cn(s));
    return out;
}

}  // namespace

struct OcrEngine::Impl {
    TessPtr names, text, latin, digits;
    std::string font_path;
    std::shared_ptr<const ocr::LexiconMatcher> lexicon;
    std::shared_ptr<const ocr::LexiconMatcher> sections;
    std::unique_ptr<ocr::LineSpaces> spaces;
};

OcrEngine::OcrEngine(const OcrOptions& options) : impl_(std::make_unique<Impl>()) {
    impl_->font_path = options.font_path;
    // No whitelist for names: lines the lexicon does not know are text the database lacks,
    // and that text may use characters the database lacks too (the legend subtitle 入门).
    impl_->names = make_api(options.tessdata_dir, "chi_sim", "", false);
    // chi_sim alone reads the header's Latin too ("Ai.Rico1997", "GOAT-版本t0", "bo3") and
    // takes half the time of chi_sim+eng, which runs both models on every line.
    impl_->text = make_api(options.tessdata_dir, "chi_sim", "", true);
    // Letter case of Latin header lines (player handles), which chi_sim gets wrong.
    impl_->latin = make_api(options.tessdata_dir, "eng", "", false);
    impl_->digits = make_api(options.tessdata_dir, "eng", "0123456789", false);
    if (!options.name_lexicon.empty()) {
        impl_->lexicon = ocr::LexiconMatcher::shared(options.name_lexicon, options.font_path);
    }
    impl_->sections = ocr::LexiconMatcher::shared(section_titles(), options.font_path);
    impl_->spaces = std::make_unique<ocr::LineSpaces>(options.font_path);
}

OcrEngine::~OcrEngine() = default;

void OcrEngine::warm_up() {
    // A dark bar on white is enough to run every engine's network once.
    cv::Mat sample(40, 120, CV_8UC1, cv::Scalar(255));
    cv::rectangle(sample, {20, 10}, {100, 30}, cv::Scalar(0), cv::FILLED);
    read_name_line(sample);
    read_text_line(sample);
    recognise(*impl_->latin, sample);
    read_digits(sample);
}

OcrLine OcrEngine::read_name_line(const cv::Mat& crop) {
    std::optional<ocr::LexiconMatch> match;
    if (impl_->lexicon && !impl_->lexicon->empty()) match = impl_->lexicon->best_match(crop);
    if (match && match->score >= kCertainScore) {
        return {match->text, static_cast<float>(100 * match->score)};
    }
    OcrLine read = recognise(*impl_->names, crop);
    if (match && match->score >= kPlausibleScore && shares_half(match->text, read.text)) {
        return {match->text, static_cast<float>(100 * match->score)};
    }
    return read;
}

OcrLine OcrEngine::read_section_title(const cv::Mat& crop) {
    const auto match = impl_->sections->best_match(crop);
    if (match && match->score >= kCertainScore) {
        return {match->text, static_cast<float>(100 * match->score)};
    }
    std::string charset;
    for (const auto& title : section_titles()) charset += title;
    return read_line_restricted(crop, charset);
}

std::string OcrEngine::closest_rendering(const cv::Mat& crop,
                                         const std::vector<std::string>& candidates) {
    const ocr::LexiconMatcher matcher(candidates, impl_->font_path);
    const auto match = matcher.best_match(crop);
    return match ? match->text : std::string();
}

OcrLine OcrEngine::read_text_line(const cv::Mat& crop) {
    OcrLine line = recognise(*impl_->text, crop);
    const bool latin = std::all_of(line.text.begin(), line.text.end(),
                                   [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (latin && !line.text.empty()) {
        line.text = ocr::latin_letter_case(line.text, recognise(*impl_->latin, crop).text);
    } else {
        line.text = impl_->spaces->restore(crop, line.text);
    }
    return line;
}

OcrLine OcrEngine::read_digits(const cv::Mat& crop) {
    return recognise(*impl_->digits, crop);
}

OcrLine OcrEngine::read_digits(const cv::Mat& crop, DigitMode mode) {
    auto& api = *impl_->digits;
    const auto psm = mode == DigitMode::word       ? tesseract::PSM_SINGLE_WORD
                     : mode == DigitMode::raw_line ? tesseract::PSM_RAW_LINE
                                                   : tesseract::PSM_SINGLE_LINE;
    api.SetPageSegMode(psm);
    OcrLine line = recognise(api, crop);
    api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    return line;
}

OcrLine OcrEngine::read_date(const cv::Mat& crop) {
    auto& api = *impl_->digits;
    api.SetVariable("tessedit_char_whitelist", "0123456789-./");
    OcrLine line = recognise(api, crop);
    api.SetVariable("tessedit_char_whitelist", "0123456789");
    return line;
}

OcrLine OcrEngine::read_line_restricted(const cv::Mat& crop, std::string_view charset) {
    auto& api = *impl_->names;
    api.SetVariable("tessedit_char_whitelist", std::string(charset).c_str());
    OcrLine line = recognise(api, crop);
    api.SetVariable("tessedit_char_whitelist", "");
    return line;
}

}  // namespace decklist
