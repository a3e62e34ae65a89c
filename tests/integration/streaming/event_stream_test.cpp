// POST /process-batch-stream and /process-batch-fast over real sockets, with real OCR.

#include "streaming_fixture.hpp"

namespace decklist::test {
namespace {

class EventStream : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { server_ = start_server(); }
    static void TearDownTestSuite() { server_.reset(); }
    static int port() { return server_->port(); }

    // Sends the request head and the given body bytes; returns the open connection.
    static std::unique_ptr<HttpConnection> post(const std::string& target, std::size_t length,
                                                const std::string& first_bytes) {
        auto c = std::make_unique<HttpConnection>("127.0.0.1", port(), std::chrono::seconds(120));
        c->send(HttpConnection::format_request("POST", target, multipart_headers(length)));
        c->send(first_bytes);
        return c;
    }

    static inline std::unique_ptr<ServerProcess> server_;
};

TEST_F(EventStream, HeadersRetryAndChunkedFraming) {
    const std::string body = multipart_body({screenshot_file(0)});
    auto c = post("/api/v1/process-batch-stream", body.size(), body);
    const auto head = c->read_head();
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("content-type").rfind("text/event-stream", 0), 0u);
    EXPECT_EQ(head.header("cache-control"), "no-cache");
    EXPECT_EQ(head.header("x-accel-buffering"), "no");
    EXPECT_EQ(head.header("connection"), "keep-alive");
    EXPECT_TRUE(head.chunked());
    SseReader reader(*c);
    const auto events = reader.rest();
    EXPECT_EQ(reader.raw().rfind("retry: ", 0), 0u) << "the retry line comes first";
    EXPECT_TRUE(reader.parser().retry_ms().has_value());
    expect_event_order(events, 1);
    ASSERT_EQ(count_events(events, "result"), 1u);
}

TEST_F(EventStream, SequentialMixedBatchInUploadOrder) {
    const std::string body =
        multipart_body({screenshot_file(0), text_file("a.txt"), screenshot_file(1), blank_png()});
    auto c = post("/api/process-batch-stream", body.size(), body);  // the /api alias
    ASSERT_EQ(c->read_head().status, 200);
    const auto events = SseReader(*c).rest();
    expect_event_order(events, 4);
    // One image at a time: indices never go back.
    std::size_t last = 0;
    for (const auto& e : events) {
        if (e.event == "complete") break;
        const std::size_t index = data_of(e)["index"];
        EXPECT_GE(index, last);
        last = index;
    }
    // validating then processing, before the result, for a valid image.
    std::vector<std::string> first_image;
    for (const auto& e : events)
        if (e.event != "complete" && data_of(e)["index"] == 0)
            first_image.push_back(e.event == "progress" ? std::string(data_of(e)["status"])
                                                        : e.event);
    EXPECT_EQ(first_image, (std::vector<std::string>{"validating", "processing", "result"}));

    const auto complete = data_of(events.back());
    EXPECT_EQ(complete["total"], 4);
    EXPECT_EQ(complete["successful"], 2);
    EXPECT_EQ(complete["failed"], 2);
    EXPECT_EQ(complete["cancelled"], 0);
    for (const auto& e : events) {
        if (e.event != "error") continue;
        const auto d = data_of(e);
        EXPECT_EQ(d["error_type"], d["index"] == 1 ? "validation" : "processing") << e.data;
    }
}

TEST_F(EventStream, ParallelMixedBatchCountsAndIds) {
    const std::string body =
        multipart_body({screenshot_file(0), screenshot_file(1), text_file("x.txt"),
                        screenshot_file(2), UploadFile{"files", "empty.jpg", "image/jpeg", ""}});
    auto c = post("/api/v1/process-batch-fast", body.size(), body);
    ASSERT_EQ(c->read_head().status, 200);
    const auto events = SseReader(*c).rest();
    expect_event_order(events, 5);
    const auto complete = data_of(events.back());
    EXPECT_EQ(complete["total"], 5);
    EXPECT_EQ(complete["successful"], 3);
    EXPECT_EQ(complete["failed"], 2);
    EXPECT_TRUE(complete["average_accuracy"].is_number());
    // Every event carries an id, strictly increasing.
    long previous = 0;
    for (const auto& e : events) {
        const long id = std::stol(e.id);
        EXPECT_GT(id, previous);
        previous = id;
    }
}

