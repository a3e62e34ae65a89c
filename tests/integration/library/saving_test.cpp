// Saving through the upload routes: what a saved answer carries, that the library survives
// a restart, that the same bytes are answered from the library without being read again, and
// when a route saves at all (?save= over the config's save_by_default).

#include "library_fixture.hpp"

namespace decklist::test {
namespace {

// Counted by the batch runner for every image whose result it emitted.
std::uint64_t saving_images_processed(int port) {
    const json stats = get_json(port, "/api/v1/stats");
    return stats.at("batches").at("images_processed").get<std::uint64_t>();
}

void expect_saved_as_itself(const json& decklist) {
    ASSERT_TRUE(decklist.contains("saved")) << decklist.dump();
    const std::string id = decklist.value("decklist_id", "");
    EXPECT_FALSE(id.empty());
    EXPECT_EQ(decklist["saved"].value("id", ""), id);
    EXPECT_EQ(decklist["saved"].value("url", ""), decklist_path(id));
    EXPECT_EQ(decklist["saved"].value("revision", 0), 1);
    EXPECT_FALSE(decklist.contains("duplicate_of")) << decklist.dump();
}

TEST(LibrarySaving, SavedDecklistsAreListedNewestFirstAfterARestart) {
    ASSERT_GE(screenshots().size(), 3u);
    LibraryDataDir data_dir;
    std::vector<std::string> saved_ids;
    {
        auto server = start_library_server({{"DECKLIST_DATA_DIR", data_dir.path()}});
        for (std::size_t i = 0; i < 3; ++i) {
            const json decklist = process_one(server->port(), "/api/v1/process?save=true",
                                              screenshot_file(i, "file"));
            EXPECT_EQ(schemas().explain("decklist.json", decklist), "");
            expect_saved_as_itself(decklist);
            saved_ids.push_back(decklist.value("decklist_id", ""));
        }
        server->signal(SIGTERM);
        EXPECT_EQ(server->wait_exit(), 0) << server->stderr_text();
    }
    auto restarted = start_library_server({{"DECKLIST_DATA_DIR", data_dir.path()}});
    const json page = list_page(restarted->port());
    const std::vector<std::string> newest_first(saved_ids.rbegin(), saved_ids.rend());
    EXPECT_EQ(ids_of(page["items"]), newest_first);
    EXPECT_TRUE(page["next_cursor"].is_null());
}

TEST(LibrarySaving, TheSameBytesAgainAreAnsweredFromTheLibraryWithoutReadingThem) {
    auto server = start_library_server();
    const int port = server->port();
    const json first = process_one(port, "/api/v1/process?save=true", screenshot_file(0, "file"));
    expect_saved_as_itself(first);
    const std::string id = first.value("decklist_id", "");
    const std::uint64_t processed_before = saving_images_processed(port);

    const json again = process_one(port, "/api/v1/process-and-save", screenshot_file(0, "file"));
    EXPECT_EQ(again.value("duplicate_of", ""), id) << again.dump();
    ASSERT_TRUE(again.contains("saved")) << again.dump();
    EXPECT_EQ(again["saved"].value("id", ""), id);
    EXPECT_EQ(again["saved"].value("revision", 0), 1);
    // The stored decklist itself: a new reading would have an id of its own.
    EXPECT_EQ(again.value("decklist_id", ""), id);
    EXPECT_EQ(again["main_deck"], first["main_deck"]);

    const std::string body = multipart_body({screenshot_file(0)});
    HttpConnection c("127.0.0.1", port, std::chrono::seconds(120));
    c.send(HttpConnection::format_request("POST", "/api/v1/process-batch-stream?save=true",
                                          multipart_headers(body.size()), body));
    ASSERT_EQ(c.read_head().status, 200);
    const auto events = SseReader(c).rest();
    expect_event_order(events, 1);
    ASSERT_EQ(count_events(events, "result"), 1u);
    for (const auto& e : events) {
        if (e.event != "result") continue;
        const json decklist = data_of(e)["decklist"];
        EXPECT_EQ(decklist.value("duplicate_of", ""), id) << e.data;
        EXPECT_EQ(decklist["saved"].value("id", ""), id) << e.data;
    }

    EXPECT_EQ(saving_images_processed(port), processed_before)
        << "a duplicate was counted as a processed image";
    EXPECT_EQ(ids_of(list_page(port)["items"]), std::vector<std::string>{id});
}

TEST(LibrarySaving, NothingIsSavedUnlessAskedOrConfigured) {
    ASSERT_GE(screenshots().size(), 2u);
    {
        auto server = start_library_server();
        const json decklist =
            process_one(server->port(), "/api/v1/process", screenshot_file(0, "file"));
        EXPECT_TRUE(decklist.contains("decklist_id")) << decklist.dump();
        EXPECT_FALSE(decklist.contains("saved")) << decklist.dump();
        EXPECT_TRUE(list_page(server->port())["items"].empty());
    }
    auto saving = start_library_server({{"DECKLIST_SAVE_BY_DEFAULT", "true"}});
    const int port = saving->port();
    const json saved = process_one(port, "/api/v1/process", screenshot_file(0, "file"));
    expect_saved_as_itself(saved);
    const json not_saved =
        process_one(port, "/api/v1/process?save=false", screenshot_file(1, "file"));
    EXPECT_TRUE(not_saved.contains("decklist_id")) << not_saved.dump();
    EXPECT_FALSE(not_saved.contains("saved")) << not_saved.dump();
    EXPECT_EQ(ids_of(list_page(port)["items"]),
              std::vector<std::string>{saved.value("decklist_id", "")});
}

std::string saving_text_field(const std::string& name, const std::string& value) {
    return "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
           value + "\r\n";
}

// The Python service's /process-and-save form: text fields owner and format_id, before the
// file as `requests` sends them, or after it as a FormData filled file first does.
TEST(LibrarySaving, ProcessAndSaveKeepsThePythonServicesOwnerAndFormatFields) {
    auto server = start_library_server();
    const std::string fields =
        saving_text_field("owner", "deck-site-editor") + saving_text_field("format_id", "standard");
    for (std::size_t index : {std::size_t{0}, std::size_t{1}}) {
        const bool fields_first = index == 0;
        const std::string file = part_bytes(screenshot_file(index, "file"));
        const std::string body = (fields_first ? fields + file : file + fields) + closing_bytes();
        const auto r = http_request(server->port(), "POST", "/api/v1/process-and-save",
                                    multipart_headers(body.size()), body);
        ASSERT_EQ(r.status, 200) << r.body;
        const json decklist = library_json_of(r);
        expect_saved_as_itself(decklist);
        const json record = get_record(server->port(), decklist.value("decklist_id", ""));
        EXPECT_EQ(record["owner"], "deck-site-editor") << "fields first: " << fields_first;
        EXPECT_EQ(record["format_id"], "standard") << "fields first: " << fields_first;
    }
    const json listed = list_page(server->port())["items"];
    ASSERT_EQ(listed.size(), 2u);
    for (const json& item : listed) EXPECT_EQ(item["owner"], "deck-site-editor");
}

}  // namespace
}  // namespace decklist::test
