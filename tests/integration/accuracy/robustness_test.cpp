// The same screenshots after what sharing does to images: rescaled, recompressed, converted
// (to greyscale too).
// Made here with OpenCV from the originals, so nothing derived is stored.

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "decklist/eval/evaluate.hpp"
#include "decklist/eval/truth.hpp"
#include "engine_fixture.hpp"

namespace decklist {
namespace {

struct Variant {
    const char* name;
    double scale;          // 1: untouched size
    const char* encoding;  // ".jpg" or ".png"
    int jpeg_quality;
    bool greyscale = false;  // saved as a one-channel image
};

void PrintTo(const Variant& v, std::ostream* os) {
    *os << v.name;
}

class Robustness : public testing::EngineSuite, public ::testing::WithParamInterface<Variant> {};

std::vector<std::uint8_t> make_variant(const std::string& path, const Variant& v) {
    cv::Mat image = cv::imread(path, cv::IMREAD_COLOR);
    if (image.empty()) throw std::runtime_error("cannot read " + path);
    if (v.scale != 1.0) {
        const int interpolation = v.scale < 1 ? cv::INTER_AREA : cv::INTER_CUBIC;
        cv::resize(image, image, cv::Size(), v.scale, v.scale, interpolation);
    }
    if (v.greyscale) cv::cvtColor(image, image, cv::COLOR_BGR2GRAY);
    std::vector<int> params;
    if (std::string(v.encoding) == ".jpg") params = {cv::IMWRITE_JPEG_QUALITY, v.jpeg_quality};
    std::vector<std::uint8_t> bytes;
    if (!cv::imencode(v.encoding, image, bytes, params)) throw std::runtime_error("imencode");
    return bytes;
}

TEST_P(Robustness, AtLeast98PercentOfEntriesStayRight) {
    const Variant& variant = GetParam();
    EntryCounts total;
    for (const auto& truth_file : testing::shared_truth_files()) {
        const Truth truth = load_truth(truth_file.string());
        SCOPED_TRACE(truth.image);
        const auto bytes =
            make_variant((testing::shared_screenshot_dir() / truth.image).string(), variant);
        const ImageEvaluation e = evaluate(worker().process(bytes, truth.image), truth);
        for (const std::string& d : e.differences)
            std::cout << "  " << truth.image << ": " << d << "\n";
        total += e.entries;
    }
    ASSERT_GT(total.expected, 0);
    EXPECT_GE(total.recall(), 98.0) << total.correct << "/" << total.expected;
    EXPECT_GE(total.precision(), 98.0) << total.correct << "/" << total.predicted;
}

INSTANTIATE_TEST_SUITE_P(SharedScreenshots, Robustness,
                         ::testing::Values(Variant{"half_size", 0.5, ".jpg", 95},
                                           Variant{"one_and_a_half_size", 1.5, ".jpg", 95},
                                           Variant{"jpeg_q40", 1.0, ".jpg", 40},
                                           Variant{"png", 1.0, ".png", 0},
                                           Variant{"greyscale_q50", 1.0, ".jpg", 50, true}),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace decklist
