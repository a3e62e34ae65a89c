// API keys over real sockets: where a key is needed, the three ways to present one, wrong
// and missing keys, batches visible only to the key that created them, the log, and the
// SIGHUP reload of the keys file.

#include <csignal>
#include <regex>

#include "access_fixture.hpp"

namespace decklist::test {
namespace {

const std::string kAliceKey = "alice-0123456789abcdef0123456789abcdef";
const std::string kBobKey = "bob-fedcba9876543210fedcba9876543210";

Headers bearer(const std::string& key) {
    return {{"Authorization", "Bearer " + key}};
}

void expect_unauthorized(const HttpResponse& r) {
    EXPECT_EQ(r.status, 401) << r.body;
    EXPECT_EQ(r.header("www-authenticate").rfind("Bearer", 0), 0u);
    const auto body = json::parse(r.body);
    EXPECT_EQ(body["error_type"], "unauthorized");
    EXPECT_FALSE(body["error"].get<std::string>().empty());
}

class Keys : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        keys_ = std::make_unique<KeysFile>();
        keys_->write({{kAliceKey, "alice"}, {kBobKey, "bob"}});
        server_ = start_access_server(
            {{"DECKLIST_API_KEYS_FILE", keys_->path()}, {"DECKLIST_LOG_LEVEL", "info"}});
    }
    static void TearDownTestSuite() {
        server_.reset();
        keys_.reset();
    }
    static int port() { return server_->port(); }

    // A resumable batch of one text file (fails fast, no OCR), created with `key`.
    static json create_batch(const std::string& key) {
        const std::string body = multipart_body({text_file("a.txt")});
        const auto r =
            request(port(), "POST", "/api/v1/batches", multipart(body, bearer(key)), body);
        EXPECT_EQ(r.status, 202) << r.body;
        return json::parse(r.body);
    }

    static inline std::unique_ptr<KeysFile> keys_;
    static inline std::unique_ptr<ServerProcess> server_;
};

TEST_F(Keys, HealthStaticFilesAndPreflightsNeedNoKey) {
    EXPECT_EQ(request(port(), "GET", "/health").status, 200);
    EXPECT_EQ(request(port(), "GET", "/api/v1/health").status, 200);
    EXPECT_NE(request(port(), "GET", "/").status, 401);
    const auto pre = request(port(), "OPTIONS", "/api/v1/stats",
                             {{"Origin", "http://localhost:3000"},
                              {"Access-Control-Request-Method", "GET"},
                              {"Access-Control-Request-Headers", "authorization"}});
    EXPECT_EQ(pre.status, 204);
    EXPECT_EQ(pre.header("access-control-allow-origin"), "http://localhost:3000");
}

TEST_F(Keys, ApiRoutesNeedAKey) {
    expect_unauthorized(request(port(), "GET", "/api/v1/stats"));
    expect_unauthorized(request(port(), "GET", "/api/stats"));
    expect_unauthorized(request(port(), "GET", "/api/v1/batches/some-id"));
    const std::string body = multipart_body({text_file("a.txt")});
    expect_unauthorized(
        request(port(), "POST", "/api/v1/process-batch-fast", multipart(body), body));
    expect_unauthorized(request(port(), "POST", "/api/v1/process", multipart(body), body));
}

TEST_F(Keys, A401IsReadableByAnAllowedOrigin) {
    const auto r = request(port(), "GET", "/api/v1/stats", {{"Origin", "http://localhost:3000"}});
    expect_unauthorized(r);
    expect_cors_for(r, "http://localhost:3000");
    EXPECT_NE(r.header("access-control-expose-headers").find("WWW-Authenticate"),
              std::string::npos);
}

TEST_F(Keys, BearerAndXApiKeyAreAccepted) {
    EXPECT_EQ(request(port(), "GET", "/api/v1/stats", bearer(kAliceKey)).status, 200);
    EXPECT_EQ(
        request(port(), "GET", "/api/v1/stats", {{"Authorization", "bearer " + kBobKey}}).status,
        200);
    EXPECT_EQ(request(port(), "GET", "/api/v1/stats", {{"X-API-Key", kBobKey}}).status, 200);
}

TEST_F(Keys, WrongKeysAreRefused) {
    expect_unauthorized(request(port(), "GET", "/api/v1/stats", bearer("not-a-key")));
    expect_unauthorized(request(port(), "GET", "/api/v1/stats", {{"X-API-Key", kAliceKey + "x"}}));
    // The hash from the keys file is not a key.
    expect_unauthorized(request(port(), "GET", "/api/v1/stats", bearer(to_hex(sha256(kAliceKey)))));
    expect_unauthorized(
        request(port(), "GET", "/api/v1/stats", {{"Authorization", "Basic " + kAliceKey}}));
}

TEST_F(Keys, AccessTokenIsAcceptedOnlyOnEventStreamGets) {
    const auto created = create_batch(kAliceKey);
    const std::string events = created["events_url"];
    auto [c, head] = open_stream(port(), "GET", events + "?access_token=" + kAliceKey, {});
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(SseReader(*c).rest().back().event, "complete");
    // Elsewhere the query parameter is not a credential.
    expect_unauthorized(request(port(), "GET", "/api/v1/stats?access_token=" + kAliceKey));
    expect_unauthorized(request(
        port(), "GET", created["status_url"].get<std::string>() + "?access_token=" + kAliceKey));
    expect_unauthorized(request(port(), "GET", events + "?access_token=wrong"));
}