// The first result must reach the client while the fourth image cannot have finished: the
// request body stops after three files and is only completed once that result has been read.
void first_result_before_fourth_image(int port, const std::string& target) {
    std::vector<UploadFile> files;
    for (std::size_t i = 0; i < 6; ++i) files.push_back(screenshot_file(i));
    std::string first_three, last_three;
    for (std::size_t i = 0; i < 6; ++i) (i < 3 ? first_three : last_three) += part_bytes(files[i]);
    last_three += closing_bytes();
    HttpConnection c("127.0.0.1", port, std::chrono::seconds(120));
    c.send(HttpConnection::format_request(
        "POST", target, multipart_headers(first_three.size() + last_three.size())));
    c.send(first_three);
    ASSERT_EQ(c.read_head().status, 200);
    SseReader reader(c);
    std::vector<SseEvent> events;
    while (auto e = reader.next()) {
        events.push_back(*e);
        if (e->event == "result" || e->event == "error") break;
    }
    ASSERT_EQ(events.back().event, "result");
    EXPECT_LT(data_of(events.back())["index"].get<int>(), 3);
    for (const auto& e : events)
        if (e.event == "progress") {
            EXPECT_LE(data_of(e)["total"].get<int>(), 3);
        }
    c.send(last_three);
    for (auto& e : reader.rest()) events.push_back(std::move(e));
    expect_event_order(events, 6);
    EXPECT_EQ(data_of(events.back())["successful"], 6);
}

TEST_F(EventStream, SequentialFirstResultArrivesBeforeTheFourthImageFinishes) {
    first_result_before_fourth_image(port(), "/api/v1/process-batch-stream");
}

TEST_F(EventStream, ParallelFirstResultArrivesBeforeTheFourthImageFinishes) {
    first_result_before_fourth_image(port(), "/api/v1/process-batch-fast");
}

TEST_F(EventStream, ParallelProgressCurrentCountsFinishedImages) {
    const std::string body =
        multipart_body({screenshot_file(0), screenshot_file(1), screenshot_file(2)});
    auto c = post("/api/v1/process-batch-fast", body.size(), body);
    ASSERT_EQ(c->read_head().status, 200);
    int finished = 0;
    for (const auto& e : SseReader(*c).rest()) {
        if (e.event == "progress") {
            EXPECT_EQ(data_of(e)["current"], finished);
        }
        if (e.event == "result" || e.event == "error") ++finished;
    }
    EXPECT_EQ(finished, 3);
}

TEST_F(EventStream, BatchLevelProblemsAreJsonNotAStream) {
    for (const char* target : {"/api/v1/process-batch-stream", "/api/v1/process-batch-fast"}) {
        SCOPED_TRACE(target);
        // No file parts at all.
        const std::string empty = multipart_body({UploadFile{"note", "", "text/plain", "hi"}});
        auto r = http_request(port(), "POST", target, multipart_headers(empty.size()), empty);
        EXPECT_EQ(r.status, 400);
        EXPECT_EQ(r.header("content-type").rfind("application/json", 0), 0u);
        EXPECT_EQ(json::parse(r.body)["error_type"], "validation");
        // Not multipart.
        r = http_request(port(), "POST", target, {{"Content-Type", "application/json"}}, "{}");
        EXPECT_EQ(r.status, 415);
        EXPECT_EQ(json::parse(r.body)["error_type"], "unsupported_media_type");
        // Malformed multipart: no closing boundary, and no file arrived whole.
        const std::string broken = "--" + kBoundary +
                                   "\r\nContent-Disposition: form-data; "
                                   "name=\"files\"; filename=\"a.jpg\"\r\n\r\nabc";
        r = http_request(port(), "POST", target, multipart_headers(broken.size()), broken);
        EXPECT_EQ(r.status, 400);
        EXPECT_EQ(json::parse(r.body)["error_type"], "validation");
    }
}

TEST_F(EventStream, DisconnectCancelsImagesNotYetStarted) {
    const json before = get_json(port(), "/api/v1/stats")["batches"];
    std::string body;
    for (std::size_t i = 0; i < 6; ++i) body += part_bytes(screenshot_file(i));
    {
        // Six files arrive; the closing boundary never does. Leaving while the first image is
        // being processed cancels the batch with most images still queued.
        auto c = post("/api/v1/process-batch-stream", body.size() + closing_bytes().size(), body);
        ASSERT_EQ(c->read_head().status, 200);
        SseReader reader(*c);
        while (auto e = reader.next())
            if (e->event == "progress" && data_of(*e)["status"] == "processing") break;
    }  // connection closed
    const json after = wait_for_stats(port(), [&](const json& s) {
        const auto& b = s["batches"];
        const auto settled = [](const json& x) {
            return x["images_processed"].get<long>() + x["images_cancelled"].get<long>() +
                   x["results_dropped"].get<long>() + x["images_failed"].get<long>();
        };
        return b["batches_in_flight"] == 0 && settled(b) - settled(before) == 6;
    })["batches"];
    const long cancelled =
        after["images_cancelled"].get<long>() - before["images_cancelled"].get<long>();
    EXPECT_GE(cancelled, 4) << "sequential: at most the first two images had started";
    const json stats = get_json(port(), "/api/v1/stats");
    EXPECT_GE(stats["images"]["cancelled"].get<long>(), cancelled);
    // The server is fine afterwards.
    const std::string one = multipart_body({screenshot_file(0)});
    auto c = post("/api/v1/process-batch-fast", one.size(), one);
    ASSERT_EQ(c->read_head().status, 200);
    EXPECT_EQ(data_of(SseReader(*c).rest().back())["successful"], 1);
}

}  // namespace
}  // namespace decklist::test
