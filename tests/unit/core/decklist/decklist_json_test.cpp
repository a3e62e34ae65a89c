#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "decklist/assemble/build_decklist.hpp"
#include "decklist/decklist.hpp"
#include "decklist/error.hpp"
#include "decklist/eval/truth.hpp"
#include "decklist/export/exports.hpp"
#include "decklist/match/card_db.hpp"
#include "decklist/match/matcher.hpp"
#include "matcher_fixture.hpp"
#include "shared_data.hpp"

namespace decklist {
namespace {

using Json = nlohmann::json;

class DecklistJsonTest : public testing::MatcherSuite {
  protected:
    // A decklist as the engine makes one, from a truth file's perfect reading, each tile
    // with a box, changed by `edit` before matching.
    static Decklist engine_like(const std::function<void(ParsedDecklist&)>& edit = {}) {
        const Truth truth = load_truth(testing::shared_truth_files().front().string());
        ParsedDecklist parsed = perfect_reading(truth);
        int row = 0;
        for (Section s : kAllSections)
            for (ParsedTile& tile : parsed.tiles(s)) {
                tile.bbox = TileBox{24 + 520 * (row % 2), 300 + 90 * (row / 2), 510, 84};
                ++row;
            }
        if (edit) edit(parsed);
        Decklist d = build_decklist(parsed, matcher(), truth.image);
        attach_exports(d);
        d.timing_ms = {12.3, 4.5, 180.25, 0.7, 201.9};
        return d;
    }
    static void expect_round_trip(const Decklist& d) {
        const Json json = to_json(d);
        EXPECT_EQ(to_json(decklist_from_json(json)), json);
    }
    // The validation error's field for `json` changed by `edit`.
    static std::string rejected_field(const std::function<void(Json&)>& edit) {
        Json json = to_json(engine_like());
        edit(json);
        try {
            decklist_from_json(json);
        } catch (const Error& e) {
            EXPECT_EQ(e.type(), ErrorType::validation) << e.what();
            const std::string field = e.detail().value("field", "");
            EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
            return field;
        }
        ADD_FAILURE() << "accepted";
        return "";
    }
};

TEST_F(DecklistJsonTest, EveryPerfectReadingRoundTrips) {
    for (const auto& file : testing::shared_truth_files()) {
        const Truth truth = load_truth(file.string());
        Decklist d = build_decklist(perfect_reading(truth), matcher(), truth.image);
        attach_exports(d);
        expect_round_trip(d);
    }
}

TEST_F(DecklistJsonTest, WhatTheJsonSaysComesBack) {
    const Decklist d = engine_like();
    const Decklist back = decklist_from_json(to_json(d));
    EXPECT_EQ(back.decklist_id, d.decklist_id);
    EXPECT_EQ(back.metadata.date, d.metadata.date);
    EXPECT_EQ(back.metadata.placement, d.metadata.placement);
    EXPECT_EQ(back.metadata.legend_name_en, d.metadata.legend_name_en);
    for (Section s : kAllSections) {
        ASSERT_EQ(back.cards(s).size(), d.cards(s).size());
        for (std::size_t i = 0; i < d.cards(s).size(); ++i) {
            EXPECT_EQ(back.cards(s)[i].bbox, d.cards(s)[i].bbox);
            EXPECT_EQ(back.cards(s)[i].card_number, d.cards(s)[i].card_number);
            EXPECT_EQ(back.cards(s)[i].cost, d.cards(s)[i].cost);
        }
    }
    EXPECT_EQ(back.exported("deck_code"), d.exported("deck_code"));
    EXPECT_EQ(back.exported("text"), d.exported("text"));
    EXPECT_EQ(back.stats.sections[1].expected, 40);
}

TEST_F(DecklistJsonTest, ADecklistWithProblemsRoundTrips) {
    Decklist d = engine_like([](ParsedDecklist& p) {
        p.tiles(Section::side_deck).push_back({"完全不是卡名的文字", "", 2, 20.0f});
        p.tiles(Section::side_deck).back().bbox = TileBox{544, 3210, 510, 84};
        p.tiles(Section::main_deck).front().quantity = 7;  // off the rules
        p.tiles(Section::runes).front().bbox.reset();
        p.metadata.date = "不是日期";
        p.metadata.placement.reset();
        p.metadata.player.clear();
        p.cut_off_section = Section::side_deck;
        p.sections_seen_twice = {Section::runes};
        p.warnings.push_back("section runes appears twice (stitched screenshot); counted once");
    });
    d.cards(Section::main_deck)[1].match_type = MatchType::manual;  // a person's choice
    d.cards(Section::main_deck)[2].match_type = MatchType::fuzzy;
    d.cards(Section::main_deck)[2].match_score = 72.4;
    ASSERT_FALSE(d.exported("deck_code"));
    ASSERT_EQ(d.review_reasons.size(), 5u);
    expect_round_trip(d);

    const Decklist back = decklist_from_json(to_json(d));
    ASSERT_EQ(back.unmatched_tiles(Section::side_deck).size(), 1u);
    const DecklistCard& tile = back.unmatched_tiles(Section::side_deck)[0];
    EXPECT_EQ(tile.match_type, MatchType::none);
    EXPECT_EQ(tile.name_cn, "完全不是卡名的文字");
    EXPECT_EQ(tile.quantity, 2);
    EXPECT_EQ(tile.bbox, (TileBox{544, 3210, 510, 84}));
    EXPECT_FALSE(back.cards(Section::runes).front().bbox);
    EXPECT_EQ(back.cards(Section::main_deck)[1].match_type, MatchType::manual);
    EXPECT_EQ(back.review_reasons[0].code, ReviewCode::image_cut_off);
    EXPECT_TRUE(back.needs_review);
}

TEST_F(DecklistJsonTest, AManualCardIsWrittenAsManual) {
    Decklist d = engine_like();
    d.cards(Section::legend)[0].match_type = MatchType::manual;
    const Json json = to_json(d);
    EXPECT_EQ(json["legend"][0]["match_type"], "manual");
    EXPECT_EQ(to_string(MatchType::manual), "manual");
}

TEST_F(DecklistJsonTest, BoxesAreWrittenAsObjectsOrNull) {
    Decklist d = engine_like([](ParsedDecklist& p) {
        p.tiles(Section::side_deck).push_back({"完全不是卡名的文字", "", 1, 20.0f});
    });
    d.cards(Section::runes)[0].bbox.reset();
    const Json json = to_json(d);
    EXPECT_EQ(json["legend"][0]["bbox"],
              Json({{"x", 24}, {"y", 300}, {"width", 510}, {"height", 84}}));
    EXPECT_TRUE(json["runes"][0]["bbox"].is_null());
    EXPECT_TRUE(json["unmatched"]["side_deck"][0]["bbox"].is_null());
}

TEST_F(DecklistJsonTest, ADecklistSavedWithoutBoxesReadsAsUnknownBoxes) {
    Json json = to_json(engine_like());
    for (Json& card : json["main_deck"]) card.erase("bbox");
    const Decklist back = decklist_from_json(json);
    EXPECT_FALSE(back.cards(Section::main_deck)[0].bbox);
    EXPECT_TRUE(back.cards(Section::legend)[0].bbox);
}

TEST_F(DecklistJsonTest, MalformedDecklistsNameTheField) {
    EXPECT_THROW(decklist_from_json(Json::array()), Error);
    EXPECT_THROW(decklist_from_json(Json("text")), Error);
    EXPECT_EQ(rejected_field([](Json& j) { j.erase("decklist_id"); }), "decklist_id");
    EXPECT_EQ(rejected_field([](Json& j) { j["filename"] = 5; }), "filename");
    EXPECT_EQ(rejected_field([](Json& j) { j.erase("metadata"); }), "metadata");
    EXPECT_EQ(rejected_field([](Json& j) { j["metadata"]["placement"] = 0; }),
              "metadata.placement");
    EXPECT_EQ(rejected_field([](Json& j) { j["metadata"]["event"] = 1; }), "metadata.event");
    EXPECT_EQ(rejected_field([](Json& j) { j["main_deck"] = Json::object(); }), "main_deck");
    EXPECT_EQ(rejected_field([](Json& j) { j["main_deck"][2]["match_type"] = "guess"; }),
              "main_deck[2].match_type");
    EXPECT_EQ(rejected_field([](Json& j) { j["main_deck"][1]["quantity"] = 0; }),
              "main_deck[1].quantity");
    EXPECT_EQ(rejected_field([](Json& j) { j["main_deck"][1]["quantity"] = 1.5; }),
              "main_deck[1].quantity");
    EXPECT_EQ(rejected_field([](Json& j) { j["main_deck"][1]["quantity"] = 5000000000LL; }),
              "main_deck[1].quantity");
    EXPECT_EQ(rejected_field([](Json& j) { j["legend"][0]["match_score"] = 101; }),
              "legend[0].match_score");
    EXPECT_EQ(rejected_field([](Json& j) { j["legend"][0].erase("name_cn"); }),
              "legend[0].name_cn");
    EXPECT_EQ(rejected_field([](Json& j) { j["legend"][0]["cost"] = "3"; }), "legend[0].cost");
    EXPECT_EQ(rejected_field([](Json& j) { j["legend"][0]["bbox"] = Json::array(); }),
              "legend[0].bbox");
    EXPECT_EQ(rejected_field([](Json& j) { j["legend"][0]["bbox"]["x"] = -1; }),
              "legend[0].bbox.x");
    EXPECT_EQ(rejected_field([](Json& j) { j["legend"][0]["bbox"].erase("height"); }),
              "legend[0].bbox.height");
    EXPECT_EQ(rejected_field([](Json& j) { j["unmatched"].erase("runes"); }), "unmatched.runes");
    EXPECT_EQ(rejected_field([](Json& j) {
                  j["unmatched"]["runes"] = Json::array({{{"ocr_text", "x"}, {"quantity", 1}}});
              }),
              "unmatched.runes[0].match_score");
    EXPECT_EQ(rejected_field([](Json& j) { j["stats"]["sections"]["side_deck"].erase("found"); }),
              "stats.sections.side_deck.found");
    EXPECT_EQ(rejected_field([](Json& j) { j["warnings"] = Json::array({1}); }), "warnings[0]");
    EXPECT_EQ(rejected_field([](Json& j) { j["needs_review"] = "no"; }), "needs_review");
    EXPECT_EQ(rejected_field([](Json& j) {
                  j["review_reasons"] = Json::array({{{"code", "bad_vibes"}, {"message", "x"}}});
              }),
              "review_reasons[0].code");
    EXPECT_EQ(rejected_field([](Json& j) { j["timing_ms"]["ocr"] = -1; }), "timing_ms.ocr");
    EXPECT_EQ(rejected_field([](Json& j) { j.erase("deck_code"); }), "deck_code");
    EXPECT_EQ(rejected_field([](Json& j) { j["text"] = 3; }), "text");
}

}  // namespace
}  // namespace decklist
