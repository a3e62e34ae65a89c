// Config loading: defaults, file, environment and flags, in that order of precedence, and a
// clear error naming the key for everything invalid.

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <string>

#include "config_test_helpers.hpp"
#include "decklist/config/defaults.hpp"
#include "decklist/error.hpp"
#include "http/config/server_config.hpp"

namespace decklist::http {
namespace {

using config_test::Env;
using config_test::env_lookup;
using config_test::error_of;

LoadedConfig load(std::vector<std::string> args, const Env& env = {}) {
    args.insert(args.begin(), "decklist-server");
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    return load_server_config(static_cast<int>(argv.size()), argv.data(), env_lookup(env));
}

class TempFile {
  public:
    explicit TempFile(const std::string& text) {
        char name[] = "/tmp/decklist-config-XXXXXX";
        const int fd = mkstemp(name);
        close(fd);
        path_ = name;
        std::ofstream(path_) << text;
    }
    ~TempFile() { std::remove(path_.c_str()); }
    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

TEST(ServerConfig, RepositoryConfigFileHoldsEveryKeyWithTheShippedDefaults) {
    const auto config = load_config_file(std::string(DECKLIST_SOURCE_DIR) + "/config/server.json");
    const auto keys = ServerConfig{}.to_json();
    std::ifstream in(std::string(DECKLIST_SOURCE_DIR) + "/config/server.json");
    const auto file = nlohmann::json::parse(in);
    for (const auto& [key, value] : keys.items()) EXPECT_TRUE(file.contains(key)) << key;
    EXPECT_EQ(config.max_file_size_mb, 10);
    EXPECT_EQ(config.max_batch_size, 50);
    EXPECT_EQ(config.port, 8080);
    EXPECT_EQ(config.bind, "0.0.0.0");
    EXPECT_EQ(config.cards_csv, "data/riftbound/cards.csv");
}

TEST(ServerConfig, FlagsBeatEnvironmentWhichBeatsTheFile) {
    TempFile file(R"({"port": 9001, "bind": "127.0.0.1", "max_workers": 3, "log_format": "json"})");
    auto from_file = load({"--config", file.path()}).config;
    EXPECT_EQ(from_file.port, 9001);
    EXPECT_EQ(from_file.max_workers, 3);
    EXPECT_EQ(from_file.log_format, "json");

    Env env{
        {"DECKLIST_PORT", "9002"}, {"DECKLIST_MAX_WORKERS", "4"}, {"DECKLIST_LOG_LEVEL", "debug"}};
    auto with_env = load({"--config", file.path()}, env).config;
    EXPECT_EQ(with_env.port, 9002);
    EXPECT_EQ(with_env.max_workers, 4);
    EXPECT_EQ(with_env.log_level, "debug");
    EXPECT_EQ(with_env.bind, "127.0.0.1");

    auto with_flags =
        load({"--config", file.path(), "--port", "9003", "--workers=5", "--bind", "::1"}, env)
            .config;
    EXPECT_EQ(with_flags.port, 9003);
    EXPECT_EQ(with_flags.max_workers, 5);
    EXPECT_EQ(with_flags.bind, "::1");
}

TEST(ServerConfig, ConfigPathFromEnvironmentAndRelativePathsFromTheRepositoryRoot) {
    TempFile file(R"({"web_root": "web", "cards_csv": "/abs/cards.csv"})");
    auto config = load({}, {{"DECKLIST_CONFIG", file.path()}}).config;
    EXPECT_EQ(config.web_root, std::string(DECKLIST_SOURCE_DIR) + "/web");
    EXPECT_EQ(config.cards_csv, "/abs/cards.csv");
    auto flagged = load({"--cards", "data/cards.csv"}).config;
    EXPECT_EQ(flagged.cards_csv, std::string(DECKLIST_SOURCE_DIR) + "/data/cards.csv");
}

TEST(ServerConfig, EveryKeyHasAnEnvironmentVariable) {
    Env env;
    env["DECKLIST_BIND"] = "127.0.0.2";
    env["DECKLIST_IO_THREADS"] = "3";
    env["DECKLIST_ENABLE_PARALLEL"] = "false";
    env["DECKLIST_MAX_FILE_SIZE_MB"] = "5";
    env["DECKLIST_MAX_BATCH_SIZE"] = "7";
    env["DECKLIST_MAX_BODY_MB"] = "100";
    env["DECKLIST_UPLOAD_MEMORY_BUDGET_MB"] = "64";
    env["DECKLIST_IMAGE_TIMEOUT_S"] = "2.5";
    env["DECKLIST_BATCH_TTL_S"] = "30";
    env["DECKLIST_HEARTBEAT_S"] = "0.5";
    env["DECKLIST_HEADER_TIMEOUT_S"] = "4";
    env["DECKLIST_READ_TIMEOUT_S"] = "6";
    env["DECKLIST_IDLE_TIMEOUT_S"] = "8";
    env["DECKLIST_SHUTDOWN_GRACE_S"] = "1";
    env["DECKLIST_TESSDATA_DIR"] = "/td";
    env["DECKLIST_WEB_ROOT"] = "/w";
    env["DECKLIST_LOG_FORMAT"] = "json";
    const auto c = load({}, env).config;
    EXPECT_EQ(c.bind, "127.0.0.2");
    EXPECT_EQ(c.io_threads, 3);
    EXPECT_FALSE(c.enable_parallel);
    EXPECT_EQ(c.max_file_size_mb, 5);
    EXPECT_EQ(c.max_file_bytes(), 5u * 1024 * 1024);
    EXPECT_EQ(c.max_batch_size, 7);
    EXPECT_EQ(c.max_body_mb, 100);
    EXPECT_EQ(c.upload_memory_budget_mb, 64);
    using std::chrono::milliseconds;
    EXPECT_EQ(c.image_timeout, milliseconds(2500));
    EXPECT_EQ(c.batch_ttl, milliseconds(30'000));
    EXPECT_EQ(c.heartbeat, milliseconds(500));
    EXPECT_EQ(c.header_timeout, milliseconds(4000));
    EXPECT_EQ(c.read_timeout, milliseconds(6000));
    EXPECT_EQ(c.idle_timeout, milliseconds(8000));
    EXPECT_EQ(c.shutdown_grace, milliseconds(1000));
    EXPECT_EQ(c.tessdata_dir, "/td");
    EXPECT_EQ(c.web_root, "/w");
    EXPECT_EQ(c.log_format, "json");
}

TEST(ServerConfig, WorkersZeroMeansOnePerHardwareThread) {
    ServerConfig c;
    c.max_workers = 0;
    EXPECT_GE(c.worker_count(), 1u);
    c.max_workers = 3;
    EXPECT_EQ(c.worker_count(), 3u);
}

TEST(ServerConfig, InvalidValuesNameTheKeyAndTheSource) {
    EXPECT_NE(error_of([] {
                  parse_config_text(R"({"port": 70000})", {}, "f.json");
              }).find("f.json: port: must be between 0 and 65535"),
              std::string::npos);
    EXPECT_NE(
        error_of([] { parse_config_text(R"({"port": "80"})"); }).find("port: expected an integer"),
        std::string::npos);
    EXPECT_NE(error_of([] { parse_config_text(R"({"prot": 80})"); }).find("unknown key \"prot\""),
              std::string::npos);
    EXPECT_NE(error_of([] {
                  parse_config_text(R"({"log_format": "xml"})");
              }).find("log_format: must be one of text|json"),
              std::string::npos);
    EXPECT_NE(error_of([] {
                  parse_config_text(R"({"enable_parallel": 1})");
              }).find("enable_parallel: expected true or false"),
              std::string::npos);
    EXPECT_NE(
        error_of([] { parse_config_text(R"({"read_timeout_s": 0})"); }).find("read_timeout_s"),
        std::string::npos);
    EXPECT_NE(
        error_of([] { parse_config_text(R"({"bind": ""})"); }).find("bind: must not be empty"),
        std::string::npos);
    EXPECT_NE(error_of([] { parse_config_text("[1, 2]"); }).find("expected a JSON object"),
              std::string::npos);
    EXPECT_NE(error_of([] { parse_config_text("{\"port\": 80,"); }).find("invalid JSON"),
              std::string::npos);
}

TEST(ServerConfig, InvalidEnvironmentAndFlagsNameTheirOrigin) {
    EXPECT_NE(error_of([] {
                  load({}, {{"DECKLIST_PORT", "80x"}});
              }).find("environment DECKLIST_PORT: port: expected an integer"),
              std::string::npos);
    EXPECT_NE(error_of([] {
                  load({"--workers", "-1"});
              }).find("option --workers: max_workers"),
              std::string::npos);
    EXPECT_NE(error_of([] { load({"--verbose"}); }).find("unknown option --verbose"),
              std::string::npos);
    EXPECT_NE(error_of([] { load({"--port"}); }).find("--port needs a value"), std::string::npos);
    EXPECT_NE(error_of([] {
                  load({"--config", "/nonexistent/server.json"});
              }).find("cannot open"),
              std::string::npos);
}

TEST(ServerConfig, CrossKeyChecks) {
    EXPECT_NE(error_of([] {
                  load({}, {{"DECKLIST_MAX_BODY_MB", "5"}});
              }).find("max_body_mb (5) must be at least max_file_size_mb (10)"),
              std::string::npos);
    EXPECT_NE(error_of([] {
                  load({}, {{"DECKLIST_UPLOAD_MEMORY_BUDGET_MB", "4"}});
              }).find("upload_memory_budget_mb"),
              std::string::npos);
    EXPECT_NE(error_of([] {
                  load({}, {{"DECKLIST_WEBHOOK_URL", "http://127.0.0.1:9/hook"}});
              }).find("webhook_url needs webhook_secret"),
              std::string::npos);
    EXPECT_NE(error_of([] {
                  load({}, {{"DECKLIST_STORE_URL", "mysql://db/decks"}});
              }).find("store_url must be a postgresql:// URL"),
              std::string::npos);
    EXPECT_EQ(error_of([] {
                  load({}, {{"DECKLIST_WEBHOOK_URL", "http://127.0.0.1:9/hook"},
                            {"DECKLIST_WEBHOOK_SECRET", "s3cret"},
                            {"DECKLIST_STORE_URL", "postgresql://decklist@db/decks"}});
              }),
              "");
}

TEST(ServerConfig, ErrorsAreOneLine) {
    const auto message = error_of([] { parse_config_text("{\n\"port\": \n}", {}, "x.json"); });
    ASSERT_FALSE(message.empty());
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
}

// The test binary sits in <build>/tests/ of this source tree: its data/ is the application's.
TEST(ServerConfig, DefaultCardDatabaseIsTheOneInTheSourceTreeNotACompiledInPath) {
    EXPECT_EQ(application_root(), std::string(DECKLIST_SOURCE_DIR));
    EXPECT_EQ(load({}).config.cards_csv,
              std::string(DECKLIST_SOURCE_DIR) + "/data/riftbound/cards.csv");
}

TEST(ServerConfig, VersionIsRequested) {
    EXPECT_TRUE(load({"--version"}).show_version);
    EXPECT_FALSE(load({}).show_version);
    EXPECT_NE(usage_text("decklist-server").find("--version"), std::string::npos);
}

TEST(ServerConfig, HelpIsRequestedAndListsEveryKey) {
    EXPECT_TRUE(load({"--port", "1", "--help"}).show_help);
    const auto text = usage_text("decklist-server");
    const auto keys = ServerConfig{}.to_json();
    for (const auto& [key, value] : keys.items())
        EXPECT_NE(text.find(key), std::string::npos) << key;
    EXPECT_NE(text.find("DECKLIST_LOG_FORMAT"), std::string::npos);
}

}  // namespace
}  // namespace decklist::http
