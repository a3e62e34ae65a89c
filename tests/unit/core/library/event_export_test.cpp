#include "decklist/library/event_export.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "stored_decklists.hpp"

using decklist::EventExportFormat;
using decklist::export_event;
using decklist::StoredDecklist;
using library_test::card;
using library_test::stored;
using library_test::tile;
using nlohmann::json;

namespace {

const std::string kHeader =
    "decklist_id,event,date,placement,player,deck_name,legend,deck_code,section,card_number,"
    "name_en,name_cn,quantity,needs_review,matched\r\n";

// The body's lines, each without its CRLF; fails the test when a line does not end in CRLF.
std::vector<std::string> crlf_lines(const std::string& body) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < body.size()) {
        const std::size_t end = body.find("\r\n", start);
        EXPECT_NE(end, std::string::npos) << "a line without CRLF: " << body.substr(start);
        if (end == std::string::npos) break;
        lines.push_back(body.substr(start, end - start));
        start = end + 2;
    }
    return lines;
}

StoredDecklist alice() {
    StoredDecklist s = stored("id-alice", "Wuju Bladesman",
                              {{"legend", {card("OGN·299/298", "Wuju Bladesman", "无极剑圣", 1)}},
                               {"main_deck",
                                {card("OGS·009/024", "Yi, Honed", "易, 锋芒毕现", 1),
                                 card("OGN·052/298", "Stalwart Poro", "强强魄罗", 3)}}});
    s.date = "2026-05-02";
    s.placement = 1;
    s.player = "Alice";
    s.deck_code = "CMAAAA";
    s.decklist["metadata"]["deck_name"] = "Yi Aggro";
    s.decklist["text"] = "Legend\n1 Wuju Bladesman (无极剑圣)\n";
    return s;
}

StoredDecklist bob() {
    StoredDecklist s =
        stored("id-bob", "Jinx", {{"runes", {card("OGN·042/298", "Calm Rune", "翠意符文", 6)}}});
    s.placement = 2;
    s.player = "Bob";
    s.needs_review = true;
    s.decklist["text"] = "Runes\n6 Calm Rune (翠意符文)";
    return s;
}

}  // namespace

TEST(EventExportFormat, KnowsItsThreeNamesOnly) {
    EXPECT_EQ(decklist::event_export_format("csv"), EventExportFormat::csv);
    EXPECT_EQ(decklist::event_export_format("json"), EventExportFormat::json);
    EXPECT_EQ(decklist::event_export_format("txt"), EventExportFormat::txt);
    EXPECT_EQ(decklist::event_export_format("CSV"), std::nullopt);
    EXPECT_EQ(decklist::event_export_format("xlsx"), std::nullopt);
    EXPECT_EQ(decklist::event_export_format(""), std::nullopt);
}

TEST(EventExportCsv, OneRowPerCardPerDeckAfterAHeader) {
    const auto out = export_event("Regional Open", {alice(), bob()}, EventExportFormat::csv);
    EXPECT_EQ(out.content_type, "text/csv; charset=utf-8");
    EXPECT_EQ(out.file_extension, "csv");
    EXPECT_EQ(out.body,
              kHeader +
                  "id-alice,Regional Open,2026-05-02,1,Alice,Yi Aggro,Wuju Bladesman,CMAAAA,"
                  "legend,OGN·299/298,Wuju Bladesman,无极剑圣,1,false,true\r\n"
                  "id-alice,Regional Open,2026-05-02,1,Alice,Yi Aggro,Wuju Bladesman,CMAAAA,"
                  "main_deck,OGS·009/024,\"Yi, Honed\",\"易, 锋芒毕现\",1,false,true\r\n"
                  "id-alice,Regional Open,2026-05-02,1,Alice,Yi Aggro,Wuju Bladesman,CMAAAA,"
                  "main_deck,OGN·052/298,Stalwart Poro,强强魄罗,3,false,true\r\n"
                  "id-bob,Regional Open,,2,Bob,,Jinx,,runes,OGN·042/298,Calm Rune,翠意符文,6,"
                  "true,true\r\n");
}

TEST(EventExportCsv, QuotesFieldsWithCommasQuotesAndLineBreaks) {
    StoredDecklist s = stored("id", "Jinx", {{"main_deck", {card("N", "A", "B", 1)}}});
    s.player = "Smith, \"The Hammer\"";
    s.decklist["metadata"]["deck_name"] = "two\r\nlines";
    s.deck_code = "line\nfeed";
    const auto lines = crlf_lines(export_event("e", {s}, EventExportFormat::csv).body);
    // The header, then one row whose quoted CRLF does not end it.
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[1] + "\r\n" + lines[2],
              "id,Regional Open,,,\"Smith, \"\"The Hammer\"\"\",\"two\r\nlines\",Jinx,"
              "\"line\nfeed\",main_deck,N,A,B,1,false,true");
}

TEST(EventExportCsv, CellsThatASpreadsheetWouldRunAsFormulasStartWithAQuote) {
    StoredDecklist s =
        stored("id", "@legend", {{"main_deck", {card("N", "-2 Power", "+中文", 1)}}});
    s.player = "=HYPERLINK(\"http://x\",\"y\")";
    s.decklist["metadata"]["deck_name"] = "=1,2";
    const auto lines = crlf_lines(export_event("e", {s}, EventExportFormat::csv).body);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[1],
              "id,Regional Open,,,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"'=1,2\",'@legend,"
              ",main_deck,N,'-2 Power,'+中文,1,false,true");
}

