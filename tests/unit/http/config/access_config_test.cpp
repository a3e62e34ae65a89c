// The access settings in the server configuration: the origin list in JSON and in the
// environment, their validation, and the checks between keys.

#include <gtest/gtest.h>

#include "config_test_helpers.hpp"
#include "decklist/error.hpp"
#include "http/config/server_config.hpp"

namespace decklist::http {
namespace {

using config_test::env_lookup;
using config_test::error_of;

TEST(AccessConfig, DefaultsAllowLocalhost3000KeysOffGenerousLimits) {
    const ServerConfig config;
    EXPECT_EQ(config.allowed_origins, std::vector<std::string>{"http://localhost:3000"});
    EXPECT_FALSE(config.cors_allow_credentials);
    EXPECT_TRUE(config.api_keys_file.empty());
    EXPECT_EQ(config.max_concurrent_batches_per_client, 4);
    EXPECT_EQ(config.images_per_minute_per_client, 600);
}

TEST(AccessConfig, OriginsFromJsonAndFromACommaSeparatedVariable) {
    const auto from_json = parse_config_text(
        R"({"allowed_origins": ["https://a.example", "http://b.example:8080", "null"]})");
    EXPECT_EQ(from_json.allowed_origins,
              (std::vector<std::string>{"https://a.example", "http://b.example:8080", "null"}));
    const auto from_env = apply_environment(
        ServerConfig{},
        env_lookup({{"DECKLIST_ALLOWED_ORIGINS", " https://a.example ,,https://c.example"}}));
    EXPECT_EQ(from_env.allowed_origins,
              (std::vector<std::string>{"https://a.example", "https://c.example"}));
    const auto emptied =
        apply_environment(ServerConfig{}, env_lookup({{"DECKLIST_ALLOWED_ORIGINS", ""}}));
    EXPECT_TRUE(emptied.allowed_origins.empty());
}

TEST(AccessConfig, MalformedOriginsAreRefused) {
    for (const char* bad :
         {R"({"allowed_origins": "https://a.example"})", R"({"allowed_origins": [1]})",
          R"({"allowed_origins": ["https://a.example/"]})", R"({"allowed_origins": ["a.example"]})",
          R"({"allowed_origins": ["https://a.example/app"]})"}) {
        const auto message = error_of([&] { parse_config_text(bad); });
        EXPECT_NE(message.find("allowed_origins"), std::string::npos) << bad << ": " << message;
    }
}

TEST(AccessConfig, WildcardWithCredentialsIsRefused) {
    auto config =
        parse_config_text(R"({"allowed_origins": ["*"], "cors_allow_credentials": true})");
    const auto message = error_of([&] { validate_config(config); });
    EXPECT_NE(message.find("cors_allow_credentials"), std::string::npos) << message;
    config.cors_allow_credentials = false;
    EXPECT_EQ(error_of([&] { validate_config(config); }), "");
}

TEST(AccessConfig, LimitsAcceptZeroAndRefuseNegatives) {
    const auto zero = parse_config_text(
        R"({"max_concurrent_batches_per_client": 0, "images_per_minute_per_client": 0})");
    EXPECT_EQ(zero.max_concurrent_batches_per_client, 0);
    EXPECT_EQ(zero.images_per_minute_per_client, 0);
    EXPECT_NE(error_of([] { parse_config_text(R"({"images_per_minute_per_client": -1})"); }), "");
}

TEST(AccessConfig, AnUnreadableKeysFileStopsTheLoad) {
    const char* argv[] = {"decklist-server"};
    const auto message = error_of([&] {
        load_server_config(1, argv, env_lookup({{"DECKLIST_API_KEYS_FILE", "/nonexistent/keys"}}));
    });
    EXPECT_NE(message.find("api_keys_file"), std::string::npos) << message;
    EXPECT_NE(message.find("/nonexistent/keys"), std::string::npos) << message;
}

}  // namespace
}  // namespace decklist::http
