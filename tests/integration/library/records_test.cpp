// One saved decklist through its own routes: reading it and its screenshot, correcting it
// under optimistic concurrency (If-Match / ETag), its revisions, and removing it.

#include <algorithm>

#include "library_fixture.hpp"

namespace decklist::test {
namespace {

const std::string kRecordsUnknownId = "00000000-0000-4000-8000-000000000000";

// Saves screenshot `index` through POST /process?save=true; its id.
std::string records_save(int port, std::size_t index) {
    const json decklist =
        process_one(port, "/api/v1/process?save=true", screenshot_file(index, "file"));
    EXPECT_TRUE(decklist.contains("saved")) << decklist.dump();
    return decklist.value("decklist_id", "");
}

HttpResponse records_patch(int port, const std::string& id, const std::string& body,
                           Headers headers) {
    headers.emplace_back("Content-Type", "application/json");
    return http_request(port, "PATCH", decklist_path(id), headers, body);
}

TEST(LibraryRecords, ADecklistAndItsScreenshotAsSaved) {
    auto server = start_library_server();
    const int port = server->port();
    const UploadFile upload = screenshot_file(0, "file");
    const json answer = process_one(port, "/api/v1/process?save=true", upload);
    const std::string id = answer.value("decklist_id", "");
    ASSERT_FALSE(id.empty()) << answer.dump();

    const auto r = http_request(port, "GET", decklist_path(id));
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("etag"), "\"1\"");
    const json record = library_json_of(r);
    expect_library_schema("decklist_record.json", record);
    EXPECT_EQ(record["id"], id);
    EXPECT_EQ(record["revision"], 1);
    EXPECT_EQ(record["url"], decklist_path(id));
    EXPECT_EQ(record["filename"], upload.filename);
    EXPECT_EQ(record["has_image"], true);
    EXPECT_EQ(record["image_url"], decklist_path(id) + "/image");
    EXPECT_EQ(record["deck_code"], answer["deck_code"]);
    EXPECT_EQ(record["needs_review"], answer["needs_review"]);
    const json& decklist = record["decklist"];
    EXPECT_EQ(decklist["decklist_id"], id);
    for (const char* key : {"metadata", "legend", "main_deck", "battlefields", "runes", "side_deck",
                            "unmatched", "deck_code", "text"})
        EXPECT_EQ(decklist[key], answer[key]) << key;

    const auto image = http_request(port, "GET", decklist_path(id) + "/image");
    ASSERT_EQ(image.status, 200);
    EXPECT_EQ(image.header("content-type").rfind("image/jpeg", 0), 0u)
        << image.header("content-type");
    EXPECT_EQ(image.body.size(), upload.bytes.size());
    EXPECT_TRUE(image.body == upload.bytes) << "the image differs from the uploaded bytes";

