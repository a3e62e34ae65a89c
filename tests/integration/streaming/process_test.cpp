// POST /process and /process-batch: the same engine and pool, answered as one JSON document.

#include "streaming_fixture.hpp"

namespace decklist::test {
namespace {

class Process : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { server_ = start_server(); }
    static void TearDownTestSuite() { server_.reset(); }
    static HttpResponse post(const std::string& target, const std::vector<UploadFile>& files) {
        const std::string body = multipart_body(files);
        return http_request(server_->port(), "POST", target, multipart_headers(body.size()), body);
    }
    static inline std::unique_ptr<ServerProcess> server_;
};

TEST_F(Process, OneScreenshotGivesItsDecklist) {
    for (const char* target : {"/api/v1/process", "/api/process"}) {
        const auto r = post(target, {screenshot_file(1, "file")});
        ASSERT_EQ(r.status, 200) << r.body;
        const auto decklist = json::parse(r.body);
        EXPECT_EQ(schemas().explain("decklist.json", decklist), "");
        EXPECT_GT(decklist["stats"]["total_cards"].get<int>(), 0);
        EXPECT_EQ(decklist["filename"], screenshot_file(1).filename);
    }
}

TEST_F(Process, BadInputIsTheRightJsonError) {
    auto r = post("/api/v1/process", {text_file("a.txt", "file")});
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(json::parse(r.body)["error_type"], "validation");

    r = post("/api/v1/process", {blank_png("file")});
    EXPECT_EQ(r.status, 422);
    EXPECT_EQ(json::parse(r.body)["error_type"], "processing");

    r = post("/api/v1/process", {screenshot_file(0, "files")});  // wrong field name
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(json::parse(r.body)["error"].get<std::string>().find("\"file\""), std::string::npos);

    r = http_request(server_->port(), "POST", "/api/v1/process", {{"Content-Type", "image/jpeg"}},
                     "xx");
    EXPECT_EQ(r.status, 415);
}

TEST_F(Process, BatchJsonHasThePythonServiceShapeWithErrorsAndSummary) {
    const auto r = post("/api/v1/process-batch",
                        {screenshot_file(0), text_file(), screenshot_file(2), blank_png()});
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = json::parse(r.body);
    EXPECT_EQ(schemas().explain("process_batch.json", body), "");
    ASSERT_EQ(body["results"].size(), 2u);
    ASSERT_EQ(body["errors"].size(), 2u);
    EXPECT_EQ(body["results"][0]["index"], 0);
    EXPECT_EQ(body["results"][1]["index"], 2);
    // Each result is the decklist itself, naming its file.
    EXPECT_TRUE(body["results"][0]["decklist_id"].is_string());
    EXPECT_EQ(body["results"][0]["filename"], screenshot_file(0).filename);
    EXPECT_TRUE(body["results"][0]["main_deck"].is_array());
    EXPECT_EQ(body["total"], 4);
    EXPECT_EQ(body["successful"], 2);
    EXPECT_EQ(body["failed"], 2);
    EXPECT_TRUE(body["average_accuracy"].is_number());
    EXPECT_EQ(body["errors"][0]["index"], 1);
    EXPECT_EQ(body["errors"][1]["error_type"], "processing");
    EXPECT_EQ(body["summary"]["total"], 4);
    EXPECT_EQ(body["summary"]["successful"], 2);
    EXPECT_EQ(body["summary"]["failed"], 2);
}

TEST_F(Process, BatchWithoutFilesIs400) {
    const auto r = post("/api/v1/process-batch", {UploadFile{"other", "a.jpg", "image/jpeg", "x"}});
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(json::parse(r.body)["error_type"], "validation");
}

}  // namespace
}  // namespace decklist::test
