#include "ocr/lexicon_matcher.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>

#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/cjk_font.hpp"

namespace decklist::ocr {
namespace {

// Comparison height: enough for 5-10 dense characters to differ, small enough to be cheap.
constexpr int kHeight = 32;
// Renderings whose width differs more than this share from the crop's cannot be the text.
constexpr double kAspectTolerance = 0.18;
const char* const kDefaultFonts[] = {kNotoSansCjkRegular, kNotoSansCjkBold};

// The ink-tight box of dark text on a light ground.
cv::Rect ink_box(const cv::Mat& grey_dark_on_light) {
    cv::Mat ink;
    cv::threshold(grey_dark_on_light, ink, 128, 255, cv::THRESH_BINARY_INV);
    return cv::boundingRect(ink);
}

// Fixed size, blurred so stroke weight and anti-aliasing matter less than shape, then zero
// mean and unit norm: the dot product of two such images is their correlation coefficient.
cv::Mat unit_image(const cv::Mat& ink, int width) {
    cv::Mat out;
    cv::resize(ink, out, cv::Size(width, kHeight), 0, 0, cv::INTER_AREA);
    out.convertTo(out, CV_32F, 1.0 / 255);
    cv::GaussianBlur(out, out, cv::Size(0, 0), 1.2);
    out -= cv::mean(out)[0];
    const double norm = cv::norm(out);
    if (norm > 1e-6) out /= norm;
    return out;
}

}  // namespace

LexiconMatcher::LexiconMatcher(const std::vector<std::string>& entries,
                               const std::string& font_path)
    : entries_(entries) {
    std::sort(entries_.begin(), entries_.end());
    entries_.erase(std::unique(entries_.begin(), entries_.end()), entries_.end());
    std::vector<std::string> fonts;
    if (!font_path.empty()) {
        fonts.push_back(font_path);
    } else {
        fonts.assign(std::begin(kDefaultFonts), std::end(kDefaultFonts));
    }
    for (const std::string& font : fonts) {
        if (!std::filesystem::exists(font)) continue;
        cv::Ptr<cv::freetype::FreeType2> face;
        try {
            face = cv::freetype::createFreeType2();
            face->loadFontData(font, font.ends_with(".ttc") ? kSimplifiedChineseFace : 0);
        } catch (const cv::Exception&) {
            continue;
        }
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            const std::string& text = entries_[i];
            if (text.empty()) continue;
            const int font_height = 48;
            int baseline = 0;
            const cv::Size size = face->getTextSize(text, font_height, -1, &baseline);
            cv::Mat canvas(size.height + baseline + 2 * font_height / 2, size.width + font_height,
                           CV_8UC3, cv::Scalar::all(255));
            face->putText(canvas, text, {font_height / 2, font_height / 2}, font_height,
                          cv::Scalar::all(0), -1, cv::LINE_AA, false);
            cv::Mat grey;
            cv::cvtColor(canvas, grey, cv::COLOR_BGR2GRAY);
            const cv::Rect box = ink_box(grey);
            if (box.width < 2 || box.height < 2) continue;
            const double aspect = static_cast<double>(box.width) / box.height;
            const int width = std::max(1, static_cast<int>(std::lround(aspect * kHeight)));
            templates_.push_back({i, unit_image(grey(box), width), aspect});
        }
    }
}

std::shared_ptr<const LexiconMatcher> LexiconMatcher::shared(
    const std::vector<std::string>& entries, const std::string& font_path) {
    static std::mutex mutex;
    static std::map<std::pair<std::vector<std::string>, std::string>,
                    std::weak_ptr<const LexiconMatcher>>
        cache;
    std::lock_guard lock(mutex);
    auto& slot = cache[{entries, font_path}];
    if (auto existing = slot.lock()) return existing;
    auto made = std::make_shared<const LexiconMatcher>(entries, font_path);
    slot = made;
    return made;
}

std::optional<LexiconMatch> LexiconMatcher::best_match(const cv::Mat& line) const {
    if (templates_.empty() || line.empty()) return std::nullopt;
    const cv::Rect box = ink_box(line);
    if (box.width < 2 || box.height < 2) return std::nullopt;
    const cv::Mat ink = line(box);
    const double aspect = static_cast<double>(box.width) / box.height;
    // The crop resized to each candidate's width once; candidates share a few widths.
    std::map<int, cv::Mat> resized;
    std::vector<double> scores(entries_.size(), -2);
    for (const Template& t : templates_) {
        if (std::abs(t.aspect - aspect) > kAspectTolerance * aspect) continue;
        auto [it, fresh] = resized.try_emplace(t.image.cols);
        if (fresh) it->second = unit_image(ink, t.image.cols);
        scores[t.entry] = std::max(scores[t.entry], it->second.dot(t.image));
    }
    LexiconMatch best;
    best.score = -2;
    double second = -2;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        if (scores[i] > best.score) {
            second = best.score;
            best.score = scores[i];
            best.text = entries_[i];
        } else if (scores[i] > second) {
            second = scores[i];
        }
    }
    if (best.score < -1) return std::nullopt;
    best.margin = best.score - second;
    return best;
}

}  // namespace decklist::ocr