TEST(EventExportCsv, UnmatchedTilesAreRowsWithTheTextReadAndNoCard) {
    StoredDecklist s = stored("id", "Jinx", {{"side_deck", {card("N", "A", "甲", 2)}}});
    s.decklist["unmatched"]["side_deck"] = {tile("看不清", 3)};
    s.decklist["unmatched"]["legend"] = {tile("某某", 1)};
    const auto lines = crlf_lines(export_event("e", {s}, EventExportFormat::csv).body);
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[1], "id,Regional Open,,,,,Jinx,,legend,,,某某,1,false,false");
    EXPECT_EQ(lines[2], "id,Regional Open,,,,,Jinx,,side_deck,N,A,甲,2,false,true");
    EXPECT_EQ(lines[3], "id,Regional Open,,,,,Jinx,,side_deck,,,看不清,3,false,false");
}

TEST(EventExportCsv, ADeckWithoutCardsStillHasARow) {
    StoredDecklist empty = stored("id-empty", "", json::object());
    empty.player = "Carol";
    StoredDecklist broken = stored("id-broken", "", json::object());
    broken.decklist = "not an object";
    const auto lines = crlf_lines(export_event("e", {empty, broken}, EventExportFormat::csv).body);
    ASSERT_EQ(lines.size(), 3u);
    EXPECT_EQ(lines[1], "id-empty,Regional Open,,,Carol,,,,,,,,,false,");
    EXPECT_EQ(lines[2], "id-broken,Regional Open,,,,,,,,,,,,false,");
}

TEST(EventExportCsv, AnEmptyEventIsTheHeaderAlone) {
    EXPECT_EQ(export_event("nothing", {}, EventExportFormat::csv).body, kHeader);
}

TEST(EventExportJson, TheStoredDecklistsWithIdAndRevision) {
    StoredDecklist b = bob();
    b.revision = 4;
    const auto out = export_event("Regional Open", {alice(), b}, EventExportFormat::json);
    EXPECT_EQ(out.content_type, "application/json");
    EXPECT_EQ(out.file_extension, "json");
    const json body = json::parse(out.body);
    ASSERT_EQ(body["decklists"].size(), 2u);
    EXPECT_EQ(body["event"], "Regional Open");
    json expected_alice = alice().decklist;
    expected_alice["id"] = "id-alice";
    expected_alice["revision"] = 1;
    EXPECT_EQ(body["decklists"][0], expected_alice);
    EXPECT_EQ(body["decklists"][1]["id"], "id-bob");
    EXPECT_EQ(body["decklists"][1]["revision"], 4);
    EXPECT_EQ(body["decklists"][1]["runes"], b.decklist["runes"]);
}

TEST(EventExportJson, AnEmptyEventHasNoDecklists) {
    EXPECT_EQ(json::parse(export_event("nothing", {}, EventExportFormat::json).body),
              json({{"event", "nothing"}, {"decklists", json::array()}}));
}

TEST(EventExportTxt, TextListsUnderAHeaderSeparatedByABlankLine) {
    StoredDecklist unrendered = stored("id-x", "", json::object());
    unrendered.decklist["text"] = nullptr;
    StoredDecklist nameless = stored("id-y", "", json::object());
    const auto out = export_event("Regional Open", {alice(), bob(), unrendered, nameless},
                                  EventExportFormat::txt);
    EXPECT_EQ(out.content_type, "text/plain; charset=utf-8");
    EXPECT_EQ(out.file_extension, "txt");
    EXPECT_EQ(out.body,
              "# 1st place - Alice - Yi Aggro\n"
              "Legend\n"
              "1 Wuju Bladesman (无极剑圣)\n"
              "\n"
              "# 2nd place - Bob - Jinx\n"
              "Runes\n"
              "6 Calm Rune (翠意符文)\n"
              "\n"
              "# Decklist id-x\n"
              "(this decklist could not be rendered as text)\n"
              "\n"
              "# Decklist id-y\n"
              "(no cards)\n");
}

TEST(EventExportTxt, PlacementsReadAsOrdinalsAndNamesStayOnTheHeaderLine) {
    std::string headers;
    for (int placement : {3, 4, 11, 12, 13, 21, 22, 101, 111}) {
        StoredDecklist s = stored("id", "", json::object());
        s.placement = placement;
        s.player = "P\nQ";
        std::istringstream body(export_event("e", {s}, EventExportFormat::txt).body);
        std::string line;
        std::getline(body, line);
        headers += line + "|";
    }
    EXPECT_EQ(headers,
              "# 3rd place - P Q|# 4th place - P Q|# 11th place - P Q|# 12th place - P Q|"
              "# 13th place - P Q|# 21st place - P Q|# 22nd place - P Q|# 101st place - P Q|"
              "# 111th place - P Q|");
}

TEST(EventExportTxt, AnEmptyEventIsEmpty) {
    EXPECT_EQ(export_event("nothing", {}, EventExportFormat::txt).body, "");
}