    expect_library_error(http_request(port, "GET", decklist_path(kRecordsUnknownId)), 404,
                         "not_found");
    expect_library_error(http_request(port, "GET", decklist_path(kRecordsUnknownId) + "/image"),
                         404, "not_found");
}

TEST(LibraryRecords, ACorrectionNeedsTheCurrentRevisionAndIsRecorded) {
    auto server = start_library_server();
    const int port = server->port();
    const std::string id = records_save(port, 0);
    const json before = get_record(port, id);
    const json& main_deck = before["decklist"]["main_deck"];
    ASSERT_FALSE(main_deck.empty()) << before.dump();

    // The whole section as the editor sends it, a printing's copies given once (a section
    // read twice lists tiles of one printing apart), the first one's quantity changed
    // (1->2, 2->3, 3->1: never the same).
    json cards = json::array();
    for (const json& card : main_deck) {
        const json number = card["card_number"];
        ASSERT_TRUE(number.is_string()) << card.dump();
        const auto same = std::find_if(cards.begin(), cards.end(), [&](const json& entry) {
            return entry["card_number"] == number;
        });
        if (same == cards.end())
            cards.push_back({{"card_number", number}, {"quantity", card["quantity"]}});
        else
            (*same)["quantity"] = (*same)["quantity"].get<int>() + card["quantity"].get<int>();
    }
    const std::string changed_number = cards[0]["card_number"];
    const int old_quantity = cards[0]["quantity"];
    const int new_quantity = old_quantity % 3 + 1;
    cards[0]["quantity"] = new_quantity;
    const std::string patch = json{{"sections", {{"main_deck", cards}}}}.dump();

    const auto updated = records_patch(port, id, patch, {{"If-Match", "\"1\""}});
    ASSERT_EQ(updated.status, 200) << updated.body;
    EXPECT_EQ(updated.header("etag"), "\"2\"");
    const json after = library_json_of(updated);
    expect_library_schema("decklist_record.json", after);
    EXPECT_EQ(after["revision"], 2);
    EXPECT_NE(after["decklist"]["deck_code"], before["decklist"]["deck_code"]);
    EXPECT_EQ(after["deck_code"], after["decklist"]["deck_code"]);
    int copies = 0;
    for (const json& card : after["decklist"]["main_deck"])
        if (card.value("card_number", "") == changed_number) copies += card.value("quantity", 0);
    EXPECT_EQ(copies, new_quantity) << changed_number;

    const auto revisions = http_request(port, "GET", decklist_path(id) + "/revisions");
    ASSERT_EQ(revisions.status, 200) << revisions.body;
    const json history = library_json_of(revisions);
    expect_library_schema("revisions.json", history);
    ASSERT_EQ(history["revisions"].size(), 2u) << revisions.body;
    EXPECT_EQ(history["revisions"][0]["number"], 1);
    EXPECT_EQ(history["revisions"][1]["number"], 2);
    // Without API keys the client is named by its address, the saver as the corrector.
    EXPECT_EQ(history["revisions"][0]["author"], "127.0.0.1") << revisions.body;
    EXPECT_EQ(history["revisions"][1]["author"], "127.0.0.1") << revisions.body;
    const json quantity_changes =
        history["revisions"][1]["changes"]["sections"]["main_deck"]["quantity"];
    ASSERT_EQ(quantity_changes.size(), 1u) << revisions.body;
    EXPECT_EQ(quantity_changes[0]["card_number"], changed_number);
    EXPECT_EQ(quantity_changes[0]["from"], old_quantity);
    EXPECT_EQ(quantity_changes[0]["to"], new_quantity);

    const auto stale = records_patch(port, id, patch, {{"If-Match", "\"1\""}});
    expect_library_error(stale, 412, "precondition_failed");
    const json stale_body = library_json_of(stale);
    expect_library_schema("precondition_error.json", stale_body);
    EXPECT_EQ(stale_body["current"]["revision"], 2) << stale.body;

    const auto unconditional = records_patch(port, id, patch, {});
    expect_library_error(unconditional, 428, "precondition_required");
    expect_library_schema("precondition_error.json", library_json_of(unconditional));
    expect_library_error(records_patch(port, id, "{\"sections\": ", {{"If-Match", "\"2\""}}), 400,
                         "validation");
    expect_library_error(records_patch(port, id, "[1, 2]", {{"If-Match", "\"2\""}}), 400,
                         "validation");
    expect_library_error(records_patch(port, kRecordsUnknownId, patch, {{"If-Match", "\"1\""}}),
                         404, "not_found");

    // None of the refused requests changed anything.
    const auto now = http_request(port, "GET", decklist_path(id));
    EXPECT_EQ(now.header("etag"), "\"2\"");
    EXPECT_EQ(library_json_of(now)["decklist"], after["decklist"]);
}

TEST(LibraryRecords, ARemovedDecklistIsGone) {
    auto server = start_library_server();
    const int port = server->port();
    const std::string id = records_save(port, 0);
    ASSERT_EQ(http_request(port, "GET", decklist_path(id)).status, 200);

    const auto removed = http_request(port, "DELETE", decklist_path(id));
    EXPECT_EQ(removed.status, 204) << removed.body;
    EXPECT_TRUE(removed.body.empty());
    expect_library_error(http_request(port, "GET", decklist_path(id)), 404, "not_found");
    expect_library_error(http_request(port, "GET", decklist_path(id) + "/image"), 404, "not_found");
    expect_library_error(http_request(port, "DELETE", decklist_path(id)), 404, "not_found");
    EXPECT_TRUE(list_page(port)["items"].empty());
}

}  // namespace
}  // namespace decklist::test
