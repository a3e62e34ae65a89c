// The real decklist-server binary on an ephemeral loopback port, over real sockets:
// health with the shared card database, stats, static files and traversal attempts, JSON
// errors, /api and /api/v1 aliases, request ids, keep-alive, limits and timeouts, and the
// process's exit codes (clean SIGTERM, bad config, missing card database).

#include <gtest/gtest.h>

#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "http_client.hpp"
#include "polling.hpp"
#include "server_process.hpp"

namespace decklist::test {
namespace {

// One server for the tests that do not stop it.
class ServerTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        ServerProcess::Options options;
        options.env = {{"DECKLIST_HEADER_TIMEOUT_S", "1"},
                       {"DECKLIST_IDLE_TIMEOUT_S", "1"},
                       {"DECKLIST_MAX_WORKERS", "2"}};
        server_ = new ServerProcess(options);
    }
    static void TearDownTestSuite() {
        delete server_;
        server_ = nullptr;
    }
    static HttpResponse get(const std::string& target,
                            const std::vector<std::pair<std::string, std::string>>& headers = {}) {
        return http_request(server_->port(), "GET", target, headers);
    }
    static nlohmann::json json_of(const HttpResponse& r) { return nlohmann::json::parse(r.body); }
    static void expect_json_error(const HttpResponse& r, int status, const std::string& type) {
        EXPECT_EQ(r.status, status);
        EXPECT_EQ(r.header("content-type"), "application/json");
        const auto j = json_of(r);
        EXPECT_TRUE(j["error"].is_string() && !j["error"].get<std::string>().empty()) << r.body;
        EXPECT_EQ(j["error_type"], type) << r.body;
        // FastAPI clients show `detail`: the same human-readable message.
        EXPECT_EQ(j["detail"], j["error"]) << r.body;
    }
    static ServerProcess* server_;
};
ServerProcess* ServerTest::server_ = nullptr;

TEST_F(ServerTest, HealthReportsTheSharedCardDatabase) {
    const auto r = get("/health");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.header("content-type"), "application/json");
    const auto j = json_of(r);
    // The Python service's fields first: its clients wait for "healthy".
    ASSERT_TRUE(j["ocr_ready"].is_boolean());
    EXPECT_EQ(j["status"], j["ocr_ready"] ? "healthy" : "starting");
    EXPECT_EQ(j["service"], "decklist-ocr");
    EXPECT_EQ(j["matcher_loaded"], true);
    EXPECT_EQ(j["total_cards_in_db"], 399);
    EXPECT_EQ(j["cards_loaded"], 399);
    EXPECT_EQ(j["workers"], 2);
    EXPECT_TRUE(j["version"].is_string());
    EXPECT_TRUE(j["ocr_ready"].is_boolean());
    EXPECT_GE(j["uptime_s"].get<double>(), 0);
}

// 503 with a reason while the workers load Tesseract, then 200 for good.
TEST_F(ServerTest, ReadyOnceTheOcrWorkersAreLoaded) {
    EXPECT_TRUE(eventually([] {
        const auto r = get("/ready");
        if (r.status == 503) {
            EXPECT_FALSE(json_of(r)["reason"].get<std::string>().empty());
        }
        return r.status == 200;
    }));
    const auto ready = get("/ready");
    EXPECT_EQ(ready.status, 200);
    EXPECT_EQ(json_of(ready)["status"], "ready");
    EXPECT_EQ(json_of(get("/health"))["ocr_ready"], true);
}

TEST_F(ServerTest, ApiRoutesAnswerUnderApiAndApiV1) {
    for (const char* target : {"/api/health", "/api/v1/health"}) {
        const auto r = get(target);
        EXPECT_EQ(r.status, 200) << target;
        EXPECT_EQ(json_of(r)["cards_loaded"], 399) << target;
    }
    for (const char* target : {"/api/stats", "/api/v1/stats"})
        EXPECT_EQ(get(target).status, 200) << target;
}

