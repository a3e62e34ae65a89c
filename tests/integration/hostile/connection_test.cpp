// Hostile HTTP clients over real sockets: oversized heads, chunked bodies, Expect:
// 100-continue, slowloris headers, stalled bodies, clients that vanish mid-upload and
// mid-stream, and a thousand idle connections. The suite's server has header_timeout_s 1 and
// read_timeout_s 2.

#include <thread>

#include "hostile_fixture.hpp"

namespace decklist::test {
namespace {

const std::string kType = "multipart/form-data; boundary=" + kBoundary;

std::string upload_head(const std::string& target, const std::string& length_or_chunked,
                        const std::string& extra = "") {
    const bool chunked = length_or_chunked == "chunked";
    return "POST " + target + " HTTP/1.1\r\nHost: t\r\nContent-Type: " + kType + "\r\n" +
           (chunked ? "Transfer-Encoding: chunked\r\n"
                    : "Content-Length: " + length_or_chunked + "\r\n") +
           extra + "\r\n";
}

TEST_F(Hostile, HeadersOverTheLimitAre431) {
    HttpConnection c("127.0.0.1", port());
    c.send(upload_head("/api/v1/process", "10", "X-Big: " + std::string(20000, 'a') + "\r\n"));
    expect_error(c.read_response("POST"), 431, "limit", "headers");
}

TEST_F(Hostile, RequestLineOverTheLimitIs414) {
    HttpConnection c("127.0.0.1", port());
    c.send("POST /api/v1/process?" + std::string(20000, 'q') + " HTTP/1.1\r\nHost: t\r\n\r\n");
    expect_error(c.read_response("POST"), 414, "limit");
}

TEST_F(Hostile, ChunkedUploadIsRead) {
    const std::string body = multipart_body({screenshot_file(0, "file")});
    std::vector<std::string> pieces;
    for (std::size_t at = 0; at < body.size(); at += 50000)
        pieces.push_back(body.substr(at, 50000));
    HttpConnection c("127.0.0.1", port());
    c.send(upload_head("/api/v1/process", "chunked") + HttpConnection::chunked_body(pieces));
    const auto r = c.read_response("POST");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_FALSE(card_names(json::parse(r.body)).empty());
}

TEST_F(Hostile, BrokenChunkedFramingIs400) {
    HttpConnection c("127.0.0.1", port());
    c.send(upload_head("/api/v1/process", "chunked") + "zz\r\nnot hex\r\n0\r\n\r\n");
    const auto r = c.read_response("POST");
    EXPECT_EQ(r.status, 400) << r.body;
}

TEST_F(Hostile, ExpectContinueGets100ThenTheAnswer) {
    const std::string body = multipart_body({screenshot_file(2, "file")});
    HttpConnection c("127.0.0.1", port());
    c.send(upload_head("/api/v1/process", std::to_string(body.size()), "Expect: 100-continue\r\n"));
    // The client waits for the interim answer before sending a byte of the body.
    EXPECT_EQ(c.read_head().status, 100);
    c.send(body);
    const auto r = c.read_response("POST");
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_FALSE(card_names(json::parse(r.body)).empty());
}

TEST_F(Hostile, ExpectContinueOnARefusedUploadGetsTheRefusalNot100) {
    HttpConnection c("127.0.0.1", port());
    c.send(
        "POST /api/v1/process HTTP/1.1\r\nHost: t\r\nContent-Type: image/jpeg\r\n"
        "Content-Length: 5000000\r\nExpect: 100-continue\r\n\r\n");
    const auto r = c.read_head();
    EXPECT_EQ(r.status, 415);
}

TEST_F(Hostile, SlowlorisHeadersAreClosedAfterTheHeaderTimeout) {
    // One header byte every 100 ms never finishes a head; header_timeout_s (1 s) counts from
    // the first byte, so the server hangs up long before the 600 bytes below are sent.
    HttpConnection c("127.0.0.1", port());
    const std::string head = "GET /health HTTP/1.1\r\nHost: t\r\nX-Slow: " + std::string(600, 's');
    std::size_t sent = 0;
    for (; sent < head.size(); ++sent) {
        if (!c.send(head.substr(sent, 1))) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the attack's pace
    }
    EXPECT_LT(sent, head.size()) << "the server kept reading a head for a minute";
    EXPECT_TRUE(c.wait_closed(std::chrono::seconds(10)));
}

// Once the batch is known to be over: nothing in flight, no upload byte held. The beside
// batch finishes in bounded time, so a leak is the only way for this to stay above zero.
void expect_no_batch_left(int port) {
    const auto stats = wait_for_stats(port, [](const json& stats) {
        return stats["batches"]["batches_in_flight"] == 0 &&
               stats["batches"]["upload_bytes_buffered"] == 0;
    });
    EXPECT_EQ(stats["batches"]["batches_in_flight"], 0);
    EXPECT_EQ(stats["batches"]["upload_bytes_buffered"], 0);
}

TEST_F(Hostile, StalledBodyIsAnsweredAfterTheReadTimeout) {
    const std::string body = multipart_body({screenshot_file(0, "file")});
    HttpConnection c("127.0.0.1", port());
    c.send(upload_head("/api/v1/process", std::to_string(body.size())) + body.substr(0, 4096));
    // Nothing more is sent: after read_timeout_s (2 s) the upload counts as broken off, the
    // client is told so, and the connection closes (the rest of the body is never read).
    const auto r = c.read_response("POST");
    EXPECT_EQ(r.status, 400) << r.body;
    EXPECT_EQ(json::parse(r.body)["error_type"], "upload_incomplete");
    EXPECT_EQ(r.header("connection"), "close");
    EXPECT_TRUE(c.wait_closed(std::chrono::seconds(10)));
    expect_no_batch_left(port());
}

TEST_F(Hostile, StalledBodyInARunningStreamEndsItWithWhatArrivedAndFreesItsBatch) {
    const std::string first = part_bytes(screenshot_file(0));
    const std::string second = part_bytes(screenshot_file(1));
    const std::size_t length = first.size() + second.size() + closing_bytes().size();
    HttpConnection c("127.0.0.1", port(), std::chrono::seconds(120));
    c.send(upload_head("/api/v1/process-batch-stream", std::to_string(length)) + first +
           second.substr(0, second.size() / 2));
    ASSERT_EQ(c.read_head().status, 200);
    const auto events = SseReader(c).rest();  // ends with the terminating chunk
    expect_event_order(events, 2);
    ASSERT_EQ(count_events(events, "result"), 1u);
    const auto complete = data_of(events.back());
    EXPECT_EQ(complete["upload_complete"], false);
    EXPECT_EQ(complete["failed"], 1);
    expect_no_batch_left(port());
}

TEST_F(Hostile, ClientVanishingMidUploadFreesItsBatch) {
    const std::string body = multipart_body({screenshot_file(0), screenshot_file(1)});
    {
        HttpConnection c("127.0.0.1", port());
        c.send(upload_head("/api/v1/process-batch-fast", std::to_string(body.size())) +
               body.substr(0, body.size() * 3 / 4));
    }  // closed mid-upload
    expect_no_batch_left(port());
}

TEST_F(Hostile, ClientVanishingMidStreamDoesNotDisturbOthers) {
    const std::string body =
        multipart_body({screenshot_file(0), screenshot_file(1), screenshot_file(2)});
    HttpConnection c("127.0.0.1", port(), std::chrono::seconds(120));
    c.send(HttpConnection::format_request("POST", "/api/v1/process-batch-stream",
                                          multipart_headers(body.size()), body));
    ASSERT_EQ(c.read_head().status, 200);
    SseReader reader(c);
    ASSERT_TRUE(reader.next().has_value());  // the stream is running
    c.close();                               // and its client is gone
    expect_no_batch_left(port());
}

TEST_F(Hostile, AThousandIdleConnections) {
    rlimit files{};
    ::getrlimit(RLIMIT_NOFILE, &files);
    const std::size_t wanted = 1000;
    const std::size_t count =
        std::min<std::size_t>(wanted, files.rlim_cur > 200 ? files.rlim_cur - 200 : 0);
    ASSERT_EQ(count, wanted) << "RLIMIT_NOFILE " << files.rlim_cur << " is too low for this test";
    std::vector<std::unique_ptr<HttpConnection>> idle;
    for (std::size_t i = 0; i < count; ++i)
        idle.push_back(std::make_unique<HttpConnection>("127.0.0.1", port()));
    // With all of them open, the server still answers (the beside batch runs meanwhile).
    EXPECT_EQ(http_request(port(), "GET", "/health").status, 200);
    // None sent a byte: each is closed by the server's timeout, not kept forever.
    std::size_t closed = 0;
    for (auto& c : idle) closed += c->wait_closed(std::chrono::seconds(30)) ? 1 : 0;
    EXPECT_EQ(closed, count);
}

}  // namespace
}  // namespace decklist::test
