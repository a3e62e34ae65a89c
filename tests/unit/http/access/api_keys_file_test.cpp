// The keys file format: "<sha256 hex> <label> [read-only]" per line, comments, blank lines, and the
// errors that name the line.

#include <gtest/gtest.h>

#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "decklist/error.hpp"
#include "http/access/api_keys_file.hpp"

namespace decklist::http {
namespace {

std::string error_of(std::string_view text) {
    try {
        parse_api_keys(text);
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::validation);
        return e.what();
    }
    return "";
}

TEST(ApiKeysFile, ParsesLinesCommentsAndBlankLines) {
    const auto a = to_hex(sha256("key-a")), b = to_hex(sha256("key-b"));
    const auto entries = parse_api_keys("# keys for the deck site\n\n" + a + " ci\r\n  \t\n" + b +
                                        "\tmobile-app.v2  \n   # indented comment\n");
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].label, "ci");
    EXPECT_EQ(entries[0].hash, sha256("key-a"));
    EXPECT_EQ(entries[1].label, "mobile-app.v2");
    EXPECT_EQ(entries[1].hash, sha256("key-b"));
}

TEST(ApiKeysFile, AKeyMayBeMarkedReadOnly) {
    const auto a = to_hex(sha256("key-a")), b = to_hex(sha256("key-b"));
    const auto entries = parse_api_keys(a + " meta-site read-only\n" + b + " editor\n");
    ASSERT_EQ(entries.size(), 2u);
    EXPECT_EQ(entries[0].label, "meta-site");
    EXPECT_TRUE(entries[0].read_only);
    EXPECT_EQ(entries[1].label, "editor");
    EXPECT_FALSE(entries[1].read_only);
    EXPECT_NE(error_of(a + " meta-site readonly").find("unknown flag \"readonly\""),
              std::string::npos);
    EXPECT_NE(error_of(a + " meta-site read-only extra").find("line 1"), std::string::npos);
}

TEST(ApiKeysFile, UpperCaseHexIsAccepted) {
    auto upper = to_hex(sha256("k"));
    for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const auto entries = parse_api_keys(upper + " label");
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].hash, sha256("k"));
}

TEST(ApiKeysFile, EmptyFileHasNoKeys) {
    EXPECT_TRUE(parse_api_keys("").empty());
    EXPECT_TRUE(parse_api_keys("# nothing yet\n").empty());
}

TEST(ApiKeysFile, ErrorsNameTheLine) {
    const auto good = to_hex(sha256("x"));
    EXPECT_NE(error_of("# c\n" + good + "\n").find("line 2"), std::string::npos);  // no label
    EXPECT_NE(error_of("abc ci\n").find("line 1"), std::string::npos);             // short hash
    EXPECT_NE(error_of(good.substr(0, 63) + "g ci").find("line 1"), std::string::npos);
    EXPECT_NE(error_of(good + " two words").find("label"), std::string::npos);
    EXPECT_NE(error_of(good + " " + std::string(65, 'l')).find("label"), std::string::npos);
    // A raw key pasted instead of its hash is not 64 hex digits.
    EXPECT_NE(error_of("mysecretkey ci").find("64 hex digits"), std::string::npos);
}

TEST(ApiKeysFile, DuplicateHashIsAnError) {
    const auto h = to_hex(sha256("same"));
    const auto message = error_of(h + " one\n" + h + " two\n");
    EXPECT_NE(message.find("line 2"), std::string::npos) << message;
    EXPECT_NE(message.find("one"), std::string::npos) << message;
}

TEST(ApiKeysFile, SharedLabelsAreAllowed) {
    const auto entries =
        parse_api_keys(to_hex(sha256("old")) + " ci\n" + to_hex(sha256("new")) + " ci\n");
    EXPECT_EQ(entries.size(), 2u);
}

TEST(ApiKeysFile, LoadNamesThePath) {
    try {
        load_api_keys_file("/nonexistent/keys.txt");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/keys.txt"), std::string::npos);
    }
    char path[] = "/tmp/decklist-keys-XXXXXX";
    const int fd = ::mkstemp(path);
    ASSERT_GE(fd, 0);
    std::ofstream(path) << to_hex(sha256("k")) << " team\n";
    const auto entries = load_api_keys_file(path);
    std::remove(path);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].label, "team");
}

TEST(ApiKeysFile, Labels) {
    EXPECT_TRUE(valid_api_key_label("a"));
    EXPECT_TRUE(valid_api_key_label("Team_1.prod-2"));
    EXPECT_FALSE(valid_api_key_label(""));
    EXPECT_FALSE(valid_api_key_label("has space"));
    EXPECT_FALSE(valid_api_key_label("quote\""));
    EXPECT_FALSE(valid_api_key_label(std::string(65, 'x')));
}

}  // namespace
}  // namespace decklist::http
