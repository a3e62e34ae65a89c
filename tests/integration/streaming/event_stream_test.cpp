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

TEST_F(EventStream, HeadersAndFramingThatLineSplittingClientsRead) {
    const std::string body = multipart_body({screenshot_file(0)});
    auto c = post("/api/v1/process-batch-stream", body.size(), body);
    const auto head = c->read_head();
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("content-type"), "text/event-stream");
    EXPECT_EQ(head.header("cache-control"), "no-cache");
    EXPECT_EQ(head.header("x-accel-buffering"), "no");
    EXPECT_EQ(head.header("connection"), "keep-alive");
    EXPECT_TRUE(head.chunked());
    SseReader reader(*c);
    const auto events = reader.rest();
    EXPECT_FALSE(reader.parser().retry_ms().has_value()) << "no retry block on a POST stream";
    expect_event_order(events, 1);
    ASSERT_EQ(count_events(events, "result"), 1u);
    // Every block is "event: X" then "data: {json on one line}" (an id may follow).
    std::string_view raw = reader.raw();
    while (!raw.empty()) {
        const auto end = raw.find("\n\n");
        ASSERT_NE(end, std::string_view::npos);
        const std::string_view block = raw.substr(0, end);
        raw.remove_prefix(end + 2);
        ASSERT_EQ(block.rfind("event: ", 0), 0u) << block;
        const auto second = block.find('\n') + 1;
        ASSERT_EQ(block.substr(second).rfind("data: ", 0), 0u) << block;
        const auto data_end = block.find('\n', second);
        const auto data =
            json::parse(block.substr(second + 6, data_end - second - 6), nullptr, false);
        EXPECT_FALSE(data.is_discarded()) << block;
    }
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
    // One progress event per file, before its result or error.
    for (const auto& e : events)
        if (e.event == "progress") {
            const auto d = data_of(e);
            EXPECT_EQ(d["status"], "processing");
            EXPECT_EQ(d["current"], d["index"].get<int>() + 1);
            EXPECT_EQ(d["total"], 4);
        }
    EXPECT_EQ(count_events(events, "progress"), 4u);

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

TEST_F(EventStream, ProgressStagesOnRequest) {
    const std::string body = multipart_body({screenshot_file(0), text_file("a.txt")});
    auto c = post("/api/v1/process-batch-stream?progress=stages", body.size(), body);
    ASSERT_EQ(c->read_head().status, 200);
    const auto events = SseReader(*c).rest();
    expect_event_order(events, 2);
    std::vector<std::string> first_image;
    for (const auto& e : events)
        if (e.event != "complete" && data_of(e)["index"] == 0)
            first_image.push_back(e.event == "progress" ? std::string(data_of(e)["status"])
                                                        : e.event);
    EXPECT_EQ(first_image, (std::vector<std::string>{"validating", "processing", "result"}));
}

TEST_F(EventStream, UnknownSwitchValuesAre400) {
    const std::string body = multipart_body({screenshot_file(0)});
    for (const char* query : {"?duplex=maybe", "?progress=all"}) {
        auto r = http_request(port(), "POST", std::string("/api/v1/process-batch-fast") + query,
                              multipart_headers(body.size()), body);
        EXPECT_EQ(r.status, 400) << query;
        EXPECT_EQ(json::parse(r.body)["error_type"], "validation") << query;
    }
}

// By default nothing of the response leaves before the whole body has arrived (reverse
// proxies stop forwarding a body once its response has begun), while the images that did
// arrive are processed all the same.
void nothing_before_the_upload_ends(int port, const std::string& target) {
    const json before = get_json(port, "/api/v1/stats")["batches"];
    std::vector<UploadFile> files;
    for (std::size_t i = 0; i < 4; ++i) files.push_back(screenshot_file(i));
    std::string first_two, last_two;
    for (std::size_t i = 0; i < 4; ++i) (i < 2 ? first_two : last_two) += part_bytes(files[i]);
    last_two += closing_bytes();
    HttpConnection c("127.0.0.1", port, std::chrono::seconds(120));
    c.send(HttpConnection::format_request("POST", target,
                                          multipart_headers(first_two.size() + last_two.size())));
    c.send(first_two);
    wait_for_stats(port, [&](const json& s) {
        return s["batches"]["images_processed"].get<long>() >
               before["images_processed"].get<long>();
    });
    pollfd readable{c.native_handle(), POLLIN, 0};
    EXPECT_EQ(::poll(&readable, 1, 0), 0) << "the response began before the upload ended";
    c.send(last_two);
    ASSERT_EQ(c.read_head().status, 200);
    const auto events = SseReader(c).rest();
    expect_event_order(events, 4);
    for (const auto& e : events)
        if (e.event == "progress") {
            EXPECT_EQ(data_of(e)["total"], 4) << "the count is final once the upload ended";
        }
    EXPECT_EQ(data_of(events.back())["successful"], 4);
    EXPECT_EQ(data_of(events.back())["upload_complete"], true);
}