TEST_F(Keys, ABatchIsInvisibleToAnotherKey) {
    const auto created = create_batch(kAliceKey);
    const std::string id = created["batch_id"];
    const std::string status = created["status_url"];
    EXPECT_EQ(request(port(), "GET", status, bearer(kAliceKey)).status, 200);

    const auto other = request(port(), "GET", status, bearer(kBobKey));
    EXPECT_EQ(other.status, 404);
    // Exactly what an unknown id of the same shape gets.
    std::string unknown_id = id;
    unknown_id.back() = unknown_id.back() == '0' ? '1' : '0';
    const auto unknown = request(port(), "GET", "/api/v1/batches/" + unknown_id, bearer(kBobKey));
    EXPECT_EQ(unknown.status, 404);
    auto masked = other.body;
    masked.replace(masked.find(id), id.size(), unknown_id);
    EXPECT_EQ(masked, unknown.body);

    auto [c, head] = open_stream(
        port(), "GET", created["events_url"].get<std::string>() + "?access_token=" + kBobKey, {});
    EXPECT_EQ(head.status, 404);
    EXPECT_EQ(request(port(), "DELETE", status, bearer(kBobKey)).status, 404);
    EXPECT_EQ(request(port(), "GET", status, {{"X-API-Key", kAliceKey}}).status, 200);
}

TEST_F(Keys, TheLogNamesTheLabelNeverTheKey) {
    ASSERT_EQ(request(port(), "GET", "/api/v1/stats", {{"X-API-Key", kAliceKey}}).status, 200);
    const auto created = create_batch(kBobKey);
    auto [c, head] = open_stream(
        port(), "GET", created["events_url"].get<std::string>() + "?access_token=" + kBobKey, {});
    ASSERT_EQ(head.status, 200);
    SseReader(*c).rest();
    c.reset();
    // The stream's log line is written once its last chunk is out: poll the log for it.
    EXPECT_TRUE(eventually(
        [&] { return server_->stderr_text().find("access_token=REDACTED") != std::string::npos; }));
    const auto log = server_->stderr_text();
    EXPECT_NE(log.find(" key=bob"), std::string::npos);
    EXPECT_NE(log.find(" key=alice"), std::string::npos);
    EXPECT_EQ(log.find(kBobKey), std::string::npos);
    EXPECT_EQ(log.find(kAliceKey), std::string::npos);
}

TEST_F(Keys, MetricsNeedAKeyLikeTheApi) {
    expect_unauthorized(request(port(), "GET", "/metrics"));
    const auto r = request(port(), "GET", "/metrics", bearer(kAliceKey));
    EXPECT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("decklist_requests_refused_total{reason=\"unauthorized\"}"),
              std::string::npos);
}

TEST_F(Keys, StatsCountRefusals) {
    const auto before =
        json::parse(request(port(), "GET", "/api/v1/stats", bearer(kAliceKey)).body);
    expect_unauthorized(request(port(), "GET", "/api/v1/stats"));
    const auto after = json::parse(request(port(), "GET", "/api/v1/stats", bearer(kAliceKey)).body);
    EXPECT_EQ(after["access"]["rejected_unauthorized"].get<int>(),
              before["access"]["rejected_unauthorized"].get<int>() + 1);
    EXPECT_EQ(after["access"]["keys_enabled"], true);
    EXPECT_EQ(after["access"]["keys"], 2);
}

TEST(KeysReload, SighupLoadsANewFileAndABadFileKeepsTheOldKeys) {
    KeysFile keys;
    keys.write({{kAliceKey, "alice"}});
    auto server = start_access_server({{"DECKLIST_API_KEYS_FILE", keys.path()}});
    const int port = server->port();
    const std::string carol = "carol-55555555555555555555555555555555";
    ASSERT_EQ(request(port, "GET", "/api/v1/stats", bearer(kAliceKey)).status, 200);
    expect_unauthorized(request(port, "GET", "/api/v1/stats", bearer(carol)));

    keys.write({{carol, "carol"}});
    server->signal(SIGHUP);
    EXPECT_TRUE(eventually(
        [&] { return request(port, "GET", "/api/v1/stats", bearer(carol)).status == 200; }));
    expect_unauthorized(request(port, "GET", "/api/v1/stats", bearer(kAliceKey)));

    // A broken file: logged, and the keys in use stay.
    keys.write_text("this is not a keys file\n");
    server->signal(SIGHUP);
    EXPECT_TRUE(eventually([&] {
        const auto stats = json::parse(request(port, "GET", "/api/v1/stats", bearer(carol)).body);
        return stats["access"]["key_reload_failures"] == 1;
    }));
    EXPECT_EQ(request(port, "GET", "/api/v1/stats", bearer(carol)).status, 200);
    EXPECT_NE(server->stderr_text().find("keeping the 1 key(s) in use"), std::string::npos);
    EXPECT_TRUE(server->running());
}

TEST(KeysConfig, AnUnreadableKeysFileIsRefusedAtStart) {
    ServerProcess::Options options;
    options.env = {{"DECKLIST_API_KEYS_FILE", "/nonexistent/decklist-keys.txt"}};
    options.wait_ready = false;
    ServerProcess server(options);
    EXPECT_EQ(server.wait_exit(), 2);
    EXPECT_NE(server.stderr_text().find("api_keys_file"), std::string::npos);
}

TEST(KeysConfig, AMalformedKeysFileIsRefusedAtStart) {
    KeysFile keys;
    keys.write_text("not-a-hash label\n");
    ServerProcess::Options options;
    options.env = {{"DECKLIST_API_KEYS_FILE", keys.path()}};
    options.wait_ready = false;
    ServerProcess server(options);
    EXPECT_EQ(server.wait_exit(), 2);
    const auto log = server.stderr_text();
    EXPECT_NE(log.find("line 1"), std::string::npos) << log;
}

}  // namespace
}  // namespace decklist::test
