#include <gtest/gtest.h>

#include "http/core/request_id.hpp"
#include "http/core/url.hpp"

namespace decklist::http {
namespace {

TEST(Url, SplitsAndDecodesPathAndQuery) {
    const auto t = parse_target("/a%20b/c?x=1&y=h%C3%A9+llo&flag&x=2");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->path, "/a b/c");
    EXPECT_EQ(t->raw_path, "/a%20b/c");
    EXPECT_EQ(t->query.at("x"), "1");
    EXPECT_EQ(t->query.at("y"), "h\xC3\xA9 llo");
    EXPECT_EQ(t->query.at("flag"), "");
}

TEST(Url, RefusesMalformedTargets) {
    EXPECT_FALSE(parse_target("http://example.com/"));
    EXPECT_FALSE(parse_target("*"));
    EXPECT_FALSE(parse_target(""));
    EXPECT_FALSE(parse_target("/a%2"));
    EXPECT_FALSE(parse_target("/a%zz"));
    EXPECT_FALSE(parse_target("/a?b=%"));
}

TEST(Url, PlusIsOnlyASpaceInQueries) {
    EXPECT_EQ(*percent_decode("a+b"), "a+b");
    EXPECT_EQ(*percent_decode("a+b", true), "a b");
}

TEST(RequestId, AcceptsSafeIdsOnly) {
    EXPECT_TRUE(is_acceptable_request_id("abc-123_x.y:z"));
    EXPECT_FALSE(is_acceptable_request_id(""));
    EXPECT_FALSE(is_acceptable_request_id("has space"));
    EXPECT_FALSE(is_acceptable_request_id("new\nline"));
    EXPECT_FALSE(is_acceptable_request_id(std::string(129, 'a')));
    const auto id = generate_request_id();
    EXPECT_EQ(id.size(), 16u);
    EXPECT_TRUE(is_acceptable_request_id(id));
    EXPECT_NE(generate_request_id(), id);
}

}  // namespace
}  // namespace decklist::http
