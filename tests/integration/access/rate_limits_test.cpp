// Per-client limits over real sockets: concurrent batches and images per minute, 429 with
// Retry-After at request start, rate_limited error events inside a stream, per-key clients,
// and the access counters in /api/v1/stats.

#include "access_fixture.hpp"

namespace decklist::test {
namespace {

void expect_rate_limited(const HttpResponse& r, const std::string& limit) {
    EXPECT_EQ(r.status, 429) << r.body;
    const int retry_after = std::stoi(r.header("retry-after"));
    EXPECT_GE(retry_after, 1);
    const auto body = json::parse(r.body);
    EXPECT_EQ(body["error_type"], "rate_limited");
    EXPECT_EQ(body["detail"], body["error"]);
    EXPECT_EQ(body["limit"], limit);
    EXPECT_EQ(body["retry_after_s"], retry_after);
}

// The head of a batch upload whose body never finishes: the batch stays running.
std::unique_ptr<HttpConnection> start_endless_batch(int port, const std::string& route,
                                                    Headers extra = {}) {
    auto c = std::make_unique<HttpConnection>("127.0.0.1", port);
    const std::string first_part_head = "--" + kBoundary +
                                        "\r\nContent-Disposition: form-data; name=\"files\"; "
                                        "filename=\"slow.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n";
    c->send(HttpConnection::format_request(
                "POST", route,
                {{"Content-Type", "multipart/form-data; boundary=" + kBoundary},
                 {"Content-Length", std::to_string(10 * 1024 * 1024)}}) +
            first_part_head + "partial bytes");
    // Polling with a second batch before the server has admitted this one would race it for
    // the client's slot (and may win it): wait until this batch is running.
    wait_for_stats(port, [](const json& s) { return s["batches"]["in_flight"].get<int>() >= 1; });
    return c;
}

TEST(ConcurrentBatches, TheLimitIsPerClientAndFreedWhenABatchEnds) {
    auto server = start_access_server({{"DECKLIST_MAX_CONCURRENT_BATCHES_PER_CLIENT", "1"},
                                       {"DECKLIST_IMAGES_PER_MINUTE_PER_CLIENT", "0"}});
    const int port = server->port();
    auto running = start_endless_batch(port, "/api/v1/process-batch-stream");
    // The first batch holds the client's only slot once the server has taken it: poll with
    // a request that would start a second one.
    const std::string body = multipart_body({text_file("a.txt")});
    HttpResponse refused;
    ASSERT_TRUE(eventually([&] {
        refused = request(port, "POST", "/api/v1/process-batch", multipart(body), body);
        return refused.status == 429;
    }));
    expect_rate_limited(refused, "max_concurrent_batches_per_client");
    // Every batch route counts; /process (one image) and reads do not.
    expect_rate_limited(request(port, "POST", "/api/batches",
                                multipart(body, {{"Origin", "http://localhost:3000"}}), body),
                        "max_concurrent_batches_per_client");
    const auto single = request(port, "POST", "/api/v1/process",
                                multipart(multipart_body({text_file("b.txt", "file")})),
                                multipart_body({text_file("b.txt", "file")}));
    EXPECT_NE(single.status, 429) << single.body;
    EXPECT_EQ(request(port, "GET", "/api/v1/stats").status, 200);

    const auto stats = json::parse(request(port, "GET", "/api/v1/stats").body);
    EXPECT_GE(stats["access"]["rejected_rate_limited"].get<int>(), 2);
    EXPECT_GE(stats["access"]["clients"].get<int>(), 1);

    // The client goes away: its batch is cancelled and the slot comes back.
    running.reset();
    HttpResponse accepted;
    EXPECT_TRUE(eventually([&] {
        accepted = request(port, "POST", "/api/v1/process-batch", multipart(body), body);
        return accepted.status != 429;
    }));
    EXPECT_EQ(accepted.status, 200) << accepted.body;
}

TEST(ConcurrentBatches, A429IsReadableByAnAllowedOrigin) {
    auto server = start_access_server({{"DECKLIST_MAX_CONCURRENT_BATCHES_PER_CLIENT", "1"}});
    const int port = server->port();
    auto running = start_endless_batch(port, "/api/v1/process-batch-fast");
    const std::string body = multipart_body({text_file("a.txt")});
    HttpResponse refused;
    ASSERT_TRUE(eventually([&] {
        refused = request(port, "POST", "/api/v1/process-batch-fast",
                          multipart(body, {{"Origin", "http://localhost:3000"}}), body);
        return refused.status == 429;
    }));
    expect_cors_for(refused, "http://localhost:3000");
}

TEST(ConcurrentBatches, BehindALoopbackProxyTheForwardedAddressIsTheClient) {
    auto server = start_access_server({{"DECKLIST_MAX_CONCURRENT_BATCHES_PER_CLIENT", "1"}});
    const int port = server->port();
    // As nginx sends it: the client's address last.
    const Headers first{{"X-Forwarded-For", "10.0.0.1, 198.51.100.1"}};
    const Headers second{{"X-Forwarded-For", "198.51.100.2"}};
    auto running = start_endless_batch(port, "/api/v1/process-batch-stream", first);
    const std::string body = multipart_body({text_file("a.txt")});
    ASSERT_TRUE(eventually([&] {
        return request(port, "POST", "/api/v1/process-batch",
                       multipart(body, {{"X-Forwarded-For", "198.51.100.1"}}), body)
                   .status == 429;
    }));
    const auto other =
        request(port, "POST", "/api/v1/process-batch", multipart(body, second), body);
    EXPECT_EQ(other.status, 200) << other.body;
}

class ImagesPerMinute : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        keys_ = std::make_unique<KeysFile>();
        keys_->write({{"key-of-alice-000000000000000000000", "alice"},
                      {"key-of-bob-00000000000000000000000", "bob"},
                      {"key-of-carol-000000000000000000000", "carol"}});
        server_ = start_access_server({{"DECKLIST_IMAGES_PER_MINUTE_PER_CLIENT", "3"},
                                       {"DECKLIST_API_KEYS_FILE", keys_->path()}});
    }
    static void TearDownTestSuite() {
        server_.reset();
        keys_.reset();
    }
    static int port() { return server_->port(); }
    static Headers as(const std::string& who) {
        return {{"X-API-Key",
                 "key-of-" + who +
                     (who == "bob" ? "-00000000000000000000000" : "-000000000000000000000")}};
    }
    static inline std::unique_ptr<KeysFile> keys_;
    static inline std::unique_ptr<ServerProcess> server_;
};

