// CORS over real sockets: preflights on every kind of API route, CORS headers on ordinary,
// error and streaming responses, nothing for a disallowed origin, the service's own origin,
// and allowed_origins from the environment.

#include "access_fixture.hpp"

namespace decklist::test {
namespace {

const std::string kLocalApp = "http://localhost:3000";  // in the default config
const std::string kStranger = "https://evil.example";

Headers preflight_for(const std::string& origin, const std::string& method) {
    return {{"Origin", origin},
            {"Access-Control-Request-Method", method},
            {"Access-Control-Request-Headers", "authorization, x-request-id"}};
}

class Cors : public ::testing::Test {
  protected:
    // The repository's config/server.json, unchanged: the default origins.
    static void SetUpTestSuite() { server_ = start_access_server({}); }
    static void TearDownTestSuite() { server_.reset(); }
    static int port() { return server_->port(); }
    static inline std::unique_ptr<ServerProcess> server_;
};

TEST_F(Cors, PreflightIsAnsweredOnEveryApiRouteWithItsMethods) {
    struct Case {
        std::string path, method, methods;
    };
    const Case cases[] = {
        {"/api/v1/process-batch-fast", "POST", "POST, OPTIONS"},
        {"/api/process-batch-stream", "POST", "POST, OPTIONS"},  // the /api alias
        {"/api/v1/process", "POST", "POST, OPTIONS"},
        {"/api/v1/stats", "GET", "GET, HEAD, OPTIONS"},
        {"/api/v1/batches", "POST", "POST, OPTIONS"},
        {"/api/v1/batches/some-batch-id", "DELETE", "GET, DELETE, HEAD, OPTIONS"},  // {id}
        {"/api/batches/some-batch-id/events", "GET", "GET, OPTIONS"},               // {id}/...
        {"/api/v1/deck-codes/ABC", "GET", "GET, HEAD, OPTIONS"},
        {"/api/v1/decklists/some-id", "PATCH", "GET, PATCH, DELETE, HEAD, OPTIONS"},
    };
    for (const auto& c : cases) {
        const auto r = request(port(), "OPTIONS", c.path, preflight_for(kLocalApp, c.method));
        EXPECT_EQ(r.status, 204) << c.path;
        EXPECT_EQ(r.header("access-control-allow-origin"), kLocalApp) << c.path;
        EXPECT_EQ(r.header("vary"), "Origin") << c.path;
        EXPECT_EQ(r.header("access-control-allow-methods"), c.methods) << c.path;
        const auto allowed = r.header("access-control-allow-headers");
        for (auto name : {"Content-Type", "Authorization", "X-API-Key", "Last-Event-ID",
                          "X-Request-ID", "If-Match"})
            EXPECT_NE(allowed.find(name), std::string::npos) << c.path << " " << name;
        EXPECT_GT(std::stoi(r.header("access-control-max-age")), 0) << c.path;
        EXPECT_TRUE(r.body.empty());
    }
}

TEST_F(Cors, PreflightOfAnUnknownApiPathIs404WithCorsHeaders) {
    const auto r =
        request(port(), "OPTIONS", "/api/v1/no-such-route", preflight_for(kLocalApp, "GET"));
    EXPECT_EQ(r.status, 404);
    EXPECT_EQ(json::parse(r.body)["error_type"], "not_found");
    expect_cors_for(r, kLocalApp);
}

TEST_F(Cors, PreflightFromADisallowedOriginHasNoCorsHeaders) {
    const auto r =
        request(port(), "OPTIONS", "/api/v1/process-batch-fast", preflight_for(kStranger, "POST"));
    EXPECT_EQ(r.status, 204);
    expect_no_cors(r);
    EXPECT_EQ(r.header("vary"), "Origin");
}

TEST_F(Cors, OrdinaryAndErrorResponsesCarryTheHeaders) {
    const Headers origin{{"Origin", kLocalApp}};
    const auto ok = request(port(), "GET", "/api/v1/stats", origin);
    EXPECT_EQ(ok.status, 200);
    expect_cors_for(ok, kLocalApp);
    const auto health = request(port(), "GET", "/health", origin);
    EXPECT_EQ(health.status, 200);
    expect_cors_for(health, kLocalApp);
    const auto unknown = request(port(), "GET", "/api/v1/batches/unknown-id", origin);
    EXPECT_EQ(unknown.status, 404);
    expect_cors_for(unknown, kLocalApp);
    const auto wrong_method = request(port(), "DELETE", "/api/v1/stats", origin);
    EXPECT_EQ(wrong_method.status, 405);
    expect_cors_for(wrong_method, kLocalApp);
    const auto bad_request = request(port(), "POST", "/api/v1/process-batch",
                                     with(origin, {{"Content-Type", "text/plain"}}), "x");
    EXPECT_EQ(bad_request.status, 415);
    expect_cors_for(bad_request, kLocalApp);
}

TEST_F(Cors, EventStreamsCarryTheHeaders) {
    const std::string body = multipart_body({text_file("a.txt")});
    auto [c, head] = open_stream(port(), "POST", "/api/v1/process-batch-stream",
                                 multipart(body, {{"Origin", kLocalApp}}), body);
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("content-type").rfind("text/event-stream", 0), 0u);
    expect_cors_for(head, kLocalApp);
    const auto events = SseReader(*c).rest();
    EXPECT_EQ(events.back().event, "complete");

