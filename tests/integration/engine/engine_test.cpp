// The Engine as callers see it: bad input is a typed Error, never a crash, and one worker
// serves many images.

#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "decklist/error.hpp"
#include "decklist/match/card_db.hpp"
#include "engine_fixture.hpp"
#include "file_bytes.hpp"

namespace decklist {
namespace {

class EngineTest : public testing::EngineSuite {};

std::vector<std::uint8_t> encode_png(const cv::Mat& image) {
    std::vector<std::uint8_t> bytes;
    cv::imencode(".png", image, bytes);
    return bytes;
}

ErrorType error_type_of(Engine::Worker& worker, const std::vector<std::uint8_t>& bytes) {
    try {
        worker.process(bytes, "x.png");
    } catch (const Error& e) {
        return e.type();
    }
    ADD_FAILURE() << "expected an Error";
    return ErrorType::internal;
}

TEST_F(EngineTest, LoadsTheCardDatabaseOnce) {
    EXPECT_EQ(engine().cards().size(), 399u);
}

TEST_F(EngineTest, AnImageThatIsNoDecklistIsAProcessingError) {
    // A phone-shaped picture with text on it, but no 卡组详情 page.
    cv::Mat image(2400, 1080, CV_8UC3, cv::Scalar(235, 225, 210));
    cv::rectangle(image, {60, 300}, {1020, 900}, cv::Scalar(40, 90, 160), cv::FILLED);
    cv::circle(image, {540, 1500}, 300, cv::Scalar(20, 160, 60), cv::FILLED);
    cv::putText(image, "Hello, this is not a decklist", {80, 2000}, cv::FONT_HERSHEY_SIMPLEX, 2,
                cv::Scalar(0, 0, 0), 4);
    EXPECT_EQ(error_type_of(worker(), encode_png(image)), ErrorType::processing);

    cv::Mat noise(1600, 1080, CV_8UC3);
    cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(255));
    EXPECT_EQ(error_type_of(worker(), encode_png(noise)), ErrorType::processing);
}

TEST_F(EngineTest, BytesThatAreNoImageAreAValidationError) {
    const std::string text = "this is plain text, not an image";
    EXPECT_EQ(error_type_of(worker(), std::vector<std::uint8_t>(text.begin(), text.end())),
              ErrorType::validation);
    EXPECT_EQ(error_type_of(worker(), {}), ErrorType::validation);
}

TEST_F(EngineTest, TheWorkerGivesTheSameAnswerEachTime) {
    const auto image = testing::shared_screenshot_dir() /
                       testing::shared_truth_files().front().stem().concat(".jpg");
    const auto bytes = testing::read_bytes(image);
    const Decklist first = worker().process(bytes, "a.jpg");
    const Decklist second = worker().process(bytes, "a.jpg");
    EXPECT_NE(first.decklist_id, second.decklist_id);
    nlohmann::json a = to_json(first), b = to_json(second);
    for (nlohmann::json* j : {&a, &b}) {
        j->erase("decklist_id");
        j->erase("timing_ms");
    }
    EXPECT_EQ(a, b);
    EXPECT_GT(first.timing_ms.total, 0);
    EXPECT_GE(first.timing_ms.total, first.timing_ms.ocr);
}

TEST(EngineSetup, AMissingCardDatabaseIsAValidationError) {
    try {
        Engine engine(EngineOptions{"/nonexistent/cards.csv", ""});
        FAIL() << "expected Error";
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::validation);
    }
}

}  // namespace
}  // namespace decklist
