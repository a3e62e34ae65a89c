// Server settings that change the streaming routes: enable_parallel, max_batch_size,
// max_body_mb, heartbeat_s.

#include "streaming_fixture.hpp"

namespace decklist::test {
namespace {

class Limits : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        server_ = start_server({{"DECKLIST_ENABLE_PARALLEL", "false"},
                                {"DECKLIST_MAX_BATCH_SIZE", "2"},
                                {"DECKLIST_MAX_BODY_MB", "20"},
                                {"DECKLIST_HEARTBEAT_S", "0.05"}});
    }
    static void TearDownTestSuite() { server_.reset(); }
    static int port() { return server_->port(); }
    static inline std::unique_ptr<ServerProcess> server_;
};

TEST_F(Limits, ParallelEndpointIs400WhenDisabled) {
    const std::string body = multipart_body({screenshot_file(0)});
    const auto r = http_request(port(), "POST", "/api/v1/process-batch-fast",
                                multipart_headers(body.size()), body);
    EXPECT_EQ(r.status, 400);
    EXPECT_NE(json::parse(r.body)["error"].get<std::string>().find("enable_parallel"),
              std::string::npos);
}

TEST_F(Limits, FilesPastMaxBatchSizeGetLimitErrorsInTheStream) {
    const std::string body =
        multipart_body({text_file("1.txt"), text_file("2.txt"), text_file("3.txt")});
    HttpConnection c("127.0.0.1", port());
    c.send(HttpConnection::format_request("POST", "/api/v1/process-batch-stream",
                                          multipart_headers(body.size()), body));
    ASSERT_EQ(c.read_head().status, 200);
    const auto events = SseReader(c).rest();
    expect_event_order(events, 3);
    for (const auto& e : events)
        if (e.event == "error") {
            EXPECT_EQ(data_of(e)["error_type"], data_of(e)["index"] == 2 ? "limit" : "validation");
        }
}

TEST_F(Limits, TooManyFilesForTheJsonBatchIs413) {
    const std::string body =
        multipart_body({text_file("1.txt"), text_file("2.txt"), text_file("3.txt")});
    const auto r =
        http_request(port(), "POST", "/api/v1/process-batch", multipart_headers(body.size()), body);
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(json::parse(r.body)["error_type"], "limit");
}

TEST_F(Limits, BodyOverMaxBodyIs413BeforeAnyStream) {
    HttpConnection c("127.0.0.1", port());
    c.send(HttpConnection::format_request(
        "POST", "/api/v1/process-batch-stream",
        {{"Content-Type", "multipart/form-data; boundary=" + kBoundary},
         {"Content-Length", std::to_string(21 * 1024 * 1024)}}));
    const auto r = c.read_response("POST");
    EXPECT_EQ(r.status, 413);
    EXPECT_EQ(json::parse(r.body)["error_type"], "limit");
}

TEST_F(Limits, HeartbeatsArePingEventsWhileTheBatchRuns) {
    const std::string body = multipart_body({screenshot_file(0), screenshot_file(1)});
    HttpConnection c("127.0.0.1", port());
    c.send(HttpConnection::format_request("POST", "/api/v1/process-batch-stream",
                                          multipart_headers(body.size()), body));
    ASSERT_EQ(c.read_head().status, 200);
    SseReader reader(c);
    const auto events = reader.rest();
    expect_event_order(events, 2);
    // Two OCR runs take far longer than 50 ms: heartbeats must have been interleaved, as
    // blocks that clients splitting "event:" and "data:" lines parse (and then ignore).
    EXPECT_GT(reader.pings(), 0u);
    EXPECT_NE(reader.raw().find("event: ping\ndata: {}\n\n"), std::string::npos);
    EXPECT_EQ(reader.parser().comments(), 0u);
}

}  // namespace
}  // namespace decklist::test