TEST_F(ServerTest, StatsCountRequestsByRouteAndStatus) {
    get("/health");
    get("/no/such/file.txt");
    // A request is counted once its response is written, which the client may see a moment
    // before the server's write handler has run. (Copies of the stats: [] may add keys.)
    auto j = wait_for_stats(server_->port(), [](nlohmann::json s) {
        return !s["requests"]["by_route"]["GET /health"]["200"].is_null() &&
               !s["requests"]["by_status"]["404"].is_null();
    });
    EXPECT_GE(j["requests"]["by_route"]["GET /health"]["200"].get<int>(), 1);
    EXPECT_GE(j["requests"]["by_status"]["404"].get<int>(), 1);
    EXPECT_GE(j["requests"]["total"].get<int>(), 2);
    EXPECT_TRUE(j["requests"]["latency"].contains("p50_ms"));
    EXPECT_TRUE(j["requests"]["latency"].contains("p95_ms"));
    for (const char* key : {"processed", "failed", "cancelled"})
        EXPECT_TRUE(j["images"].contains(key)) << key;
    EXPECT_TRUE(j["workers"].contains("size"));
    EXPECT_TRUE(j["workers"].contains("queue_depth"));
    EXPECT_TRUE(j.contains("batches"));
}

TEST_F(ServerTest, StaticFilesWithTheirContentType) {
    const auto index = get("/");
    ASSERT_EQ(index.status, 200);
    EXPECT_EQ(index.header("content-type"), "text/html; charset=utf-8");
    std::ifstream file(std::string(DECKLIST_SOURCE_DIR) + "/web/index.html", std::ios::binary);
    const std::string expected((std::istreambuf_iterator<char>(file)), {});
    EXPECT_EQ(index.body, expected);
    EXPECT_EQ(get("/index.html").body, expected);

    HttpConnection c("127.0.0.1", server_->port());
    c.send("HEAD / HTTP/1.1\r\nHost: t\r\n\r\n");
    const auto head = c.read_response("HEAD");
    EXPECT_EQ(head.status, 200);
    EXPECT_EQ(head.header("content-length"), std::to_string(expected.size()));
}

TEST_F(ServerTest, TraversalAttemptsAreJson404) {
    for (const char* target :
         {"/static/../../etc/passwd", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
          "/static/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/%252e%252e/etc/passwd",
          "/..%5c..%5cetc%5cpasswd", "/..\\..\\etc\\passwd", "/.%2e/.%2e/etc/passwd",
          "/%2E%2E/%2E%2E/etc/passwd", "/web/../../../etc/passwd", "/.git/config"}) {
        const auto r = get(target);
        expect_json_error(r, 404, "not_found");
        EXPECT_EQ(r.body.find("root:"), std::string::npos) << target;
    }
}

TEST_F(ServerTest, UnknownPathsAndMethodsAreJsonErrors) {
    expect_json_error(get("/api/v1/nothing-here"), 404, "not_found");
    expect_json_error(get("/missing.html"), 404, "not_found");

    const auto r = http_request(server_->port(), "DELETE", "/health");
    expect_json_error(r, 405, "method");
    EXPECT_EQ(r.header("allow"), "GET, HEAD");
    const auto post = http_request(server_->port(), "POST", "/api/v1/stats", {}, "{}");
    expect_json_error(post, 405, "method");
    EXPECT_NE(post.header("allow").find("GET"), std::string::npos);
    expect_json_error(http_request(server_->port(), "POST", "/index.html", {}, "x"), 404,
                      "not_found");
}

TEST_F(ServerTest, RequestIdIsEchoedOrGenerated) {
    EXPECT_EQ(get("/health", {{"X-Request-ID", "abc-123"}}).header("x-request-id"), "abc-123");
    const auto error = get("/nope", {{"X-Request-ID", "err-7"}});
    EXPECT_EQ(error.status, 404);
    EXPECT_EQ(error.header("x-request-id"), "err-7");
    const auto a = get("/health").header("x-request-id");
    const auto b = get("/health").header("x-request-id");
    EXPECT_FALSE(a.empty());
    EXPECT_NE(a, b);
    // An id that could break a log line is replaced.
    const auto unsafe = get("/health", {{"X-Request-ID", "a b"}}).header("x-request-id");
    EXPECT_NE(unsafe, "a b");
    EXPECT_FALSE(unsafe.empty());
}

