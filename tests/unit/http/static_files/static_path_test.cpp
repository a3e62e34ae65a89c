// The static file resolver against every traversal form, on a real directory tree.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "http/core/url.hpp"
#include "http/static_files/mime_types.hpp"
#include "http/static_files/static_path.hpp"

namespace decklist::http {
namespace {

namespace fs = std::filesystem;

class StaticPathTest : public ::testing::Test {
  protected:
    void SetUp() override {
        base = fs::temp_directory_path() / ("decklist-static-" + std::to_string(::getpid()));
        fs::create_directories(base / "web" / "css");
        fs::create_directories(base / "web" / "sub");
        std::ofstream(base / "web" / "index.html") << "<html></html>";
        std::ofstream(base / "web" / "css" / "app.css") << "body{}";
        std::ofstream(base / "web" / "sub" / "index.html") << "sub";
        std::ofstream(base / "web" / ".hidden") << "secret";
        std::ofstream(base / "secret.txt") << "outside";
        fs::create_symlink(base / "secret.txt", base / "web" / "link.txt");
        root = fs::canonical(base / "web");
    }
    void TearDown() override { fs::remove_all(base); }

    // What a request for `raw` would be served.
    std::optional<fs::path> resolve(const std::string& raw) {
        const auto decoded = percent_decode(raw);
        if (!decoded) return std::nullopt;
        return resolve_static_path(root, raw, *decoded);
    }

    fs::path base, root;
};

TEST_F(StaticPathTest, ServesFilesAndIndexes) {
    EXPECT_EQ(resolve("/"), root / "index.html");
    EXPECT_EQ(resolve("/index.html"), root / "index.html");
    EXPECT_EQ(resolve("/css/app.css"), root / "css" / "app.css");
    EXPECT_EQ(resolve("/sub/"), root / "sub" / "index.html");
    EXPECT_EQ(resolve("/sub"), root / "sub" / "index.html");
    EXPECT_EQ(resolve("//css//app.css"), root / "css" / "app.css");
}

TEST_F(StaticPathTest, RefusesEveryWayOut) {
    for (const char* raw :
         {"/../secret.txt", "/static/../../etc/passwd", "/css/../../secret.txt",
          "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt", "/%2e%2e%2fsecret.txt",
          "/..%2fsecret.txt", "/%252e%252e/secret.txt", "/..%5csecret.txt", "/..\\secret.txt",
          "/css/..%c0%af/x", "/.hidden", "/./index.html", "/link.txt", "/missing.html",
          "/index.html%00.css", "/sub/../../secret.txt"}) {
        EXPECT_FALSE(resolve(raw)) << raw;
    }
}

TEST(MimeTypes, CommonWebTypes) {
    EXPECT_EQ(mime_type_for("/a/index.html"), "text/html; charset=utf-8");
    EXPECT_EQ(mime_type_for("app.CSS"), "text/css; charset=utf-8");
    EXPECT_EQ(mime_type_for("app.js"), "text/javascript; charset=utf-8");
    EXPECT_EQ(mime_type_for("x.json"), "application/json");
    EXPECT_EQ(mime_type_for("x.png"), "image/png");
    EXPECT_EQ(mime_type_for("x.svg"), "image/svg+xml");
    EXPECT_EQ(mime_type_for("favicon.ico"), "image/x-icon");
    EXPECT_EQ(mime_type_for("f.woff2"), "font/woff2");
    EXPECT_EQ(mime_type_for("noext"), "application/octet-stream");
    EXPECT_EQ(mime_type_for("dir.d/noext"), "application/octet-stream");
}

}  // namespace
}  // namespace decklist::http
