// The engine on every real screenshot we have ground truth for: every entry and quantity,
// and the metadata a tournament organiser relies on, must come out exactly right.

#include <gtest/gtest.h>

#include <set>

#include <opencv2/imgcodecs.hpp>

#include "decklist/eval/evaluate.hpp"
#include "decklist/eval/truth.hpp"
#include "decklist/layout/page_layout.hpp"
#include "engine_fixture.hpp"
#include "file_bytes.hpp"

namespace decklist {
namespace {

class Accuracy : public testing::EngineSuite {};

TEST_F(Accuracy, EveryScreenshotIsReadExactly) {
    const auto truth_files = testing::shared_truth_files();
    ASSERT_FALSE(truth_files.empty());
    EntryCounts total;
    for (const auto& truth_file : truth_files) {
        const Truth truth = load_truth(truth_file.string());
        const auto image = testing::shared_screenshot_dir() / truth.image;
        SCOPED_TRACE(truth.image);
        const Decklist decklist =
            worker().process(testing::read_bytes(image), image.filename().string());
        const ImageEvaluation e = evaluate(decklist, truth);
        total += e.entries;

        EXPECT_EQ(e.entries.correct, e.entries.expected);
        EXPECT_EQ(e.entries.predicted, e.entries.expected);
        for (const std::string& difference : e.differences) ADD_FAILURE() << difference;
        EXPECT_EQ(decklist.metadata.deck_name, truth.metadata.deck_name);
        EXPECT_EQ(decklist.metadata.event, truth.metadata.event);
        EXPECT_EQ(decklist.metadata.date, truth.metadata.date);
        EXPECT_EQ(decklist.metadata.placement, truth.metadata.placement);
        // A complete deck read right: nothing to review but an image that ends inside a panel.
        EXPECT_DOUBLE_EQ(decklist.stats.accuracy, 100);
        for (const ReviewReason& reason : decklist.review_reasons)
            EXPECT_EQ(to_string(reason.code), "image_cut_off") << reason.message;
        EXPECT_EQ(decklist.needs_review, !decklist.review_reasons.empty());
    }
    RecordProperty("entries_expected", total.expected);
    RecordProperty("entries_correct", total.correct);
}

// Half a page: the cards read are right, but the decklist says it is incomplete, and why.
TEST_F(Accuracy, AScreenshotCutInsideTheMainDeckNeedsReview) {
    const Truth truth = load_truth(testing::shared_truth_files().front().string());
    const auto image = testing::shared_screenshot_dir() / truth.image;
    const cv::Mat page = cv::imread(image.string(), cv::IMREAD_COLOR);
    std::vector<std::uint8_t> bytes;
    ASSERT_TRUE(cv::imencode(".png", page.rowRange(0, page.rows * 2 / 5), bytes));
    const Decklist decklist = worker().process(bytes, "cut.png");

    EXPECT_TRUE(decklist.needs_review);
    std::set<std::string> codes;
    for (const ReviewReason& reason : decklist.review_reasons)
        codes.insert(std::string(to_string(reason.code)));
    EXPECT_TRUE(codes.count("image_cut_off"));
    EXPECT_TRUE(codes.count("section_off_rules"));
    const SectionCount& main_deck =
        decklist.stats.sections[static_cast<std::size_t>(Section::main_deck)];
    EXPECT_EQ(main_deck.expected, 40);
    EXPECT_LT(main_deck.found, 40);
    EXPECT_LT(decklist.stats.accuracy, 50);
    const nlohmann::json json = to_json(decklist);
    EXPECT_EQ(json["needs_review"], true);
    EXPECT_EQ(json["stats"]["sections"]["main_deck"]["found"], main_deck.found);
}

// Cut above the side deck's panel: runes and all before them whole and right, and nothing
// on the page to read as cut, except that it ends sooner than the app's page does.
TEST_F(Accuracy, AScreenshotCutAboveTheSideDeckNeedsReview) {
    for (const auto& truth_file : testing::shared_truth_files()) {
        const Truth truth = load_truth(truth_file.string());
        const auto image = testing::shared_screenshot_dir() / truth.image;
        SCOPED_TRACE(truth.image);
        const cv::Mat page = cv::imread(image.string(), cv::IMREAD_COLOR);
        const PageLayout layout = find_page_layout(page);
        ASSERT_EQ(layout.sections.size(), kAllSections.size());
        const int cut = layout.sections.back().title_bar.y - page.cols / 10;
        std::vector<std::uint8_t> bytes;
        ASSERT_TRUE(cv::imencode(".jpg", page.rowRange(0, cut), bytes));
        const Decklist decklist = worker().process(bytes, "cut.jpg");

        EXPECT_TRUE(decklist.cards(Section::side_deck).empty());
        for (Section s :
             {Section::legend, Section::main_deck, Section::battlefields, Section::runes}) {
            EXPECT_EQ(decklist.cards(s).size(), truth.entries(s).size()) << section_key(s);
        }
        EXPECT_TRUE(decklist.needs_review);
        ASSERT_FALSE(decklist.review_reasons.empty());
        EXPECT_EQ(to_string(decklist.review_reasons.front().code), "image_cut_off");
        EXPECT_NE(decklist.review_reasons.front().message.find("below section runes"),
                  std::string::npos);
    }
}

}  // namespace
}  // namespace decklist
