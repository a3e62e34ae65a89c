// The schema validator the integration tests rely on, and the schemas against the one place
// that serialises events (decklist/batch/events.hpp): a serialiser change that breaks the
// published contract fails here first.

#include <gtest/gtest.h>

#include <fstream>

#include "decklist/batch/events.hpp"
#include "decklist/export/exports.hpp"
#include "json_schema.hpp"

using decklist::test::SchemaSet;
using nlohmann::json;

namespace {

SchemaSet& schemas() {
    static SchemaSet set(std::string(DECKLIST_SOURCE_DIR) + "/docs/schemas");
    return set;
}

decklist::Decklist sample_decklist() {
    decklist::Decklist d;
    d.decklist_id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    d.filename = "deck.jpg";
    d.metadata.deck_name = "卡组";
    d.metadata.placement = 3;
    decklist::DecklistCard card;
    card.name_cn = "名字";
    card.ocr_text = "名字";
    card.quantity = 3;
    card.name_en = "Name";
    card.cost = 2;
    card.match_score = 100;
    card.match_type = decklist::MatchType::exact;
    d.cards(decklist::Section::main_deck).push_back(card);
    d.stats = {3, 3, 100.0, 100.0};
    decklist::attach_exports(d);  // as the engine does
    return d;
}

}  // namespace

TEST(JsonSchema, ProgressEventConformsAndBrokenOnesDoNot) {
    decklist::ProgressEvent p{2, 1, 5, "a.jpg", decklist::ImageStatus::processing};
    json good = decklist::to_json(p);
    EXPECT_EQ(schemas().explain("progress.json", good), "");

    json bad_enum = good;
    bad_enum["status"] = "done";
    EXPECT_NE(schemas().explain("progress.json", bad_enum), "");
    json missing = good;
    missing.erase("total");
    EXPECT_NE(schemas().explain("progress.json", missing), "");
    json negative = good;
    negative["index"] = -1;
    EXPECT_NE(schemas().explain("progress.json", negative), "");
    json extra = good;
    extra["surprise"] = true;
    EXPECT_NE(schemas().explain("progress.json", extra), "");
    json wrong_type = good;
    wrong_type["filename"] = 5;
    EXPECT_NE(schemas().explain("progress.json", wrong_type), "");
}

TEST(JsonSchema, ResultEventFollowsRefsIntoTheDecklistSchema) {
    decklist::ResultEvent r{0, "deck.jpg", sample_decklist()};
    json good = decklist::to_json(r);
    EXPECT_EQ(schemas().explain("result.json", good), "");

    json bad = good;
    bad["decklist"]["main_deck"][0]["match_type"] = "maybe";
    EXPECT_NE(schemas().explain("result.json", bad), "");
    bad = good;
    bad["decklist"]["stats"]["accuracy"] = 120;
    EXPECT_NE(schemas().explain("result.json", bad), "");
    bad = good;
    bad["decklist"]["metadata"].erase("player");
    EXPECT_NE(schemas().explain("result.json", bad), "");
}

TEST(JsonSchema, DecklistThatNeedsReviewConformsWithItsReasonsAndUnmatchedTiles) {
    decklist::Decklist d = sample_decklist();
    decklist::DecklistCard unread;
    unread.name_cn = unread.ocr_text = "看不清";
    unread.quantity = 2;
    unread.match_score = 31;
    d.unmatched_tiles(decklist::Section::side_deck).push_back(unread);
    d.stats.sections[static_cast<std::size_t>(decklist::Section::main_deck)] = {40, 3, 0};
    d.needs_review = true;
    d.review_reasons = {{decklist::ReviewCode::unmatched_tile, "side_deck tile matched no card"},
                        {decklist::ReviewCode::section_off_rules, "main_deck has 3 cards"}};
    const json good = decklist::to_json(d);
    EXPECT_EQ(schemas().explain("decklist.json", good), "");
    EXPECT_EQ(good["unmatched"]["side_deck"][0]["ocr_text"], "看不清");
    EXPECT_EQ(good["review_reasons"][0]["code"], "unmatched_tile");
    EXPECT_EQ(good["stats"]["sections"]["main_deck"]["expected"], 40);

    json bad = good;
    bad["review_reasons"][0]["code"] = "looks_odd";
    EXPECT_NE(schemas().explain("decklist.json", bad), "");
    bad = good;
    bad.erase("needs_review");
    EXPECT_NE(schemas().explain("decklist.json", bad), "");
    bad = good;
    bad["stats"]["sections"].erase("runes");
    EXPECT_NE(schemas().explain("decklist.json", bad), "");
}

TEST(JsonSchema, ErrorEventConforms) {
    decklist::ErrorEvent e{4, "x.gif", "not a supported image", decklist::ErrorType::timeout};
    EXPECT_EQ(schemas().explain("error.json", decklist::to_json(e)), "");
    json bad = decklist::to_json(e);
    bad["error_type"] = "not_found";
    EXPECT_NE(schemas().explain("error.json", bad), "");
}

TEST(JsonSchema, CompleteEventAcceptsNullAccuracyOnlyAsNullOrNumber) {
    decklist::CompleteEvent c{3, 0, 2, 1, std::nullopt, 1.25};
    json none = decklist::to_json(c);
    EXPECT_TRUE(none["average_accuracy"].is_null());
    EXPECT_EQ(schemas().explain("complete.json", none), "");
    c.average_accuracy = 97.5;
    EXPECT_EQ(schemas().explain("complete.json", decklist::to_json(c)), "");
    json bad = none;
    bad["average_accuracy"] = "high";
    EXPECT_NE(schemas().explain("complete.json", bad), "");
}

TEST(JsonSchema, OneOfNeedsExactlyOneMatch) {
    json status = {{"batch_id", "abc-0123"},
                   {"state", "running"},
                   {"total", 1},
                   {"finished", 0},
                   {"successful", 0},
                   {"failed", 0},
                   {"cancelled", 0},
                   {"input_complete", true},
                   {"last_event_id", 0},
                   {"results", json::array()},
                   {"errors", json::array()},
                   {"summary", nullptr},
                   {"events_url", "/e"},
                   {"status_url", "/s"}};
    EXPECT_EQ(schemas().explain("batch_status.json", status), "");
    status["summary"] = {{"total", 1}};
    EXPECT_NE(schemas().explain("batch_status.json", status), "");
}

// The validator is a whole draft-07 implementation (valijson), not a subset: keywords our
// schemas do not use yet, such as pattern, are checked too.
TEST(JsonSchema, KeywordsBeyondOurSchemasAreCheckedToo) {
    const std::string dir = ::testing::TempDir();
    {
        std::ofstream out(dir + "/uses_pattern.json");
        out << R"({"type": "object", "properties": {"id": {"type": "string", "pattern": "^a"}}})";
    }
    SchemaSet set(dir);
    EXPECT_TRUE(set.validate("uses_pattern.json", json{{"id", "abc"}}).empty());
    const auto problems = set.validate("uses_pattern.json", json{{"id", "xbc"}});
    ASSERT_FALSE(problems.empty());
    EXPECT_NE(problems[0].find("[id]"), std::string::npos) << problems[0];
}
