// The engine on every real screenshot we have ground truth for: every entry and quantity,
// and the metadata a tournament organiser relies on, must come out exactly right.

#include <gtest/gtest.h>

#include "decklist/eval/evaluate.hpp"
#include "decklist/eval/truth.hpp"
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
    }
    RecordProperty("entries_expected", total.expected);
    RecordProperty("entries_correct", total.correct);
}

}  // namespace
}  // namespace decklist