    // A resumable batch read through its GET event stream, as EventSource does.
    const auto created = request(port(), "POST", "/api/v1/batches", multipart(body), body);
    ASSERT_EQ(created.status, 202) << created.body;
    expect_no_cors(created);  // no Origin: no CORS headers
    auto [e, events_head] =
        open_stream(port(), "GET", json::parse(created.body)["events_url"].get<std::string>(),
                    {{"Origin", kLocalApp}});
    EXPECT_EQ(events_head.status, 200);
    expect_cors_for(events_head, kLocalApp);
    EXPECT_EQ(SseReader(*e).rest().back().event, "complete");
}

TEST_F(Cors, ADisallowedOriginGetsNoCorsHeadersAnywhere) {
    const Headers origin{{"Origin", kStranger}};
    expect_no_cors(request(port(), "GET", "/api/v1/stats", origin));
    expect_no_cors(request(port(), "GET", "/api/v1/nothing-here", origin));
    expect_no_cors(request(port(), "DELETE", "/api/v1/stats", origin));
    const std::string body = multipart_body({text_file("a.txt")});
    auto [c, head] =
        open_stream(port(), "POST", "/api/v1/process-batch-stream", multipart(body, origin), body);
    EXPECT_EQ(head.status, 200);
    expect_no_cors(head);
    SseReader(*c).rest();
}

TEST_F(Cors, TheServicesOwnOriginIsAllowed) {
    const std::string own = "http://127.0.0.1:" + std::to_string(port());
    const auto r = request(port(), "GET", "/api/v1/stats",
                           {{"Origin", own}, {"Host", "127.0.0.1:" + std::to_string(port())}});
    expect_cors_for(r, own);
    // The same Origin sent to another name of the service is a foreign page.
    expect_no_cors(
        request(port(), "GET", "/api/v1/stats", {{"Origin", own}, {"Host", "decks.example.com"}}));
}

TEST_F(Cors, RequestIdIsExposedAndEchoed) {
    const auto r =
        request(port(), "GET", "/health", {{"Origin", kLocalApp}, {"X-Request-ID", "browser-42"}});
    EXPECT_EQ(r.header("x-request-id"), "browser-42");
    EXPECT_NE(r.header("access-control-expose-headers").find("X-Request-ID"), std::string::npos);
    // A library editor on another origin reads the revision it must send back in If-Match.
    EXPECT_NE(r.header("access-control-expose-headers").find("ETag"), std::string::npos);
}

TEST(CorsConfig, AllowedOriginsComeFromTheEnvironment) {
    auto server = start_access_server(
        {{"DECKLIST_ALLOWED_ORIGINS", "https://a.example, https://b.example:8443"}});
    const int port = server->port();
    expect_cors_for(request(port, "GET", "/health", {{"Origin", "https://a.example"}}),
                    "https://a.example");
    expect_cors_for(request(port, "GET", "/health", {{"Origin", "https://b.example:8443"}}),
                    "https://b.example:8443");
    // The list replaces the default: localhost:3000 is no longer allowed.
    expect_no_cors(request(port, "GET", "/health", {{"Origin", kLocalApp}}));
    const auto stats = json::parse(request(port, "GET", "/api/v1/stats").body);
    EXPECT_TRUE(stats.contains("access")) << stats.dump();
}

TEST(CorsConfig, WildcardAnswersStar) {
    auto server = start_access_server({{"DECKLIST_ALLOWED_ORIGINS", "*"}});
    const auto r = request(server->port(), "GET", "/api/v1/stats", {{"Origin", kStranger}});
    EXPECT_EQ(r.header("access-control-allow-origin"), "*");
    EXPECT_FALSE(r.has_header("access-control-allow-credentials"));
    const auto pre =
        request(server->port(), "OPTIONS", "/api/v1/process", preflight_for(kStranger, "POST"));
    EXPECT_EQ(pre.status, 204);
    EXPECT_EQ(pre.header("access-control-allow-origin"), "*");
}

TEST(CorsConfig, WildcardWithCredentialsIsRefusedAtStart) {
    ServerProcess::Options options;
    options.env = {{"DECKLIST_ALLOWED_ORIGINS", "*"}, {"DECKLIST_CORS_ALLOW_CREDENTIALS", "true"}};
    options.wait_ready = false;
    ServerProcess server(options);
    EXPECT_EQ(server.wait_exit(), 2);
    const auto log = server.stderr_text();
    EXPECT_NE(log.find("cors_allow_credentials"), std::string::npos) << log;
    EXPECT_EQ(std::count(log.begin(), log.end(), '\n'), 1) << log;
}

TEST(CorsConfig, AMalformedOriginIsRefusedAtStart) {
    ServerProcess::Options options;
    options.env = {{"DECKLIST_ALLOWED_ORIGINS", "https://a.example/app/"}};
    options.wait_ready = false;
    ServerProcess server(options);
    EXPECT_EQ(server.wait_exit(), 2);
    EXPECT_NE(server.stderr_text().find("allowed_origins"), std::string::npos);
}

}  // namespace
}  // namespace decklist::test
