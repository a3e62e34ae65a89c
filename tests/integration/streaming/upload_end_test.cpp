// Uploads that end before their body does: a client that stalls (and keeps its socket open),
// closes its sending side early, or sends a whole HTTP body whose multipart breaks off. Every route
// answers for every file it saw the start of: the files that arrived, an upload_incomplete error
// for the one cut off, and complete.

#include "streaming_fixture.hpp"

namespace decklist::test {
namespace {

constexpr int kReadTimeoutS = 2;

class UploadEnd : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        server_ = start_server({{"DECKLIST_READ_TIMEOUT_S", std::to_string(kReadTimeoutS)}});
    }
    static void TearDownTestSuite() { server_.reset(); }
    static int port() { return server_->port(); }

    // One whole screenshot and the first half of a second, of a body declared whole. The
    // connection's own read timeout bounds every wait well above read_timeout_s.
    static std::unique_ptr<HttpConnection> send_one_and_a_half(const std::string& target,
                                                               const std::string& field = "files") {
        const std::string whole = part_bytes(screenshot_file(0, field));
        const std::string second = part_bytes(screenshot_file(1, field));
        const std::size_t length = whole.size() + second.size() + closing_bytes().size();
        auto c = std::make_unique<HttpConnection>("127.0.0.1", port(),
                                                  std::chrono::seconds(kReadTimeoutS + 30));
        c->send(HttpConnection::format_request("POST", target, multipart_headers(length)));
        c->send(whole);
        c->send(second.substr(0, second.size() / 2));
        return c;
    }

    static inline std::unique_ptr<ServerProcess> server_;
};

// The stream a cut-off upload of one and a half files must end with.
void expect_first_result_then_incomplete_second(const std::vector<SseEvent>& events) {
    expect_event_order(events, 2);
    ASSERT_EQ(count_events(events, "result"), 1u);
    for (const auto& e : events) {
        if (e.event == "result") {
            EXPECT_EQ(data_of(e)["index"], 0);
        }
        if (e.event != "error") continue;
        const auto error = data_of(e);
        EXPECT_EQ(error["index"], 1);
        EXPECT_EQ(error["error_type"], "upload_incomplete");
        EXPECT_FALSE(error["filename"].get<std::string>().empty());
    }
    const auto complete = data_of(events.back());
    EXPECT_EQ(complete["total"], 2);
    EXPECT_EQ(complete["successful"], 1);
    EXPECT_EQ(complete["failed"], 1);
    EXPECT_EQ(complete["upload_complete"], false);
}

TEST_F(UploadEnd, StalledStreamGetsItsResultAnErrorAndComplete) {
    for (const char* target : {"/api/v1/process-batch-stream", "/api/v1/process-batch-fast",
                               "/api/v1/process-batch-fast?duplex=1"}) {
        SCOPED_TRACE(target);
        auto c = send_one_and_a_half(target);
        ASSERT_EQ(c->read_head().status, 200);
        expect_first_result_then_incomplete_second(SseReader(*c).rest());
        EXPECT_TRUE(c->wait_closed(std::chrono::seconds(10)));
    }
}

TEST_F(UploadEnd, BodyClosedEarlyGetsItsResultAnErrorAndComplete) {
    auto c = send_one_and_a_half("/api/v1/process-batch-stream");
    c->shutdown_write();  // the client has sent all it will, and still reads
    ASSERT_EQ(c->read_head().status, 200);
    expect_first_result_then_incomplete_second(SseReader(*c).rest());
}

// The HTTP body is whole (its Content-Length is what was sent) but the multipart inside it
// breaks off in the second file, without its closing boundary: a client or proxy that
// truncated the upload.
TEST_F(UploadEnd, TruncatedMultipartBodyGetsItsResultAnErrorAndComplete) {
    const std::string whole = part_bytes(screenshot_file(0));
    const std::string second = part_bytes(screenshot_file(1));
    const std::string body = whole + second.substr(0, second.size() / 2);
    for (const char* target : {"/api/v1/process-batch-stream", "/api/v1/process-batch-fast"}) {
        SCOPED_TRACE(target);
        HttpConnection c("127.0.0.1", port(), std::chrono::seconds(kReadTimeoutS + 30));
        c.send(HttpConnection::format_request("POST", target, multipart_headers(body.size())));
        c.send(body);
        ASSERT_EQ(c.read_head().status, 200);
        expect_first_result_then_incomplete_second(SseReader(c).rest());
    }
}

TEST_F(UploadEnd, StalledJsonBatchAnswersWithWhatArrived) {
    auto c = send_one_and_a_half("/api/v1/process-batch");
    const auto r = c->read_response("POST");
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = json::parse(r.body);
    ASSERT_EQ(body["results"].size(), 1u);
    EXPECT_EQ(body["results"][0]["index"], 0);
    ASSERT_EQ(body["errors"].size(), 1u);
    EXPECT_EQ(body["errors"][0]["index"], 1);
    EXPECT_EQ(body["errors"][0]["error_type"], "upload_incomplete");
    EXPECT_EQ(body["total"], 2);
    EXPECT_EQ(body["successful"], 1);
    EXPECT_EQ(body["failed"], 1);
    EXPECT_EQ(body["summary"]["upload_complete"], false);
}

TEST_F(UploadEnd, StalledResumableBatchIsAcceptedAndNamesTheFileCutOff) {
    auto c = send_one_and_a_half("/api/v1/batches");
    const auto r = c->read_response("POST");
    ASSERT_EQ(r.status, 202) << r.body;
    const auto created = json::parse(r.body);
    HttpConnection events("127.0.0.1", port(), std::chrono::seconds(60));
    events.send(HttpConnection::format_request("GET", created["events_url"].get<std::string>()));
    ASSERT_EQ(events.read_head().status, 200);
    expect_first_result_then_incomplete_second(SseReader(events).rest());
}

TEST_F(UploadEnd, StalledSingleImageIsAJsonError) {
    const std::string part = part_bytes(screenshot_file(0, "file"));
    HttpConnection c("127.0.0.1", port(), std::chrono::seconds(kReadTimeoutS + 30));
    c.send(HttpConnection::format_request("POST", "/api/v1/process",
                                          multipart_headers(part.size() + closing_bytes().size())));
    c.send(part.substr(0, part.size() / 2));
    const auto r = c.read_response("POST");
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(json::parse(r.body)["error_type"], "upload_incomplete");
}

TEST_F(UploadEnd, ServerTakesTheNextConnectionAfterAStall) {
    auto stalled = send_one_and_a_half("/api/v1/process-batch-fast");
    ASSERT_EQ(stalled->read_head().status, 200);
    SseReader(*stalled).rest();
    const std::string body = multipart_body({screenshot_file(2)});
    auto r = http_request(port(), "POST", "/api/v1/process-batch-fast",
                          multipart_headers(body.size()), body);
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("event: complete"), std::string::npos);
}

}  // namespace
}  // namespace decklist::test
