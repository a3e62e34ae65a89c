#include "decklist/engine.hpp"

#include <cstdlib>
#include <unordered_set>
#include <vector>

#include "common/stopwatch.hpp"
#include "decklist/assemble/build_decklist.hpp"
#include "decklist/error.hpp"
#include "decklist/export/exports.hpp"
#include "decklist/image/intake.hpp"
#include "decklist/match/card_db.hpp"
#include "decklist/match/matcher.hpp"
#include "decklist/ocr/ocr_engine.hpp"
#include "decklist/parse/read_decklist.hpp"

namespace decklist {
namespace {

// Every text a tile can print (each distinct title and subtitle), for the OCR's lexicon.
std::vector<std::string> name_lexicon(const CardDatabase& cards) {
    std::vector<std::string> lexicon;
    std::unordered_set<std::string> seen;
    for (const CardRecord& row : cards.rows())
        for (const std::string* part : {&row.title, &row.subtitle})
            if (!part->empty() && seen.insert(*part).second) lexicon.push_back(*part);
    return lexicon;
}

}  // namespace

struct Engine::Impl {
    EngineOptions options;
    CardDatabase cards;
    CardMatcher matcher;
    OcrOptions ocr_options;

    explicit Impl(EngineOptions o)
        : options(std::move(o)),
          cards(CardDatabase::load_csv(options.cards_csv)),
          matcher(cards),
          ocr_options{options.tessdata_dir, name_lexicon(cards), {}} {}
};

namespace {

class PipelineWorker final : public Engine::Worker {
  public:
    PipelineWorker(const EngineOptions& options, const CardMatcher& matcher,
                   const OcrOptions& ocr_options)
        : limits_{options.max_file_bytes, options.max_pixels},
          matcher_(matcher),
          ocr_(ocr_options) {
        ocr_.warm_up();
    }

    // Callers get a decklist::Error or a decklist: an OpenCV or library failure on odd input
    // is reported as internal instead of escaping as some other exception type.
    Decklist process(std::span<const std::uint8_t> bytes, const std::string& filename) override {
        try {
            return run(bytes, filename);
        } catch (const Error&) {
            throw;
        } catch (const std::exception& e) {
            throw Error(ErrorType::internal, std::string("processing failed: ") + e.what());
        }
    }

  private:
    Decklist run(std::span<const std::uint8_t> bytes, const std::string& filename) {
        const Stopwatch total;
        const cv::Mat image = decode_image(bytes, limits_);
        const double decode_ms = total.elapsed_ms();

        ReadTiming read_timing;
        const ParsedDecklist parsed = read_decklist(image, ocr_, &read_timing);

        const Stopwatch match;
        Decklist decklist = build_decklist(parsed, matcher_, filename);
        attach_exports(decklist);  // deck_code, text and their warnings
        decklist.timing_ms.match = match.elapsed_ms();

        decklist.timing_ms.decode = decode_ms;
        decklist.timing_ms.layout = read_timing.layout_ms;
        decklist.timing_ms.ocr = read_timing.ocr_ms;
        decklist.timing_ms.total = total.elapsed_ms();
        return decklist;
    }

    ImageLimits limits_;
    const CardMatcher& matcher_;
    OcrEngine ocr_;
};

}  // namespace

Engine::Engine(EngineOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Engine::~Engine() = default;

const EngineOptions& Engine::options() const noexcept {
    return impl_->options;
}

const CardDatabase& Engine::cards() const noexcept {
    return impl_->cards;
}

const CardMatcher& Engine::matcher() const noexcept {
    return impl_->matcher;
}

std::unique_ptr<Engine::Worker> Engine::make_worker() const {
    return std::make_unique<PipelineWorker>(impl_->options, impl_->matcher, impl_->ocr_options);
}

}  // namespace decklist