TEST_F(ImagesPerMinute, FilesPastTheBudgetGetRateLimitedEventsThenRequestsGet429) {
    // Five files, three tokens: files 0-2 are taken (and fail as text), 3 and 4 are refused.
    const std::string body =
        multipart_body({text_file("0.txt"), text_file("1.txt"), text_file("2.txt"),
                        text_file("3.txt"), text_file("4.txt")});
    auto [c, head] = open_stream(port(), "POST", "/api/v1/process-batch-stream",
                                 multipart(body, as("alice")), body);
    ASSERT_EQ(head.status, 200);
    const auto events = SseReader(*c).rest();
    expect_event_order(events, 5);
    std::map<int, std::string> error_types;
    for (const auto& e : events)
        if (e.event == "error") error_types[data_of(e)["index"]] = data_of(e)["error_type"];
    ASSERT_EQ(error_types.size(), 5u);
    for (int i = 0; i < 3; ++i) EXPECT_EQ(error_types[i], "validation") << i;
    for (int i = 3; i < 5; ++i) EXPECT_EQ(error_types[i], "rate_limited") << i;
    for (const auto& e : events)
        if (e.event == "error" && data_of(e)["index"] == 3) {
            EXPECT_NE(data_of(e)["error"].get<std::string>().find("images_per_minute_per_client"),
                      std::string::npos);
            EXPECT_GE(data_of(e)["retry_after_s"].get<int>(), 1);
        }

    // The bucket is empty: the next upload is refused before it starts.
    const std::string one = multipart_body({text_file("5.txt", "file")});
    const auto refused =
        request(port(), "POST", "/api/v1/process", multipart(one, as("alice")), one);
    expect_rate_limited(refused, "images_per_minute_per_client");
    // 3 per minute: a token every 20 s, at most 20 s away.
    EXPECT_LE(std::stoi(refused.header("retry-after")), 20);

    // Bob is another client with a budget of his own.
    const auto bob = request(port(), "POST", "/api/v1/process", multipart(one, as("bob")), one);
    EXPECT_NE(bob.status, 429) << bob.body;

    const auto stats = json::parse(request(port(), "GET", "/api/v1/stats", as("bob")).body);
    EXPECT_EQ(stats["access"]["images_rate_limited"], 2);
    EXPECT_EQ(stats["access"]["rejected_rate_limited"], 1);
    EXPECT_GE(stats["access"]["clients"].get<int>(), 2);
}

