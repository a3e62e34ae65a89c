#pragma once
// A small blocking HTTP/1.1 client over a real TCP socket, for tests. It sends exactly the
// bytes it is given (whole, in pieces, one byte at a time) and reads responses
// incrementally: a head, then a Content-Length body, a chunked body chunk by chunk (for
// event streams), or everything until the server closes. Reads give up after a timeout
// (default 30 s) by throwing, so a broken server fails a test instead of hanging it.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace decklist::test {

struct HttpResponse {
    int status = 0;
    std::string reason;
    std::multimap<std::string, std::string> headers;  // names lower-cased
    std::string body;

    // First value of a header ("" when absent).
    std::string header(std::string name) const {
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
    bool has_header(const std::string& name) const { return !header(name).empty(); }
    bool chunked() const {
        auto te = header("transfer-encoding");
        std::transform(te.begin(), te.end(), te.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return te.find("chunked") != std::string::npos;
    }
};

class HttpConnection {
  public:
    HttpConnection(const std::string& host, int port,
                   std::chrono::milliseconds timeout = std::chrono::seconds(30))
        : timeout_(timeout) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        if (fd_ < 0) throw std::runtime_error("socket: " + std::string(std::strerror(errno)));
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(static_cast<std::uint16_t>(port));
        if (::inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1)
            throw std::runtime_error("bad IPv4 address " + host);
        if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
            const std::string why = std::strerror(errno);
            ::close(fd_);
            throw std::runtime_error("connect to " + host + ":" + std::to_string(port) + ": " +
                                     why);
        }
        int one = 1;  // each send() leaves as its own segment: real byte-by-byte arrival
        ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    }
    ~HttpConnection() { close(); }
    HttpConnection(const HttpConnection&) = delete;
    HttpConnection& operator=(const HttpConnection&) = delete;

    void close() {
        if (fd_ >= 0) ::close(fd_);
        fd_ = -1;
    }
    void shutdown_write() { ::shutdown(fd_, SHUT_WR); }
    int native_handle() const { return fd_; }

    // Sends all bytes; false when the server has closed the connection.
    bool send(std::string_view bytes) {
        while (!bytes.empty()) {
            const auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return false;
            bytes.remove_prefix(static_cast<std::size_t>(n));
        }
        return true;
    }
    // Sends `bytes` in writes of `piece` bytes each.
    bool send_in_pieces(std::string_view bytes, std::size_t piece) {
        while (!bytes.empty()) {
            const auto n = std::min(piece, bytes.size());
            if (!send(bytes.substr(0, n))) return false;
            bytes.remove_prefix(n);
        }
        return true;
    }

