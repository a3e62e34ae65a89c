// Reading the library as a whole: filters and keyset pages of the list, the events, an
// event's exports and its metagame. What is expected is taken from the decklists as saved,
// never from what the OCR is believed to read.

#include <algorithm>
#include <map>

#include "library_fixture.hpp"

namespace decklist::test {
namespace {

// Every summary of the unfiltered list (one page: fewer than its default limit).
json queries_all_summaries(int port) {
    const json page = list_page(port);
    EXPECT_TRUE(page["next_cursor"].is_null());
    return page["items"];
}

TEST(LibraryQueries, FiltersAndPagesOverTheSavedDecklists) {
    const std::size_t count = std::min<std::size_t>(screenshots().size(), 4);
    ASSERT_GE(count, 3u);
    auto server = start_library_server();
    const int port = server->port();
    std::vector<std::size_t> indices;
    for (std::size_t i = 0; i < count; ++i) indices.push_back(i);
    ASSERT_EQ(save_batch(port, indices).size(), count);
    const json all = queries_all_summaries(port);
    ASSERT_EQ(all.size(), count);

    std::string legend;
    for (const json& summary : all)
        if (summary["legend"].is_string()) legend = summary["legend"];
    ASSERT_FALSE(legend.empty()) << "no saved decklist has a legend: " << all.dump();
    std::vector<std::string> with_legend;
    for (const json& summary : all)
        if (summary["legend"] == legend) with_legend.push_back(summary["id"]);
    const json by_legend = list_page(port, "?legend=" + percent_encoded(legend));
    EXPECT_EQ(ids_of(by_legend["items"]), with_legend) << legend;
    for (const json& summary : by_legend["items"]) EXPECT_EQ(summary["legend"], legend);

    // One decklist per page, newest first, each exactly once.
    std::vector<std::string> paged;
    std::string cursor;
    for (std::size_t page_number = 0; page_number <= count; ++page_number) {
        const json page = list_page(port, "?limit=1" + (cursor.empty() ? "" : "&cursor=" + cursor));
        ASSERT_EQ(page["items"].size(), 1u) << page.dump();
        paged.push_back(page["items"][0]["id"]);
        if (page["next_cursor"].is_null()) break;
        cursor = page["next_cursor"];
        ASSERT_FALSE(cursor.empty());
    }
    EXPECT_EQ(paged, ids_of(all));

    expect_library_error(http_request(port, "GET", "/api/v1/decklists?needs_review=maybe"), 400,
                         "validation");
}

TEST(LibraryQueries, AnEventsDecklistsExportedAndItsMeta) {
    const std::size_t count = std::min<std::size_t>(screenshots().size(), 3);
    ASSERT_GE(count, 2u);
    auto server = start_library_server();
    const int port = server->port();
    std::vector<std::size_t> indices;
    for (std::size_t i = 0; i < count; ++i) indices.push_back(i);
    ASSERT_EQ(save_batch(port, indices).size(), count);
    const json all = queries_all_summaries(port);

    // Each event listed once, with as many decklists as the summaries name it.
    const auto events_answer = http_request(port, "GET", "/api/v1/events");
    ASSERT_EQ(events_answer.status, 200) << events_answer.body;
    const json events = library_json_of(events_answer);
    expect_library_schema("events.json", events);
    std::map<std::string, int> expected_events;
    for (const json& summary : all)
        if (summary["event"].is_string()) ++expected_events[summary["event"]];
    std::map<std::string, int> listed_events;
    for (const json& entry : events["events"])
        listed_events[entry["event"]] += entry["decklists"].get<int>();
    EXPECT_EQ(listed_events, expected_events);
    ASSERT_FALSE(expected_events.empty()) << "no saved decklist has an event: " << all.dump();
    const std::string event = expected_events.begin()->first;
    const std::string export_path = "/api/v1/events/" + percent_encoded(event) + "/export";

    // The event's decklists as saved, and one CSV row per card entry of each.
    std::map<std::string, std::size_t> expected_rows;
    std::size_t total_rows = 0;
    for (const json& summary : all) {
        if (summary["event"] != event) continue;
        const json record = get_record(port, summary["id"]);
        const std::size_t entries = std::max<std::size_t>(card_entries(record["decklist"]), 1);
        expected_rows[summary["id"]] = entries;
        total_rows += entries;
    }

    const auto csv = http_request(port, "GET", export_path + "?format=csv");
    ASSERT_EQ(csv.status, 200) << csv.body;
    EXPECT_EQ(csv.header("content-type").rfind("text/csv", 0), 0u) << csv.header("content-type");
    const auto records = csv_records(csv.body);
    ASSERT_FALSE(records.empty());
    const auto& header = records[0];
    const auto column = [&](const std::string& name) {
        return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) -
                                        header.begin());
    };
    const std::size_t id_column = column("decklist_id"), event_column = column("event");
    ASSERT_LT(id_column, header.size());
    ASSERT_LT(event_column, header.size());
    EXPECT_EQ(records.size() - 1, total_rows);
    std::map<std::string, std::size_t> rows;
    for (std::size_t i = 1; i < records.size(); ++i) {
        ASSERT_EQ(records[i].size(), header.size()) << "row " << i;
        ++rows[records[i][id_column]];
        EXPECT_EQ(records[i][event_column], event) << "row " << i;
    }
    EXPECT_EQ(rows, expected_rows);

