// Per worker: four Tesseract set-ups (decklist::OcrModel) and the process's shared renderings
// of the card names.

#include "decklist/ocr/ocr_engine.hpp"

#include <tesseract/baseapi.h>

#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "decklist/error.hpp"
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

constexpr const char* kDigits = "0123456789";

std::optional<RenderingMatch> to_rendering_match(const std::optional<ocr::LexiconMatch>& match) {
    if (!match) return std::nullopt;
    return RenderingMatch{match->text, match->score};
}

OcrLine recognise_line(tesseract::TessBaseAPI& api, const cv::Mat& crop) {
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

}  // namespace

struct OcrEngine::Impl {
    TessPtr names, text, latin, digits;
    std::string font_path;
    std::shared_ptr<const ocr::LexiconMatcher> lexicon;
    std::unique_ptr<ocr::LineSpaces> spaces;
    // Renderings asked for as Renderings::kept; the process-wide cache only holds weak
    // references, so the engine keeps them alive.
    std::map<std::vector<std::string>, std::shared_ptr<const ocr::LexiconMatcher>> kept;

    tesseract::TessBaseAPI& api(OcrModel model) {
        switch (model) {
            case OcrModel::names:
                return *names;
            case OcrModel::text:
                return *text;
            case OcrModel::latin:
                return *latin;
            case OcrModel::digits:
                return *digits;
        }
        return *text;
    }
};

OcrEngine::OcrEngine(const OcrOptions& options) : impl_(std::make_unique<Impl>()) {
    impl_->font_path = options.font_path;
    // No whitelist for names: lines the lexicon does not know are text the database lacks,
    // and that text may use characters the database lacks too (the legend subtitle 入门).
    impl_->names = make_api(options.tessdata_dir, "chi_sim", "", false);
    // chi_sim alone reads the header's Latin too ("Ai.Rico1997", "GOAT-版本t0", "bo3") and
    // takes half the time of chi_sim+eng, which runs both models on every line.
    impl_->text = make_api(options.tessdata_dir, "chi_sim", "", true);
    impl_->latin = make_api(options.tessdata_dir, "eng", "", false);
    impl_->digits = make_api(options.tessdata_dir, "eng", kDigits, false);
    if (!options.name_lexicon.empty()) {
        impl_->lexicon = ocr::LexiconMatcher::shared(options.name_lexicon, options.font_path);
    }
    impl_->spaces = std::make_unique<ocr::LineSpaces>(options.font_path);
}

OcrEngine::~OcrEngine() = default;

void OcrEngine::warm_up() {
    // A dark bar on white is enough to run every model's network once.
    cv::Mat sample(40, 120, CV_8UC1, cv::Scalar(255));
    cv::rectangle(sample, {20, 10}, {100, 30}, cv::Scalar(0), cv::FILLED);
    match_card_name(sample);
    for (OcrModel model : {OcrModel::names, OcrModel::text, OcrModel::latin, OcrModel::digits})
        recognise(sample, {model});
    restore_spaces(sample, "");
}

OcrLine OcrEngine::recognise(const cv::Mat& crop, const Recognition& how) {
    tesseract::TessBaseAPI& api = impl_->api(how.model);
    // Both settings are the model's own outside this call.
    const bool whitelisted = !how.whitelist.empty();
    if (whitelisted) api.SetVariable("tessedit_char_whitelist", std::string(how.whitelist).c_str());
    const bool paged = how.page != PageMode::line;
    if (paged) {
        api.SetPageSegMode(how.page == PageMode::word ? tesseract::PSM_SINGLE_WORD
                                                      : tesseract::PSM_RAW_LINE);
    }
    OcrLine line = recognise_line(api, crop);
    if (paged) api.SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    if (whitelisted) {
        api.SetVariable("tessedit_char_whitelist", how.model == OcrModel::digits ? kDigits : "");
    }
    return line;
}

std::optional<RenderingMatch> OcrEngine::match_card_name(const cv::Mat& crop) {
    if (!impl_->lexicon || impl_->lexicon->empty()) return std::nullopt;
    return to_rendering_match(impl_->lexicon->best_match(crop));
}

std::optional<RenderingMatch> OcrEngine::match_rendering(const cv::Mat& crop,
                                                         const std::vector<std::string>& candidates,
                                                         Renderings renderings) {
    if (renderings == Renderings::kept) {
        auto& matcher = impl_->kept[candidates];
        if (!matcher) matcher = ocr::LexiconMatcher::shared(candidates, impl_->font_path);
        return to_rendering_match(matcher->best_match(crop));
    }
    return to_rendering_match(ocr::LexiconMatcher(candidates, impl_->font_path).best_match(crop));
}

std::string OcrEngine::restore_spaces(const cv::Mat& crop, const std::string& reading) {
    return impl_->spaces->restore(crop, reading);
}

}  // namespace decklist
