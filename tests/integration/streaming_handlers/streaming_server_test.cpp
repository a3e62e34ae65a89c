// The streaming handler interface on a real server over real sockets: the request body
// arrives piece by piece (whole, one byte at a time, chunked, after 100-continue) and parses
// the same; pause() stops reading the socket until resume(); response chunks reach the
// client one at a time as they are written; on_close tells a handler its client left.
// The routes here are registered by the test on an in-process Server; the product's routes
// are tested in tests/integration/server against the real binary.

#include <gtest/gtest.h>

#include <sys/socket.h>

#include <condition_variable>
#include <future>
#include <mutex>
#include <random>
#include <thread>

#include "http/core/responses.hpp"
#include "http/multipart/boundary.hpp"
#include "http/multipart/multipart_parser.hpp"
#include "http/server/server.hpp"
#include "http_client.hpp"

namespace decklist::http {
namespace {

using test::HttpConnection;
using test::HttpResponse;

Response multipart_error_response(const multipart::MultipartError& e) {
    return error_response(e, static_cast<bhttp::status>(e.http_status()));
}

// POST /upload: parses a multipart body as it arrives and answers with what it found.
void upload_handler(const RequestInfo& request, std::shared_ptr<RequestBody> body,
                    std::shared_ptr<ResponseStream> response) {
    std::string boundary;
    try {
        boundary = multipart::boundary_from_content_type(request.header("Content-Type"));
    } catch (const multipart::MultipartError& e) {
        return response->send(multipart_error_response(e));
    }
    struct State {
        nlohmann::json parts = nlohmann::json::array();
        std::optional<multipart::MultipartParser> parser;
        bool failed = false;
    };
    auto state = std::make_shared<State>();
    // The parser lives inside state, so its callbacks hold a plain pointer: a shared_ptr
    // there would be a cycle (state -> parser -> callback -> state) that never frees.
    State* parsed = state.get();
    multipart::Callbacks callbacks;
    callbacks.on_part_begin = [parsed](const multipart::PartInfo& p) {
        parsed->parts.push_back({{"name", p.name},
                                 {"filename", p.filename ? *p.filename : ""},
                                 {"content_type", p.content_type},
                                 {"data", ""}});
    };
    callbacks.on_part_data = [parsed](std::string_view data) {
        parsed->parts.back()["data"] =
            parsed->parts.back()["data"].get<std::string>() + std::string(data);
    };
    state->parser.emplace(boundary, multipart::Limits{}, callbacks);
    body->read(
        [state, response](std::string_view chunk) {
            if (state->failed) return;
            try {
                state->parser->feed(chunk);
            } catch (const multipart::MultipartError& e) {
                state->failed = true;
                response->send(multipart_error_response(e));
            }
        },
        [state, response](std::optional<Error> error) {
            if (state->failed) return;
            if (error) return response->send(error_response(*error));
            try {
                state->parser->finish();
                response->send(json_response(bhttp::status::ok, {{"parts", state->parts}}));
            } catch (const multipart::MultipartError& e) {
                response->send(multipart_error_response(e));
            }
        });
}

// Shared between the test thread and the handlers of the server's threads.
struct Probe {
    std::mutex mutex;
    std::condition_variable changed;
    std::shared_ptr<RequestBody> body;
    std::shared_ptr<ResponseStream> stream;
    std::size_t bytes = 0;
    int chunks = 0;
    int chunks_while_paused = 0;
    bool paused = false;
    bool closed = false;