TEST_F(ServerTest, KeepAliveServesSeveralRequestsOnOneSocket) {
    HttpConnection c("127.0.0.1", server_->port());
    c.send(HttpConnection::format_request("GET", "/health"));
    const auto first = c.read_response();
    EXPECT_EQ(first.status, 200);
    EXPECT_NE(first.header("connection"), "close");
    c.send(HttpConnection::format_request("GET", "/api/v1/stats"));
    EXPECT_EQ(c.read_response().status, 200);
    // Pipelined: two requests in one write, two responses in order.
    c.send(HttpConnection::format_request("GET", "/health", {{"X-Request-ID", "p1"}}) +
           HttpConnection::format_request("GET", "/health", {{"X-Request-ID", "p2"}}));
    EXPECT_EQ(c.read_response().header("x-request-id"), "p1");
    EXPECT_EQ(c.read_response().header("x-request-id"), "p2");
    // Connection: close is honoured.
    c.send(HttpConnection::format_request("GET", "/health", {{"Connection", "close"}}));
    EXPECT_EQ(c.read_response().header("connection"), "close");
    EXPECT_TRUE(c.wait_closed(std::chrono::seconds(10)));
}

TEST_F(ServerTest, MalformedRequestsAreJson400AndTheServerGoesOn) {
    HttpConnection c("127.0.0.1", server_->port());
    c.send("THIS IS NOT HTTP\r\n\r\n");
    expect_json_error(c.read_response(), 400, "validation");
    EXPECT_EQ(get("/health").status, 200);
}

TEST_F(ServerTest, OversizedHeadersAndRequestLines) {
    HttpConnection headers("127.0.0.1", server_->port());
    headers.send("GET /health HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(20000, 'a') +
                 "\r\n\r\n");
    expect_json_error(headers.read_response(), 431, "limit");

    HttpConnection line("127.0.0.1", server_->port());
    line.send("GET /" + std::string(20000, 'a') + " HTTP/1.1\r\nHost: t\r\n\r\n");
    expect_json_error(line.read_response(), 414, "limit");
}

TEST_F(ServerTest, MethodIsCheckedBeforeTheBodyIsRead) {
    HttpConnection c("127.0.0.1", server_->port());
    c.send("POST /api/v1/stats HTTP/1.1\r\nHost: t\r\nContent-Length: 999999999\r\n\r\n");
    // /api/v1/stats has no POST: the method is refused before the body's size matters.
    expect_json_error(c.read_response(), 405, "method");
}

TEST_F(ServerTest, SlowHeadersAreCutOffAfterTheHeaderTimeout) {
    // header_timeout_s is 1 for this server: a client that never finishes its headers is
    // disconnected, and /health keeps answering meanwhile.
    HttpConnection slow("127.0.0.1", server_->port());
    slow.send("GET /health HTTP/1.1\r\nHost: t\r\n");
    EXPECT_EQ(get("/health").status, 200);
    EXPECT_TRUE(slow.wait_closed(std::chrono::seconds(20)));
}

TEST_F(ServerTest, IdleKeepAliveConnectionsCloseAfterTheIdleTimeout) {
    // idle_timeout_s is 1 for this server.
    HttpConnection c("127.0.0.1", server_->port());
    c.send(HttpConnection::format_request("GET", "/health"));
    EXPECT_EQ(c.read_response().status, 200);
    EXPECT_TRUE(c.wait_closed(std::chrono::seconds(20)));
}

TEST_F(ServerTest, ChunkedRequestBodiesAndExpectContinueOnASimpleRoute) {
    // No product route takes a body yet in this suite: a POST to a GET-only path shows that
    // the server answers without waiting for a body it will not read.
    HttpConnection c("127.0.0.1", server_->port());
    c.send(
        "POST /api/v1/stats HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
        "Expect: 100-continue\r\n\r\n");
    const auto r = c.read_response();
    EXPECT_EQ(r.status, 405);  // no 100 Continue first: the body is refused unread
    EXPECT_EQ(r.header("connection"), "close");
}

// ---------------------------------------------------------------- process lifecycle

TEST(ServerProcessTest, SigtermShutsDownCleanlyWithExitZero) {
    ServerProcess server;
    HttpConnection idle("127.0.0.1", server.port());  // an idle keep-alive connection
    idle.send(HttpConnection::format_request("GET", "/health"));
    EXPECT_EQ(idle.read_response().status, 200);
    server.signal(SIGTERM);
    EXPECT_EQ(server.wait_exit(), 0);
    EXPECT_TRUE(idle.wait_closed(std::chrono::seconds(5)));
    EXPECT_NE(server.stderr_text().find("shutting down"), std::string::npos);
}