TEST_F(ImagesPerMinute, AnImageThatFindsTheBucketEmptyAfterAdmissionStill429sWithRetryAfter) {
    // Four single-image requests are admitted while carol still has tokens (each waits for its
    // 100 Continue, which the server sends only after the access check), then their files
    // arrive one after another: three take the three tokens, the last finds none.
    const std::string one = multipart_body({text_file("x.txt", "file")});
    Headers head = multipart(one, as("carol"));
    head.push_back({"Expect", "100-continue"});
    std::vector<std::unique_ptr<HttpConnection>> admitted;
    for (int i = 0; i < 4; ++i) {
        admitted.push_back(std::make_unique<HttpConnection>("127.0.0.1", port()));
        admitted.back()->send(HttpConnection::format_request("POST", "/api/v1/process", head));
        ASSERT_EQ(admitted.back()->read_head().status, 100);
    }
    for (int i = 0; i < 4; ++i) {
        admitted[i]->send(one);
        const auto r = admitted[i]->read_response("POST");
        if (i < 3) {
            EXPECT_EQ(r.status, 400) << r.body;  // a text file: the token was spent on it
        } else {
            expect_rate_limited(r, "images_per_minute_per_client");
        }
    }
}

// Every route that takes uploads counts them: with one image a minute, a client's second
// upload to any of them is refused, whichever route it tries.
TEST(ImagesPerMinuteOnEveryUploadRoute, TheSecondUploadOfAClientIsRefused) {
    const std::pair<const char*, const char*> routes[] = {{"/api/v1/process", "file"},
                                                          {"/api/v1/process-stream", "file"},
                                                          {"/api/v1/process-batch", "files"},
                                                          {"/api/v1/process-batch-stream", "files"},
                                                          {"/api/v1/process-batch-fast", "files"},
                                                          {"/api/v1/batches", "files"}};
    KeysFile keys;
    std::map<std::string, std::string> key_to_label;
    auto key_of = [](std::size_t i) {
        return "key-of-route-" + std::to_string(i) + "-00000000000000000000";
    };
    for (std::size_t i = 0; i < std::size(routes); ++i)
        key_to_label[key_of(i)] = "route-" + std::to_string(i);
    keys.write(key_to_label);
    const auto server = start_access_server(
        {{"DECKLIST_IMAGES_PER_MINUTE_PER_CLIENT", "1"}, {"DECKLIST_API_KEYS_FILE", keys.path()}});
    for (std::size_t i = 0; i < std::size(routes); ++i) {
        const auto [route, field] = routes[i];
        SCOPED_TRACE(route);
        const Headers key{{"X-API-Key", key_of(i)}};
        const std::string body = multipart_body({text_file("a.txt", field)});
        const auto first = request(server->port(), "POST", route, multipart(body, key), body);
        EXPECT_NE(first.status, 429) << first.body;
        const auto second = request(server->port(), "POST", route, multipart(body, key), body);
        expect_rate_limited(second, "images_per_minute_per_client");
    }
}

}  // namespace
}  // namespace decklist::test
