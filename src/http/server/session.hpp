#pragma once
// One HTTP/1.1 connection, in the style of the Beast advanced server: a shared object that
// lives as long as an asynchronous step (or an active streaming exchange) holds it, with each
// step a named member function, all running on the connection's strand.
//
//   wait_for_request -> read_header -> dispatch_request -> read_simple_body -> run_simple_handler
//                                                       -> start_streaming (Exchange)
//   every response   -> queue_write -> write_next -> on_write -> response_written
//                    -> wait_for_request (keep-alive) or linger_close

#include <array>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/core/beast.hpp"
#include "http/core/request.hpp"
#include "http/router/router.hpp"

namespace decklist::http {

class AccessControl;
class Exchange;
class ServerContext;
class SessionRegistry;

class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(tcp::socket&& socket, ServerContext& context, const Router& router,
            SessionRegistry& registry);
    ~Session();

    void start();
    // Thread-safe. Server shutdown: an idle connection closes now, a busy one after its
    // current response.
    void shutdown();
    // Thread-safe. Grace period over: close whatever is going on.
    void force_close();

  private:
    friend class Exchange;

    // request cycle
    void wait_for_request();
    void on_first_bytes(beast::error_code ec, std::size_t bytes);
    void read_header();
    void on_header(beast::error_code ec, std::size_t bytes);
    void dispatch_request();
    void read_simple_body();
    void on_simple_body(beast::error_code ec, std::size_t bytes);
    void run_simple_handler(std::string body);
    void start_streaming();

    // responses
    void send_response(Response response);
    void respond_error(const Error& error, std::optional<bhttp::status> status = {},
                       std::optional<std::string> allow = {});
    void prepare_headers(bhttp::fields& fields, bool chunked_stream);
    void queue_write(std::string bytes, std::function<void(bool ok)> done, bool ends_response);
    void write_next();
    void on_write(beast::error_code ec, std::size_t bytes);
    void response_written();
    void after_response();
    void log_request(int status);

    // streaming support (called by Exchange, on the strand)
    void read_body_piece();
    void on_body_piece(beast::error_code ec, std::size_t bytes);
    void on_body_stalled(beast::error_code ec);
    void end_body_early(Error error);
    void watch_for_disconnect();
    void on_readable(beast::error_code ec);

    // ending
    void close_connection(const char* reason);
    void linger_close();
    void on_linger_read(beast::error_code ec, std::size_t bytes);

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    ServerContext& context_;
    const Router& router_;
    SessionRegistry& registry_;
    AccessControl& access_;  // CORS headers, API keys, per-client limits
    std::string remote_address_;

    std::optional<bhttp::request_parser<bhttp::empty_body>> header_parser_;
    std::optional<bhttp::request_parser<bhttp::string_body>> simple_parser_;
    std::optional<bhttp::request_parser<bhttp::buffer_body>> body_parser_;
    std::vector<char> body_chunk_;  // where streamed body pieces land
    std::size_t body_limit_ = 0;

    // the current request
    RequestInfo info_;
    RouteMatch match_;
    bhttp::fields access_headers_;  // CORS headers every response to this request carries
    std::chrono::steady_clock::time_point request_started_;
    bool keep_alive_ = false;
    bool body_complete_ = false;  // the request body has been read to its end (or had none)
    bool expect_continue_ = false;
    bool continue_sent_ = false;
    int status_ = 0;
    std::size_t bytes_written_ = 0;
    bool logged_ = false;
    std::shared_ptr<Exchange> exchange_;

    struct PendingWrite {
        std::string bytes;
        std::function<void(bool ok)> done;
        bool ends_response = false;
    };
    std::deque<PendingWrite> writes_;
    bool writing_ = false;

    bool first_request_ = true;
    bool idle_ = false;      // waiting for a request's first byte
    bool watching_ = false;  // waiting for readability to notice a client leaving
    bool stopping_ = false;  // server shutdown: no further requests
    bool closed_ = false;
    std::array<char, 4096> discard_{};
    net::steady_timer linger_timer_;
    // A streamed body's silence limit. Not the stream's own expiry, which closes the socket:
    // a stalled upload still gets its response (the files that arrived, and what was lost).
    net::steady_timer body_timer_;
    bool body_stalled_ = false;
};

}  // namespace decklist::http