TEST(ServerProcessTest, SigintToo) {
    ServerProcess server;
    server.signal(SIGINT);
    EXPECT_EQ(server.wait_exit(), 0);
}

struct FailedRun {
    int code;
    std::string stderr_text;
};

FailedRun run_expecting_failure(ServerProcess::Options options) {
    options.wait_ready = false;
    ServerProcess server(options);
    const int code = server.wait_exit();
    return {code, server.stderr_text()};
}

void expect_one_line(const FailedRun& run, const std::string& needle) {
    EXPECT_EQ(run.code, 2) << run.stderr_text;
    ASSERT_FALSE(run.stderr_text.empty());
    EXPECT_EQ(run.stderr_text.find('\n'), run.stderr_text.size() - 1) << run.stderr_text;
    EXPECT_NE(run.stderr_text.find(needle), std::string::npos) << run.stderr_text;
}

TEST(ServerProcessTest, BadConfigExitsTwoWithOneLine) {
    char path[] = "/tmp/decklist-bad-config-XXXXXX";
    close(mkstemp(path));
    std::ofstream(path) << R"({"port": "eighty"})";
    ServerProcess::Options options;
    options.args = {"--config", path, "--cards", shared_cards_csv()};
    expect_one_line(run_expecting_failure(options), "port: expected an integer");

    std::ofstream(path) << R"({"port": 8080, "colour": "blue"})";
    expect_one_line(run_expecting_failure(options), "unknown key \"colour\"");
    std::remove(path);

    ServerProcess::Options env_options;
    env_options.args = {"--cards", shared_cards_csv()};
    env_options.env = {{"DECKLIST_LOG_FORMAT", "xml"}};
    expect_one_line(run_expecting_failure(env_options), "DECKLIST_LOG_FORMAT");

    ServerProcess::Options flag_options;
    flag_options.args = {"--port", "-5", "--cards", shared_cards_csv()};
    expect_one_line(run_expecting_failure(flag_options), "--port");
}

TEST(ServerProcessTest, MissingCardDatabaseExitsTwoWithOneLine) {
    ServerProcess::Options options;
    options.args = {"--config", std::string(DECKLIST_SOURCE_DIR) + "/config/server.json",
                    "--cards",  "/nonexistent/cards.csv",
                    "--port",   "0"};
    options.unset_env = {"DECKLIST_CARDS_CSV"};
    expect_one_line(run_expecting_failure(options),
                    "card database not found: /nonexistent/cards.csv");
}

TEST(ServerProcessTest, VersionExitsZero) {
    ServerProcess::Options options;
    options.args = {"--version"};
    options.wait_ready = false;
    ServerProcess server(options);
    EXPECT_EQ(server.wait_exit(), 0);
    EXPECT_EQ(server.stdout_text(), std::string("decklist-server ") + DECKLIST_VERSION + "\n");
}

// No config file, no --cards: the card database and the web page that ship in the repository
// are found from the binary's location, wherever it is started.
TEST(ServerProcessTest, DefaultsFindTheCardDatabaseAndWebPageOfTheRepository) {
    ServerProcess::Options options;
    options.args = {"--bind", "127.0.0.1", "--port", "0"};
    options.unset_env = {"DECKLIST_CARDS_CSV", "DECKLIST_CONFIG", "DECKLIST_WEB_ROOT"};
    ServerProcess server(options);
    const auto health = http_request(server.port(), "GET", "/health");
    ASSERT_EQ(health.status, 200);
    EXPECT_EQ(nlohmann::json::parse(health.body)["total_cards_in_db"], 399);
    const auto page = http_request(server.port(), "GET", "/");
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
}

TEST(ServerProcessTest, HelpExitsZero) {
    ServerProcess::Options options;
    options.args = {"--help"};
    options.wait_ready = false;
    ServerProcess server(options);
    EXPECT_EQ(server.wait_exit(), 0);
    EXPECT_NE(server.stdout_text().find("DECKLIST_PORT"), std::string::npos);
}

