// SIGTERM while event streams run: every stream either finishes within the grace period or
// ends with error events of type "cancelled" and its complete event, no frame is cut in half,
// and the process exits 0. Cases: a grace period long enough for the batches (nothing is
// cancelled), one far too short, and an upload that is still arriving.

#include <signal.h>

#include "streaming_fixture.hpp"

namespace decklist::test {
namespace {

struct StreamOutcome {
    int status = 0;
    std::vector<SseEvent> events;
    std::string raw;
    bool terminated = false;  // the chunked body ended with its terminating chunk
    std::string failure;
};

// Opens a 3-screenshot stream and returns once an event shows that all three files have
// arrived (progress.total counts the files received so far), so the signal below lands while
// every stream is running and none is still uploading: a slow (sanitized) server may not
// have read the tail of a body yet when the client's send() returns.
class RunningStream {
  public:
    explicit RunningStream(int port)
        : connection_("127.0.0.1", port, std::chrono::seconds(120)), reader_(connection_) {
        const std::string body =
            multipart_body({screenshot_file(0), screenshot_file(1), screenshot_file(2)});
        connection_.send(HttpConnection::format_request("POST", "/api/v1/process-batch-fast",
                                                        multipart_headers(body.size()), body));
        outcome_.status = connection_.read_head().status;
        if (outcome_.status != 200) return;
        while (auto e = reader_.next()) {
            outcome_.events.push_back(*e);
            const auto data = json::parse(e->data, nullptr, false);
            if (data.is_object() && data.value("total", 0) == 3) break;
        }
    }
    StreamOutcome finish() {
        try {
            while (auto e = reader_.next()) outcome_.events.push_back(std::move(*e));
            outcome_.terminated = true;
        } catch (const std::exception& e) {
            outcome_.failure = e.what();
        }
        outcome_.raw = reader_.raw();
        return outcome_;
    }

  private:
    HttpConnection connection_;
    SseReader reader_;  // checks every event against its schema
    StreamOutcome outcome_;
};

void expect_finished_or_cancelled(const StreamOutcome& s, std::size_t total) {
    EXPECT_EQ(s.failure, "");
    ASSERT_EQ(s.status, 200);
    EXPECT_TRUE(s.terminated) << "stream cut without its terminating chunk";
    // No half-written frame: the bytes end exactly at an event boundary.
    ASSERT_GE(s.raw.size(), 2u);
    EXPECT_EQ(s.raw.substr(s.raw.size() - 2), "\n\n");
    expect_event_order(s.events, total);
    ASSERT_FALSE(s.events.empty());
    ASSERT_EQ(s.events.back().event, "complete");
    const auto complete = data_of(s.events.back());
    for (const auto& e : s.events)
        if (e.event == "error") {
            EXPECT_EQ(data_of(e)["error_type"], "cancelled") << e.data;
        }
    EXPECT_EQ(complete["total"], total);
    EXPECT_EQ(complete["successful"].get<std::size_t>() + complete["failed"].get<std::size_t>() +
                  complete["cancelled"].get<std::size_t>(),
              total);
}

ServerProcess::Options server_with_grace(const std::string& grace_s) {
    ServerProcess::Options options;
    options.env = {{"DECKLIST_LOG_LEVEL", "warn"},
                   {"DECKLIST_MAX_WORKERS", "2"},
                   {"DECKLIST_SHUTDOWN_GRACE_S", grace_s}};
    return options;
}

// Returns how many images the streams reported cancelled.
int sigterm_under_load(const std::string& grace_s) {
    ServerProcess server(server_with_grace(grace_s));
    std::vector<std::unique_ptr<RunningStream>> streams;
    for (int i = 0; i < 3; ++i) streams.push_back(std::make_unique<RunningStream>(server.port()));
    server.signal(SIGTERM);
    int cancelled = 0;
    for (auto& s : streams) {
        const auto outcome = s->finish();
        expect_finished_or_cancelled(outcome, 3);
        if (!outcome.events.empty() && outcome.events.back().event == "complete")
            cancelled += data_of(outcome.events.back())["cancelled"].get<int>();
    }
    EXPECT_EQ(server.wait_exit(std::chrono::seconds(120)), 0) << server.stderr_text();
    return cancelled;
}

TEST(Shutdown, SigtermWithAmpleGraceLetsStreamsFinishAndExitsZero) {
    // 9 images on 2 workers take a few seconds: all of them are read, none cancelled.
    EXPECT_EQ(sigterm_under_load("120"), 0);
}

TEST(Shutdown, SigtermWithShortGraceCancelsStreamsCleanlyAndExitsZero) {
    // 9 images on 2 workers cannot all finish in 0.2 s: some must be reported cancelled.
    EXPECT_GT(sigterm_under_load("0.2"), 0);
}

// The client has sent one whole file and half of the next, then goes quiet: when the grace
// period is over the batch is cancelled with the body unfinished. The stream must still end
// with its complete event, and the reader of the unfinished body must be let go (a sanitized
// server exits 1 on a leak at exit).
void sigterm_while_uploading(bool duplex) {
    auto options = server_with_grace("1");
    options.env.push_back({"DECKLIST_READ_TIMEOUT_S", "300"});  // the grace period ends it
    ServerProcess server(options);
    const std::string first = part_bytes(screenshot_file(0));
    const std::string second = part_bytes(screenshot_file(1));
    const std::string body = first + second + closing_bytes();
    HttpConnection connection("127.0.0.1", server.port(), std::chrono::seconds(120));
    connection.send(HttpConnection::format_request(
        "POST", duplex ? "/api/v1/process-batch-stream?duplex=1" : "/api/v1/process-batch-stream",
        multipart_headers(body.size()), ""));
    connection.send(first + second.substr(0, second.size() / 2));
    std::vector<SseEvent> events;
    SseReader reader(connection);
    if (duplex) {
        // The stream is open: its first progress event says the first file is being handled.
        ASSERT_EQ(connection.read_head().status, 200);
        while (auto e = reader.next()) {
            events.push_back(*e);
            if (e->event == "progress") break;
        }
        server.signal(SIGTERM);
    } else {
        // Nothing has been sent yet (the response waits for the upload): the server's own
        // counters say when the first file is in the pool.
        wait_for_stats(server.port(), [](const json& s) {
            return s["workers"]["busy"].get<int>() > 0 ||
                   s["batches"]["images_processed"].get<long>() > 0;
        });
        server.signal(SIGTERM);
        ASSERT_EQ(connection.read_head().status, 200);
    }
    for (auto& e : reader.rest()) events.push_back(std::move(e));
    ASSERT_FALSE(events.empty());
    ASSERT_EQ(events.back().event, "complete") << reader.raw();
    const auto complete = data_of(events.back());
    expect_event_order(events, complete["total"].get<std::size_t>());
    EXPECT_GE(complete["total"].get<int>(), 1);
    EXPECT_EQ(complete["successful"].get<int>() + complete["failed"].get<int>() +
                  complete["cancelled"].get<int>(),
              complete["total"].get<int>());
    EXPECT_EQ(server.wait_exit(std::chrono::seconds(120)), 0) << server.stderr_text();
}

TEST(Shutdown, SigtermWhileAnUploadIsStillArrivingEndsTheHeldStreamAndExitsZero) {
    sigterm_while_uploading(false);
}

TEST(Shutdown, SigtermWhileADuplexUploadIsStillArrivingEndsTheStreamAndExitsZero) {
    sigterm_while_uploading(true);
}

}  // namespace
}  // namespace decklist::test