    template <class Pred>
    void wait(Pred pred) {
        std::unique_lock lock(mutex);
        ASSERT_TRUE(changed.wait_for(lock, std::chrono::seconds(30), pred)) << "probe timed out";
    }
};

class StreamingServerTest : public ::testing::Test {
  protected:
    void SetUp() override {
        ServerConfig config;
        config.bind = "127.0.0.1";
        config.port = 0;
        config.io_threads = 2;
        config.shutdown_grace = std::chrono::seconds(1);
        server = std::make_unique<Server>(config, nullptr);
        auto& router = server->router();
        RouteOptions small;
        small.max_body_bytes = 1024 * 1024;
        small.limit_charge = LimitCharge::none;
        RouteOptions uncounted;  // a test upload counts against no per-client limit
        uncounted.limit_charge = LimitCharge::none;
        router.add_streaming(bhttp::verb::post, "/upload", upload_handler, small);
        router.add_streaming(
            bhttp::verb::post, "/pausing",
            [this](auto&, auto body, auto response) {
                {
                    std::lock_guard lock(probe.mutex);
                    probe.body = body;
                }
                body->read(
                    [this, body](std::string_view chunk) {
                        std::lock_guard lock(probe.mutex);
                        if (probe.paused) ++probe.chunks_while_paused;
                        probe.bytes += chunk.size();
                        ++probe.chunks;
                        probe.paused = true;
                        body->pause();  // every chunk: wait for the test to resume
                        probe.changed.notify_all();
                    },
                    [this, response](std::optional<Error> error) {
                        std::lock_guard lock(probe.mutex);
                        response->send(json_response(bhttp::status::ok,
                                                     {{"bytes", probe.bytes}, {"error", !!error}}));
                    });
            },
            uncounted);
        router.add_streaming(bhttp::verb::get, "/events", [this](auto&, auto, auto response) {
            bhttp::fields headers;
            headers.set(bhttp::field::content_type, "text/event-stream");
            response->write_head(bhttp::status::ok, std::move(headers));
            response->write_chunk("data: 1\n\n");
            response->on_close([this] {
                std::lock_guard lock(probe.mutex);
                probe.closed = true;
                probe.changed.notify_all();
            });
            std::lock_guard lock(probe.mutex);
            probe.stream = response;
            probe.changed.notify_all();
        });
        router.add(bhttp::verb::get, "/ping", [](const Request& r) {
            return json_response(bhttp::status::ok, {{"pong", r.request_id}});
        });
        port = server->listen().port();
        thread = std::thread([this] { server->run(); });
    }
    void TearDown() override {
        server->request_shutdown();
        if (thread.joinable()) thread.join();
    }