// libgomp reads OMP_THREAD_LIMIT when it is loaded, before main(); the server restarts
// itself with the variable set (same pid), which /proc/<pid>/environ then shows.
// systemd's Type=notify: READY=1 reaches $NOTIFY_SOCKET once, when /ready has turned 200.
TEST(ServerProcessTest, TellsTheServiceManagerWhenItIsReady) {
    char dir_template[] = "/tmp/decklist-notify-XXXXXX";
    ASSERT_NE(::mkdtemp(dir_template), nullptr);
    const std::string path = std::string(dir_template) + "/notify";
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    ASSERT_GE(fd, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path.c_str());
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ServerProcess::Options options;
    options.env = {{"NOTIFY_SOCKET", path}, {"DECKLIST_LOG_LEVEL", "warn"}};
    ServerProcess server(options);  // returns once it listens; the datagram may come later
    pollfd readable{fd, POLLIN, 0};
    ASSERT_EQ(::poll(&readable, 1, 60000), 1) << "no notification within 60 s";
    char message[256] = {};
    const auto n = ::recv(fd, message, sizeof message - 1, 0);
    EXPECT_EQ(std::string(message, n > 0 ? static_cast<std::size_t>(n) : 0), "READY=1");
    EXPECT_EQ(http_request(server.port(), "GET", "/ready").status, 200);
    EXPECT_EQ(::poll(&readable, 1, 0), 0) << "a second notification";
    ::close(fd);
    ::unlink(path.c_str());
    ::rmdir(dir_template);
}

TEST(ServerProcessTest, RestartsItselfWithSingleThreadedOpenMp) {
    auto environment_of = [](pid_t pid) {
        std::ifstream in("/proc/" + std::to_string(pid) + "/environ", std::ios::binary);
        std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::vector<std::string> entries;
        for (std::size_t start = 0, end; start < all.size(); start = end + 1) {
            end = all.find('\0', start);
            if (end == std::string::npos) end = all.size();
            entries.push_back(all.substr(start, end - start));
        }
        return entries;
    };
    {
        ServerProcess::Options options;
        options.unset_env = {"OMP_THREAD_LIMIT"};
        ServerProcess server(options);
        const auto env = environment_of(server.pid());
        EXPECT_NE(std::find(env.begin(), env.end(), "OMP_THREAD_LIMIT=1"), env.end());
        EXPECT_EQ(http_request(server.port(), "GET", "/health").status, 200);
    }
    {  // an operator's own setting is kept (one worker: OpenMP may use two threads)
        ServerProcess::Options options;
        options.args.insert(options.args.end(), {"--workers", "1"});
        options.env = {{"OMP_THREAD_LIMIT", "2"}};
        ServerProcess server(options);
        const auto env = environment_of(server.pid());
        EXPECT_NE(std::find(env.begin(), env.end(), "OMP_THREAD_LIMIT=2"), env.end());
        EXPECT_EQ(std::find(env.begin(), env.end(), "OMP_THREAD_LIMIT=1"), env.end());
    }
}

// Workers whose OpenMP threads would outnumber the cores: the server does not start slow,
// it exits 2 and says which setting to change.
TEST(ServerProcessTest, OversubscribingOpenMpSettingIsRefusedWithOneLine) {
    const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
    if (hardware == 1) GTEST_SKIP() << "one hardware thread: OpenMP cannot oversubscribe it";
    ServerProcess::Options options;
    options.args.insert(options.args.end(), {"--workers", "2"});
    options.env = {{"OMP_THREAD_LIMIT", std::to_string(hardware)}};
    expect_one_line(run_expecting_failure(options), "OMP_THREAD_LIMIT=1");
}

TEST(ServerProcessTest, JsonLogFormatWritesOneJsonObjectPerLine) {
    ServerProcess::Options options;
    options.env = {{"DECKLIST_LOG_FORMAT", "json"}};
    ServerProcess server(options);
    http_request(server.port(), "GET", "/health", {{"X-Request-ID", "json-log-1"}});
    server.signal(SIGTERM);
    ASSERT_EQ(server.wait_exit(), 0);
    std::istringstream log(server.stderr_text());
    std::string line;
    bool saw_request = false;
    while (std::getline(log, line)) {
        const auto j = nlohmann::json::parse(line);  // throws on a non-JSON line
        EXPECT_TRUE(j.contains("level"));
        const auto msg = j["msg"].get<std::string>();
        if (msg.find("json-log-1") != std::string::npos) {
            saw_request = true;
            EXPECT_NE(msg.find("GET /health 200"), std::string::npos) << msg;
        }
    }
    EXPECT_TRUE(saw_request);
}

}  // namespace
}  // namespace decklist::test