TEST_F(EventStream, SequentialStreamWaitsForTheWholeUpload) {
    nothing_before_the_upload_ends(port(), "/api/v1/process-batch-stream");
}

TEST_F(EventStream, ParallelStreamWaitsForTheWholeUpload) {
    nothing_before_the_upload_ends(port(), "/api/v1/process-batch-fast");
}

// Full duplex (?duplex=1): the first result must reach the client while the fourth image
// cannot have finished: the request body stops after three files and is only completed once
// that result has been read.
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

TEST_F(EventStream, DuplexSequentialFirstResultArrivesBeforeTheFourthImageFinishes) {
    first_result_before_fourth_image(port(), "/api/v1/process-batch-stream?duplex=1");
}

TEST_F(EventStream, DuplexParallelFirstResultArrivesBeforeTheFourthImageFinishes) {
    first_result_before_fourth_image(port(), "/api/v1/process-batch-fast?duplex=true");
}

// An operator whose clients all read while they send turns full duplex on for every stream;
// a request can still ask for the proxy-safe order with ?duplex=0.
TEST(EventStreamConfig, FullDuplexFromTheConfigAndOffPerRequest) {
    auto server = start_server({{"DECKLIST_FULL_DUPLEX_STREAMS", "true"}});
    first_result_before_fourth_image(server->port(), "/api/v1/process-batch-stream");
    nothing_before_the_upload_ends(server->port(), "/api/v1/process-batch-fast?duplex=0");
}

TEST_F(EventStream, ParallelProgressCurrentIsTheFilePosition) {
    const std::string body =
        multipart_body({screenshot_file(0), screenshot_file(1), screenshot_file(2)});
    auto c = post("/api/v1/process-batch-fast", body.size(), body);
    ASSERT_EQ(c->read_head().status, 200);
    int finished = 0, progress = 0;
    for (const auto& e : SseReader(*c).rest()) {
        if (e.event == "progress") {
            ++progress;
            EXPECT_EQ(data_of(e)["current"], data_of(e)["index"].get<int>() + 1);
            EXPECT_EQ(data_of(e)["total"], 3);
        }
        if (e.event == "result" || e.event == "error") ++finished;
    }
    EXPECT_EQ(finished, 3);
    EXPECT_EQ(progress, 3);
}

TEST_F(EventStream, SingleImageStream) {
    const std::string body = multipart_body({screenshot_file(0, "file")});
    auto c = post("/api/v1/process-stream", body.size(), body);
    ASSERT_EQ(c->read_head().status, 200);
    const auto events = SseReader(*c).rest();
    expect_event_order(events, 1);
    ASSERT_EQ(events.size(), 3u);
    EXPECT_EQ(events[1].event, "result");
    EXPECT_EQ(data_of(events[2])["successful"], 1);
    // Its part is "file", as on /process.
    const std::string wrong = multipart_body({screenshot_file(0, "files")});
    auto r = http_request(port(), "POST", "/api/v1/process-stream", multipart_headers(wrong.size()),
                          wrong);
    EXPECT_EQ(r.status, 400);
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
        auto c = post("/api/v1/process-batch-stream?duplex=1", body.size() + closing_bytes().size(),
                      body);
        ASSERT_EQ(c->read_head().status, 200);
        SseReader reader(*c);
        while (auto e = reader.next())
            if (e->event == "progress") break;
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