    std::unique_ptr<Server> server;
    std::thread thread;
    int port = 0;
    Probe probe;
};

const std::string kBoundary = "XyZ-boundary-123";

std::string sample_multipart() {
    std::mt19937 rng(7);
    std::string image(5000, '\0');
    for (auto& c : image) c = static_cast<char>(rng());
    image += "\r\n--" + kBoundary.substr(0, 5);  // looks like a delimiter start, is not
    const std::string b = "--" + kBoundary;
    return "preamble\r\n" + b +
           "\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\nfast\r\n" + b +
           "\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.jpg\"\r\n" +
           "Content-Type: image/jpeg\r\n\r\n" + image + "\r\n" + b +
           "\r\nContent-Disposition: form-data; name=\"files\"; "
           "filename*=UTF-8''%E5%8D%A1.png\r\n\r\n"
           "second\r\n" +
           b + "--\r\n";
}

std::string upload_head(std::size_t length, const std::string& extra = "") {
    return "POST /upload HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; boundary=" +
           kBoundary + "\r\nContent-Length: " + std::to_string(length) + "\r\n" + extra + "\r\n";
}

TEST_F(StreamingServerTest, BodyOneByteAtATimeParsesLikeOneWrite) {
    const auto body = sample_multipart();
    HttpConnection whole("127.0.0.1", port);
    whole.send(upload_head(body.size()) + body);
    const auto expected = whole.read_response();
    ASSERT_EQ(expected.status, 200) << expected.body;
    const auto parts = nlohmann::json::parse(expected.body)["parts"];
    ASSERT_EQ(parts.size(), 3u);
    EXPECT_EQ(parts[0]["data"], "fast");
    EXPECT_EQ(parts[1]["filename"], "a.jpg");
    EXPECT_EQ(parts[2]["filename"], "卡.png");

    for (std::size_t piece : {1, 7, 1000}) {
        HttpConnection slow("127.0.0.1", port);
        ASSERT_TRUE(slow.send_in_pieces(upload_head(body.size()) + body, piece));
        const auto r = slow.read_response();
        EXPECT_EQ(r.status, 200);
        EXPECT_EQ(r.body, expected.body) << "pieces of " << piece;
    }
}

TEST_F(StreamingServerTest, ChunkedAndExpectContinueBodiesParseTheSame) {
    const auto body = sample_multipart();
    HttpConnection whole("127.0.0.1", port);
    whole.send(upload_head(body.size()) + body);
    const auto expected = whole.read_response().body;

    std::vector<std::string> pieces;
    for (std::size_t at = 0, n = 1; at < body.size(); at += n, n = n * 3 % 1001 + 1)
        pieces.push_back(body.substr(at, n));
    HttpConnection chunked("127.0.0.1", port);
    chunked.send(
        "POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
        "Content-Type: multipart/form-data; boundary=" +
        kBoundary + "\r\n\r\n");
    ASSERT_TRUE(chunked.send_in_pieces(HttpConnection::chunked_body(pieces), 13));
    EXPECT_EQ(chunked.read_response().body, expected);

    HttpConnection expect("127.0.0.1", port);
    expect.send(upload_head(body.size(), "Expect: 100-continue\r\n"));
    EXPECT_EQ(expect.read_head().status, 100);  // nothing of the body was sent yet
    expect.send(body);
    const auto r = expect.read_response();
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, expected);
}

TEST_F(StreamingServerTest, MalformedAndRefusedUploadsGetJsonErrors) {
    const std::string bad =
        "--" + kBoundary + "\r\nContent-Type: text/plain\r\n\r\nx\r\n--" + kBoundary + "--";
    auto r =
        test::http_request(port, "POST", "/upload",
                           {{"Content-Type", "multipart/form-data; boundary=" + kBoundary}}, bad);
    EXPECT_EQ(r.status, 400);
    auto j = nlohmann::json::parse(r.body);
    EXPECT_EQ(j["error_type"], "validation");
    EXPECT_EQ(j["reason"], "missing_content_disposition");

    r = test::http_request(port, "POST", "/upload", {{"Content-Type", "application/json"}}, "{}");
    EXPECT_EQ(r.status, 415);
    EXPECT_EQ(nlohmann::json::parse(r.body)["error_type"], "unsupported_media_type");

    r = test::http_request(port, "POST", "/upload", {{"Content-Type", "multipart/form-data"}}, "x");
    EXPECT_EQ(r.status, 400);
    EXPECT_EQ(nlohmann::json::parse(r.body)["reason"], "missing_boundary");

    // Over the route's 1 MiB: refused from Content-Length, before any body byte is sent.
    HttpConnection big("127.0.0.1", port);
    big.send(upload_head(2 * 1024 * 1024, "Expect: 100-continue\r\n"));
    const auto refused = big.read_response();
    EXPECT_EQ(refused.status, 413);
    EXPECT_EQ(nlohmann::json::parse(refused.body)["error_type"], "limit");
    EXPECT_EQ(refused.header("connection"), "close");

    // Chunked, so only counting can tell: the body limit ends it with a 413 as well.
    HttpConnection chunked("127.0.0.1", port);
    chunked.send(
        "POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
        "Content-Type: multipart/form-data; boundary=" +
        kBoundary + "\r\n\r\n");
    const std::string preamble(2 * 1024 * 1024, 'p');
    chunked.send(HttpConnection::chunked_body({preamble}));
    const auto limited = chunked.read_response();
    EXPECT_EQ(limited.status, 413);
    EXPECT_EQ(nlohmann::json::parse(limited.body)["error_type"], "limit");
}

TEST_F(StreamingServerTest, PauseStopsReadingTheSocketUntilResume) {
    const std::size_t total = 32 * 1024 * 1024;
    const std::string head =
        "POST /pausing HTTP/1.1\r\nHost: t\r\nContent-Length: " + std::to_string(total) +
        "\r\n\r\n";
    const std::string body(total, 'b');
    HttpConnection client("127.0.0.1", port);
    ASSERT_TRUE(client.send(head));

    // The handler pauses after the first chunk and nobody resumes it: the server stops
    // reading, the kernel buffers fill up, and a non-blocking send finally refuses.
    std::size_t sent = 0;
    bool refused = false;
    int fd = client.native_handle();
    while (sent < total) {
        const auto n = ::send(fd, body.data() + sent, std::min<std::size_t>(65536, total - sent),
                              MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            // Only a full pipe counts: wait until the server got its first chunk and paused.
            std::unique_lock lock(probe.mutex);
            if (probe.paused) {
                refused = true;
                break;
            }
            lock.unlock();
            probe.wait([&] { return probe.paused; });
            continue;
        }
        ASSERT_GT(n, 0);
        sent += static_cast<std::size_t>(n);
    }
    ASSERT_TRUE(refused) << "the server kept reading while paused";
    {
        std::lock_guard lock(probe.mutex);
        EXPECT_EQ(probe.chunks, 1);
        EXPECT_LE(probe.bytes, 64u * 1024);
    }

    // Now resume after every chunk, from this thread, while another thread sends the rest.
    std::thread sender([&] { client.send(std::string_view(body).substr(sent)); });
    for (;;) {
        std::shared_ptr<RequestBody> body_source;
        {
            std::unique_lock lock(probe.mutex);
            if (probe.bytes == total) break;
            ASSERT_TRUE(probe.changed.wait_for(lock, std::chrono::seconds(30),
                                               [&] { return probe.paused; }));
            if (probe.bytes == total) break;
            probe.paused = false;
            body_source = probe.body;
        }
        body_source->resume();
    }
    {
        std::lock_guard lock(probe.mutex);
        probe.paused = false;
    }
    probe.body->resume();  // lets the body's end be noticed
    sender.join();
    const auto r = client.read_response();
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(nlohmann::json::parse(r.body)["bytes"], total);
    std::lock_guard lock(probe.mutex);
    EXPECT_EQ(probe.chunks_while_paused, 0);
    EXPECT_GT(probe.chunks, 2);
}

TEST_F(StreamingServerTest, ChunksReachTheClientAsTheyAreWrittenThenKeepAlive) {
    HttpConnection client("127.0.0.1", port);
    client.send("GET /events HTTP/1.1\r\nHost: t\r\nX-Request-ID: stream-42\r\n\r\n");
    const auto head = client.read_head();
    EXPECT_EQ(head.status, 200);
    EXPECT_TRUE(head.chunked());
    EXPECT_EQ(head.header("content-type"), "text/event-stream");
    EXPECT_EQ(head.header("x-request-id"), "stream-42");
    EXPECT_EQ(client.read_chunk(), "data: 1\n\n");

    // The second event does not exist until the client has read the first.
    probe.wait([&] { return probe.stream != nullptr; });
    std::promise<bool> written;
    probe.stream->write_chunk("data: 2\n\n", [&](bool ok) { written.set_value(ok); });
    EXPECT_EQ(client.read_chunk(), "data: 2\n\n");
    EXPECT_TRUE(written.get_future().get());
    probe.stream->write_chunk("");  // empty chunks would end the body: ignored
    probe.stream->finish();
    EXPECT_EQ(client.read_chunk(), std::nullopt);

    // The same connection serves the next request.
    client.send("GET /ping HTTP/1.1\r\nHost: t\r\n\r\n");
    const auto pong = client.read_response();
    EXPECT_EQ(pong.status, 200);
    EXPECT_TRUE(nlohmann::json::parse(pong.body).contains("pong"));
}

TEST_F(StreamingServerTest, OnCloseFiresWhenTheClientLeaves) {
    {
        HttpConnection client("127.0.0.1", port);
        client.send("GET /events HTTP/1.1\r\nHost: t\r\n\r\n");
        EXPECT_EQ(client.read_head().status, 200);
        EXPECT_EQ(client.read_chunk(), "data: 1\n\n");
    }  // closed
    probe.wait([&] { return probe.closed; });
    EXPECT_TRUE(probe.stream->closed());
    std::promise<bool> written;
    probe.stream->write_chunk("data: late\n\n", [&](bool ok) { written.set_value(ok); });
    EXPECT_FALSE(written.get_future().get());
}

TEST_F(StreamingServerTest, ShutdownLetsAnOpenStreamFinishWithinTheGracePeriod) {
    HttpConnection client("127.0.0.1", port);
    client.send("GET /events HTTP/1.1\r\nHost: t\r\n\r\n");
    EXPECT_EQ(client.read_head().status, 200);
    EXPECT_EQ(client.read_chunk(), "data: 1\n\n");
    probe.wait([&] { return probe.stream != nullptr; });

    server->request_shutdown();
    EXPECT_FALSE(probe.stream->closed());
    probe.stream->write_chunk("data: 2\n\n");
    EXPECT_EQ(client.read_chunk(), "data: 2\n\n");
    probe.stream->finish();
    EXPECT_EQ(client.read_chunk(), std::nullopt);
    EXPECT_TRUE(client.wait_closed(std::chrono::seconds(10)));  // no further requests
    thread.join();                                              // run() returned
    std::lock_guard lock(probe.mutex);
    EXPECT_FALSE(probe.closed);
}

TEST_F(StreamingServerTest, ShutdownClosesStreamsThatOutliveTheGracePeriod) {
    HttpConnection client("127.0.0.1", port);
    client.send("GET /events HTTP/1.1\r\nHost: t\r\n\r\n");
    EXPECT_EQ(client.read_head().status, 200);
    EXPECT_EQ(client.read_chunk(), "data: 1\n\n");
    probe.wait([&] { return probe.stream != nullptr; });

    server->request_shutdown();  // shutdown_grace_s is 1 here; the stream never finishes
    probe.wait([&] { return probe.closed; });
    EXPECT_TRUE(client.wait_closed(std::chrono::seconds(10)));
    thread.join();
}

}  // namespace
}  // namespace decklist::http