    const auto txt = http_request(port, "GET", export_path + "?format=txt");
    ASSERT_EQ(txt.status, 200) << txt.body;
    EXPECT_EQ(txt.header("content-type").rfind("text/plain", 0), 0u) << txt.header("content-type");
    for (const auto& [id, n] : expected_rows) {
        const json record = get_record(port, id);
        std::string text = record["decklist"].value("text", "");
        while (!text.empty() && text.back() == '\n') text.pop_back();
        ASSERT_FALSE(text.empty()) << id;
        EXPECT_NE(txt.body.find(text), std::string::npos) << id << ": " << text;
    }

    const auto exported_json = http_request(port, "GET", export_path + "?format=json");
    ASSERT_EQ(exported_json.status, 200) << exported_json.body;
    const json exported = library_json_of(exported_json);
    expect_library_schema("event_export.json", exported);
    EXPECT_EQ(exported["decklists"].size(), expected_rows.size());

    expect_library_error(http_request(port, "GET", export_path + "?format=xml"), 400, "validation");

    const auto meta_answer =
        http_request(port, "GET", "/api/v1/meta?event=" + percent_encoded(event));
    ASSERT_EQ(meta_answer.status, 200) << meta_answer.body;
    const json meta = library_json_of(meta_answer);
    expect_library_schema("meta_report.json", meta);
    EXPECT_EQ(meta["event"], event);
    EXPECT_EQ(meta["decklists"], expected_events[event]);
    std::map<json, int> expected_legends, meta_legends;
    for (const json& summary : all)
        if (summary["event"] == event) ++expected_legends[summary["legend"]];
    int decks = 0;
    for (const json& legend : meta["legends"]) {
        decks += legend["decks"].get<int>();
        meta_legends[legend["legend"]] += legend["decks"].get<int>();
    }
    EXPECT_EQ(decks, expected_events[event]);
    EXPECT_EQ(meta_legends, expected_legends);
}

TEST(LibraryQueries, AnEventWhoseNameHoldsASlashIsExported) {
    auto server = start_library_server();
    const int port = server->port();
    const json saved = process_one(port, "/api/v1/process?save=true", screenshot_file(0, "file"));
    const std::string id = saved.value("decklist_id", "");
    ASSERT_FALSE(id.empty()) << saved.dump();
    const std::string event = "春季/夏季 Open";
    const auto patched = http_request(port, "PATCH", decklist_path(id),
                                      {{"Content-Type", "application/json"}, {"If-Match", "\"1\""}},
                                      json{{"metadata", {{"event", event}}}}.dump());
    ASSERT_EQ(patched.status, 200) << patched.body;

    const json events = library_json_of(http_request(port, "GET", "/api/v1/events"));
    ASSERT_EQ(events["events"].size(), 1u) << events.dump();
    EXPECT_EQ(events["events"][0]["event"], event);

    // The slash travels encoded inside its path segment.
    const auto exported = http_request(
        port, "GET", "/api/v1/events/" + percent_encoded(event) + "/export?format=json");
    ASSERT_EQ(exported.status, 200) << exported.body;
    const json body = library_json_of(exported);
    ASSERT_EQ(body["decklists"].size(), 1u) << exported.body;
    EXPECT_EQ(body["decklists"][0]["id"], id) << exported.body;
}

}  // namespace
}  // namespace decklist::test
