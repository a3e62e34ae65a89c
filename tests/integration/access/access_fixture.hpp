#pragma once
// What the access integration tests share: real decklist-server processes started with
// access settings (origins, a keys file, per-client limits), requests with an Origin, and
// the streaming suite's multipart and SSE helpers.

#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "decklist/sha256.hpp"
#include "streaming_fixture.hpp"

namespace decklist::test {

using Headers = std::vector<std::pair<std::string, std::string>>;

// A keys file in /tmp that tests can rewrite; removed at the end.
class KeysFile {
  public:
    KeysFile() {
        char path[] = "/tmp/decklist-api-keys-XXXXXX";
        const int fd = ::mkstemp(path);
        if (fd < 0) throw std::runtime_error("mkstemp failed");
        ::close(fd);
        path_ = path;
    }
    ~KeysFile() { std::remove(path_.c_str()); }
    const std::string& path() const { return path_; }

    // Writes "<sha256 of key> <label>" for each pair (what scripts/make-api-key.sh prints).
    void write(const std::map<std::string, std::string>& key_to_label) const {
        std::string text = "# written by the access tests\n\n";
        for (const auto& [key, label] : key_to_label)
            text += to_hex(sha256(key)) + " " + label + "\n";
        write_text(text);
    }
    void write_text(const std::string& text) const {
        // Written whole, then renamed over the file: a reload never sees half a file.
        const std::string temp = path_ + ".new";
        std::ofstream(temp) << text;
        std::rename(temp.c_str(), path_.c_str());
    }

  private:
    std::string path_;
};

inline std::unique_ptr<ServerProcess> start_access_server(Headers env) {
    return start_server(std::move(env));
}

inline HttpResponse request(int port, const std::string& method, const std::string& target,
                            Headers headers = {}, const std::string& body = {}) {
    return http_request(port, method, target, headers, body);
}

// Sends a request and reads only the response head (for event streams), keeping the
// connection for the body.
inline std::pair<std::unique_ptr<HttpConnection>, HttpResponse> open_stream(
    int port, const std::string& method, const std::string& target, const Headers& headers,
    const std::string& body = {}) {
    auto c = std::make_unique<HttpConnection>("127.0.0.1", port, std::chrono::seconds(120));
    c->send(HttpConnection::format_request(method, target, headers, body));
    auto head = c->read_head();
    return {std::move(c), std::move(head)};
}

inline Headers with(Headers a, const Headers& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

inline Headers multipart(const std::string& body, Headers extra = {}) {
    return with(multipart_headers(body.size()), extra);
}

// Expects the headers an allowed origin gets on any non-preflight response.
inline void expect_cors_for(const HttpResponse& r, const std::string& origin) {
    EXPECT_EQ(r.header("access-control-allow-origin"), origin) << r.status << " " << r.body;
    EXPECT_EQ(r.header("vary"), "Origin");
    EXPECT_NE(r.header("access-control-expose-headers").find("X-Request-ID"), std::string::npos);
    EXPECT_NE(r.header("access-control-expose-headers").find("Retry-After"), std::string::npos);
}

inline void expect_no_cors(const HttpResponse& r) {
    EXPECT_FALSE(r.has_header("access-control-allow-origin")) << r.status;
    EXPECT_FALSE(r.has_header("access-control-expose-headers")) << r.status;
    EXPECT_FALSE(r.has_header("access-control-allow-methods")) << r.status;
    EXPECT_FALSE(r.has_header("access-control-allow-credentials")) << r.status;
}

}  // namespace decklist::test
