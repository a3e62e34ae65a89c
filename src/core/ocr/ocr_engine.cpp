// Three TessBaseAPI instances per worker: chi_sim for card names (whitelisted to the card
// database's characters), chi_sim+eng for the header (player names mix Latin and Chinese),
// eng for quantity and placement digits.

#include "decklist/ocr/ocr_engine.hpp"

#include <tesseract/baseapi.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "decklist/error.hpp"
#include "ocr/text_cleanup.hpp"

namespace decklist {
namespace {

// Debian's Tesseract is built with OpenMP; one thread per recognition is ~6x faster for
// single lines. A value the user already set wins.
void limit_openmp_threads() {
    static std::once_flag once;
    std::call_once(once, [] { setenv("OMP_THREAD_LIMIT", "1", 0); });
}

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
    // Init-only parameters: the word lists bias names towards common words, which card names
    // are not; the whitelist is the constraint we want instead.
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

OcrLine recognise(tesseract::TessBaseAPI& api, const cv::Mat& crop) {
    if (crop.empty()) return {};
    cv::Mat grey;
    if (crop.channels() == 3) {
        cv::cvtColor(crop, grey, cv::COLOR_BGR2GRAY);
    } else {
        grey = crop.isContinuous() ? crop : crop.clone();
    }
    api.SetImage(grey.data, grey.cols, grey.rows, 1, static_cast<int>(grey.step));
    std::unique_ptr<char[]> text(api.GetUTF8Text());
    OcrLine line;
    line.text = ocr::clean_line(text ? text.get() : "");
    line.confidence = static_cast<float>(api.MeanTextConf());
    api.Clear();
    return line;
}

}  // namespace

struct OcrEngine::Impl {
    TessPtr names, text, digits;
    std::string name_charset;
};

OcrEngine::OcrEngine(const OcrOptions& options) : impl_(std::make_unique<Impl>()) {
    limit_openmp_threads();
    impl_->name_charset = options.name_charset;
    impl_->names = make_api(options.tessdata_dir, "chi_sim", options.name_charset, false);
    impl_->text = make_api(options.tessdata_dir, "chi_sim+eng", "", true);
    impl_->digits = make_api(options.tessdata_dir, "eng", "0123456789", false);
}

OcrEngine::~OcrEngine() = default;

void OcrEngine::warm_up() {
    // A dark bar on white is enough to run every engine's network once.
    cv::Mat sample(40, 120, CV_8UC1, cv::Scalar(255));
    cv::rectangle(sample, {20, 10}, {100, 30}, cv::Scalar(0), cv::FILLED);
    read_name_line(sample);
    read_text_line(sample);
    read_digits(sample);
}

OcrLine OcrEngine::read_name_line(const cv::Mat& crop) { return recognise(*impl_->names, crop); }

OcrLine OcrEngine::read_text_line(const cv::Mat& crop) { return recognise(*impl_->text, crop); }

OcrLine OcrEngine::read_digits(const cv::Mat& crop) { return recognise(*impl_->digits, crop); }

OcrLine OcrEngine::read_line_restricted(const cv::Mat& crop, std::string_view charset) {
    auto& api = *impl_->names;
    api.SetVariable("tessedit_char_whitelist", std::string(charset).c_str());
    OcrLine line = recognise(api, crop);
    api.SetVariable("tessedit_char_whitelist", impl_->name_charset.c_str());
    return line;
}

}  // namespace decklist