    // The status line and headers of the next response (a 100 Continue is returned too).
    HttpResponse read_head() {
        HttpResponse r;
        const std::string status_line = read_line();
        // "HTTP/1.1 200 OK"
        if (status_line.rfind("HTTP/1.", 0) != 0 || status_line.size() < 12)
            throw std::runtime_error("bad status line: " + status_line);
        r.status = std::stoi(status_line.substr(9, 3));
        r.reason = status_line.size() > 13 ? status_line.substr(13) : "";
        for (;;) {
            const std::string line = read_line();
            if (line.empty()) break;
            const auto colon = line.find(':');
            if (colon == std::string::npos) throw std::runtime_error("bad header line: " + line);
            std::string name = line.substr(0, colon);
            std::transform(name.begin(), name.end(), name.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            std::string value = line.substr(colon + 1);
            value.erase(0, value.find_first_not_of(" \t"));
            value.erase(value.find_last_not_of(" \t") + 1);
            r.headers.emplace(std::move(name), std::move(value));
        }
        return r;
    }

    // The next chunk of a chunked body; nullopt after the last chunk (and its trailers).
    std::optional<std::string> read_chunk() {
        const std::string size_line = read_line();
        const std::size_t size = std::stoul(size_line.substr(0, size_line.find(';')), nullptr, 16);
        if (size == 0) {
            while (!read_line().empty()) {
            }
            return std::nullopt;
        }
        std::string data = read_exact(size);
        if (!read_line().empty()) throw std::runtime_error("chunk not followed by CRLF");
        return data;
    }

    // A whole response to a request with method `method` (HEAD responses have no body).
    HttpResponse read_response(std::string_view method = "GET") {
        HttpResponse r = read_head();
        while (r.status == 100) r = read_head();
        if (method == "HEAD" || r.status == 204 || r.status == 304) return r;
        if (r.chunked()) {
            while (auto chunk = read_chunk()) r.body += *chunk;
        } else if (auto length = r.header("content-length"); !length.empty()) {
            r.body = read_exact(std::stoul(length));
        } else {
            r.body = read_until_close();
        }
        return r;
    }

    std::string read_until_close() {
        std::string out = std::move(buffer_);
        buffer_.clear();
        while (fill() > 0) {
            out += buffer_;
            buffer_.clear();
        }
        return out;
    }

    // True when the server closes the connection (EOF or reset) before the timeout.
    bool wait_closed(std::chrono::milliseconds timeout) {
        const auto saved = timeout_;
        timeout_ = timeout;
        bool closed = false;
        try {
            buffer_.clear();
            while (fill() > 0) buffer_.clear();
            closed = true;
        } catch (const std::runtime_error&) {
            closed = false;  // timed out
        }
        timeout_ = saved;
        return closed;
    }

    // A request with Content-Length (when body is not empty or the method usually has one).
    static std::string format_request(
        std::string_view method, std::string_view target,
        const std::vector<std::pair<std::string, std::string>>& headers = {},
        std::string_view body = {}) {
        std::string out = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\n";
        bool has_host = false, has_length = false;
        for (const auto& [name, value] : headers) {
            out += name + ": " + value + "\r\n";
            std::string lower = name;
            std::transform(lower.begin(), lower.end(), lower.begin(),
                           [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            has_host |= lower == "host";
            has_length |= lower == "content-length" || lower == "transfer-encoding";
        }
        if (!has_host) out += "Host: 127.0.0.1\r\n";
        if (!has_length && (!body.empty() || method == "POST" || method == "PUT"))
            out += "Content-Length: " + std::to_string(body.size()) + "\r\n";
        out += "\r\n";
        out += body;
        return out;
    }

    // `pieces` framed as a chunked body (with the terminating zero chunk).
    static std::string chunked_body(const std::vector<std::string>& pieces) {
        std::string out;
        char size[32];
        for (const auto& p : pieces) {
            if (p.empty()) continue;
            std::snprintf(size, sizeof size, "%zx\r\n", p.size());
            out += size + p + "\r\n";
        }
        return out + "0\r\n\r\n";
    }

  private:
    // Reads more bytes into buffer_; 0 on EOF; throws on timeout or error.
    std::size_t fill() {
        pollfd p{fd_, POLLIN, 0};
        const int ready = ::poll(&p, 1, static_cast<int>(timeout_.count()));
        if (ready == 0) throw std::runtime_error("timed out waiting for the server");
        if (ready < 0) throw std::runtime_error("poll: " + std::string(std::strerror(errno)));
        char data[16384];
        const auto n = ::recv(fd_, data, sizeof data, 0);
        if (n < 0) {
            if (errno == ECONNRESET) return 0;
            throw std::runtime_error("recv: " + std::string(std::strerror(errno)));
        }
        buffer_.append(data, static_cast<std::size_t>(n));
        return static_cast<std::size_t>(n);
    }
    std::string read_line() {
        for (;;) {
            const auto end = buffer_.find("\r\n");
            if (end != std::string::npos) {
                std::string line = buffer_.substr(0, end);
                buffer_.erase(0, end + 2);
                return line;
            }
            if (fill() == 0) throw std::runtime_error("connection closed mid-line");
        }
    }
    std::string read_exact(std::size_t n) {
        while (buffer_.size() < n)
            if (fill() == 0) throw std::runtime_error("connection closed mid-body");
        std::string out = buffer_.substr(0, n);
        buffer_.erase(0, n);
        return out;
    }

    int fd_ = -1;
    std::chrono::milliseconds timeout_;
    std::string buffer_;
};

// One request on a fresh connection.
inline HttpResponse http_request(
    int port, std::string_view method, std::string_view target,
    const std::vector<std::pair<std::string, std::string>>& headers = {},
    std::string_view body = {}) {
    HttpConnection c("127.0.0.1", port);
    c.send(HttpConnection::format_request(method, target, headers, body));
    return c.read_response(method);
}

}  // namespace decklist::test
