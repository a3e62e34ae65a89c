// Which origins get CORS headers, and which headers.

#include <gtest/gtest.h>

#include "http/access/origin_policy.hpp"

namespace decklist::http {
namespace {

std::string value(const bhttp::fields& fields, bhttp::field name) {
    auto it = fields.find(name);
    return it == fields.end() ? std::string() : std::string(it->value());
}

TEST(OriginPolicy, ListedOriginsAreAllowedCaseInsensitively) {
    OriginPolicy policy({"http://localhost:3000", "https://Decks.Example.com"}, false);
    EXPECT_TRUE(policy.allows("http://localhost:3000", "api.example.com"));
    EXPECT_TRUE(policy.allows("https://decks.example.com", "api.example.com"));
    EXPECT_FALSE(policy.allows("http://localhost:3001", "api.example.com"));
    EXPECT_FALSE(policy.allows("https://localhost:3000", "api.example.com"));  // other scheme
    EXPECT_FALSE(policy.allows("http://localhost:3000.evil.com", "api.example.com"));
    EXPECT_FALSE(policy.allows("", "api.example.com"));
}

TEST(OriginPolicy, TheServicesOwnOriginIsAlwaysAllowed) {
    OriginPolicy policy({}, false);
    EXPECT_TRUE(policy.allows("http://127.0.0.1:8080", "127.0.0.1:8080"));
    EXPECT_TRUE(policy.allows("https://decks.example.com", "Decks.Example.com"));
    EXPECT_FALSE(policy.allows("http://127.0.0.1:8081", "127.0.0.1:8080"));
    EXPECT_FALSE(policy.allows("http://evil.example.com", "decks.example.com"));
    EXPECT_FALSE(policy.allows("ftp://127.0.0.1:8080", "127.0.0.1:8080"));
    EXPECT_FALSE(policy.allows("http://127.0.0.1:8080", ""));  // no Host: nothing to compare
}

TEST(OriginPolicy, WildcardAllowsAnyOriginWithStar) {
    OriginPolicy policy({"*"}, false);
    EXPECT_TRUE(policy.allows("https://anything.example", "api"));
    const auto headers = policy.response_headers("https://anything.example", "api");
    EXPECT_EQ(value(headers, bhttp::field::access_control_allow_origin), "*");
    EXPECT_EQ(value(headers, bhttp::field::access_control_allow_credentials), "");
}

TEST(OriginPolicy, AllowedOriginIsEchoedWithVaryAndExposedHeaders) {
    OriginPolicy policy({"http://localhost:3000"}, false);
    const auto headers = policy.response_headers("http://localhost:3000", "api:8080");
    EXPECT_EQ(value(headers, bhttp::field::access_control_allow_origin), "http://localhost:3000");
    EXPECT_EQ(value(headers, bhttp::field::vary), "Origin");
    const auto exposed = value(headers, bhttp::field::access_control_expose_headers);
    EXPECT_NE(exposed.find("X-Request-ID"), std::string::npos);
    EXPECT_NE(exposed.find("Retry-After"), std::string::npos);
    EXPECT_EQ(value(headers, bhttp::field::access_control_allow_credentials), "");
}

TEST(OriginPolicy, DisallowedOriginGetsOnlyVary) {
    OriginPolicy policy({"http://localhost:3000"}, false);
    const auto headers = policy.response_headers("http://evil.example", "api:8080");
    EXPECT_EQ(value(headers, bhttp::field::vary), "Origin");
    EXPECT_EQ(value(headers, bhttp::field::access_control_allow_origin), "");
    EXPECT_EQ(value(headers, bhttp::field::access_control_expose_headers), "");
    const auto preflight = policy.preflight_headers("http://evil.example", "api:8080", "GET");
    EXPECT_EQ(value(preflight, bhttp::field::access_control_allow_origin), "");
    EXPECT_EQ(value(preflight, bhttp::field::access_control_allow_methods), "");
}

TEST(OriginPolicy, PreflightNamesMethodsHeadersAndMaxAge) {
    OriginPolicy policy({"http://localhost:3000"}, false);
    const auto headers =
        policy.preflight_headers("http://localhost:3000", "api:8080", "POST, OPTIONS");
    EXPECT_EQ(value(headers, bhttp::field::access_control_allow_origin), "http://localhost:3000");
    EXPECT_EQ(value(headers, bhttp::field::access_control_allow_methods), "POST, OPTIONS");
    const auto allowed = value(headers, bhttp::field::access_control_allow_headers);
    for (auto name :
         {"Content-Type", "Authorization", "X-API-Key", "Last-Event-ID", "X-Request-ID"})
        EXPECT_NE(allowed.find(name), std::string::npos) << name;
    EXPECT_EQ(value(headers, bhttp::field::access_control_max_age),
              std::to_string(OriginPolicy::kMaxAgeSeconds));
}

TEST(OriginPolicy, CredentialsEchoTheOrigin) {
    OriginPolicy policy({"https://app.example"}, true);
    const auto headers = policy.response_headers("https://app.example", "api");
    EXPECT_EQ(value(headers, bhttp::field::access_control_allow_origin), "https://app.example");
    EXPECT_EQ(value(headers, bhttp::field::access_control_allow_credentials), "true");
}

}  // namespace
}  // namespace decklist::http
