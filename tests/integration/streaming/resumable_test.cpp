// Resumable batches: POST /batches, then the event stream with Last-Event-ID replay, the
// status snapshot, DELETE, and expiry.

#include "polling.hpp"
#include "streaming_fixture.hpp"

namespace decklist::test {
namespace {

std::string url(const json& created, const char* key) {
    return created.at(key).get<std::string>();
}

class Resumable : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { server_ = start_server({{"DECKLIST_MAX_WORKERS", "1"}}); }
    static void TearDownTestSuite() { server_.reset(); }
    static int port() { return server_->port(); }

    static json create(const std::vector<UploadFile>& files, const std::string& root = "/api/v1") {
        const std::string body = multipart_body(files);
        const auto r =
            http_request(port(), "POST", root + "/batches", multipart_headers(body.size()), body);
        EXPECT_EQ(r.status, 202) << r.body;
        const auto created = json::parse(r.body);
        EXPECT_EQ(schemas().explain("batch_created.json", created), "");
        return created;
    }

    // Opens the event stream; extra headers e.g. Last-Event-ID.
    static std::unique_ptr<HttpConnection> open_events(
        const std::string& url, std::vector<std::pair<std::string, std::string>> headers = {}) {
        auto c = std::make_unique<HttpConnection>("127.0.0.1", port(), std::chrono::seconds(120));
        c->send(HttpConnection::format_request("GET", url, headers));
        const auto head = c->read_head();
        EXPECT_EQ(head.status, 200);
        EXPECT_EQ(head.header("content-type").rfind("text/event-stream", 0), 0u);
        return c;
    }

    static inline std::unique_ptr<ServerProcess> server_;
};

TEST_F(Resumable, ReconnectWithLastEventIdReplaysExactlyTheRest) {
    const auto created = create({screenshot_file(0), text_file(), screenshot_file(1)});
    const std::string id = created["batch_id"];
    EXPECT_EQ(url(created, "events_url"), "/api/v1/batches/" + id + "/events");
    EXPECT_EQ(url(created, "status_url"), "/api/v1/batches/" + id);

    // First connection: read three events, then drop it mid-batch.
    std::vector<SseEvent> seen;
    {
        auto c = open_events(url(created, "events_url"));
        SseReader reader(*c);
        while (seen.size() < 3) seen.push_back(*reader.next());
    }
    // Reconnect the way EventSource does.
    auto c = open_events(url(created, "events_url"), {{"Last-Event-ID", seen.back().id}});
    for (auto& e : SseReader(*c).rest()) seen.push_back(std::move(e));
    for (std::size_t i = 0; i < seen.size(); ++i)
        EXPECT_EQ(seen[i].id, std::to_string(i + 1)) << "no loss, no duplicate";
    expect_event_order(seen, 3);

    // The same events again from a full replay, and from the query parameter.
    auto full = open_events(url(created, "events_url"));
    const auto replay = SseReader(*full).rest();
    ASSERT_EQ(replay.size(), seen.size());
    for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(replay[i].data, seen[i].data);
    auto tail = open_events(std::string(url(created, "events_url")) +
                            "?last_event_id=" + std::to_string(seen.size() - 1));
    const auto last = SseReader(*tail).rest();
    ASSERT_EQ(last.size(), 1u);
    EXPECT_EQ(last[0].event, "complete");

    const auto status = get_json(port(), url(created, "status_url"));
    EXPECT_EQ(schemas().explain("batch_status.json", status), "");
    EXPECT_EQ(status["state"], "completed");
    EXPECT_EQ(status["results"].size(), 2u);
    EXPECT_EQ(status["errors"].size(), 1u);
    EXPECT_EQ(status["last_event_id"], seen.size());
}

TEST_F(Resumable, IdsCarryTheInstancePrefixAndUnknownIdsAre404) {
    const auto created = create({text_file()}, "/api");
    const std::string id = created["batch_id"];
    EXPECT_NE(id.find('-'), std::string::npos);
    EXPECT_EQ(id.size() - id.find('-') - 1, 32u);  // 128 random bits, hex
    EXPECT_EQ(url(created, "events_url"), "/api/batches/" + id + "/events");
    // The same id with its last hex digit changed (to one it does not already have).
    const std::string other = id.substr(0, id.size() - 1) + (id.back() == '0' ? "1" : "0");
    auto r = http_request(port(), "GET", "/api/v1/batches/" + other);
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(json::parse(r.body)["error_type"], "not_found");
    r = http_request(port(), "GET", "/api/v1/batches/nope/events");
    EXPECT_EQ(r.status, 404);
    r = http_request(port(), "GET", std::string(url(created, "events_url")),
                     {{"Last-Event-ID", "abc"}});
    EXPECT_EQ(r.status, 400);
}

TEST_F(Resumable, DeleteCancelsImagesNotYetStarted) {
    std::vector<UploadFile> files;
    for (std::size_t i = 0; i < 6; ++i) files.push_back(screenshot_file(i));
    const auto created = create(files);  // one worker: most are still queued
    auto r = http_request(port(), "DELETE", url(created, "status_url"));
    ASSERT_EQ(r.status, 200);
    const auto status = json::parse(r.body);
    EXPECT_EQ(schemas().explain("batch_status.json", status), "");
    EXPECT_EQ(status["state"], "cancelled");
    EXPECT_GE(status["cancelled"].get<int>(), 4);
    auto c = open_events(url(created, "events_url"));
    const auto events = SseReader(*c).rest();
    expect_event_order(events, 6);
    EXPECT_EQ(data_of(events.back())["cancelled"], status["cancelled"]);
}

TEST_F(Resumable, BatchLevelProblemsAreRefused) {
    const std::string empty = multipart_body({});
    auto r =
        http_request(port(), "POST", "/api/v1/batches", multipart_headers(empty.size()), empty);
    EXPECT_EQ(r.status, 400);
    r = http_request(port(), "POST", "/api/v1/batches", {{"Content-Type", "text/plain"}}, "x");
    EXPECT_EQ(r.status, 415);
}

TEST(ResumableExpiry, FinishedBatchesAre404AfterTheTtl) {
    auto server = start_server({{"DECKLIST_BATCH_TTL_S", "0.001"}});
    const std::string body = multipart_body({text_file()});
    const auto r = http_request(server->port(), "POST", "/api/v1/batches",
                                multipart_headers(body.size()), body);
    ASSERT_EQ(r.status, 202);
    const auto created = json::parse(r.body);
    // Wait for the batch to finish through its own event stream, then it is gone.
    {
        HttpConnection c("127.0.0.1", server->port());
        c.send(HttpConnection::format_request("GET", url(created, "events_url")));
        const auto head = c.read_head();
        if (head.status == 200) SseReader(c).rest();  // 404 already: it finished and expired
    }
    // The TTL counts from the batch's end, which a fast loopback round trip can beat by less
    // than the 1 ms: the batch must be gone soon after, not necessarily at once.
    EXPECT_TRUE(eventually([&] {
        return http_request(server->port(), "GET", url(created, "status_url")).status == 404;
    }));
}

}  // namespace
}  // namespace decklist::test
