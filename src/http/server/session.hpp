#pragma once
// One HTTP/1.1 connection, in the style of the Beast advanced server: a shared object that
// lives as long as an asynchronous step (or an active streaming exchange) holds it, with each
// step a named member function, all running on the connection's strand.
//
//   wait_for_request -> read_header -> dispatch_request -> read_simple_body -> run_simple_handler
//                                                          (blocking routes: on the blocking
//                                                           pool, then send_response on the strand)
//                                                       -> start_streaming (Exchange)
//   every response   -> queue_write -> write_next -> on_write -> response_written
//                    -> wait_for_request (keep-alive) or linger_close
//
// The Session owns the connection and the reading of every body; an Exchange owns a
// streaming handler's side of one request (its callbacks, what it asked for, how far its
// response got). Each asks the other through the methods below, never through its fields.

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
class SessionRegistry;
class Stats;
struct ServerConfig;

// What every connection uses, all owned by the Server, which outlives its sessions.
struct SessionServices {
    const ServerConfig& config;  // timeouts and body limits
    const Router& router;
    AccessControl& access;            // CORS headers, API keys, per-client limits
    Stats& stats;                     // every request is counted
    net::thread_pool& blocking_pool;  // where RouteOptions::blocking handlers run
    SessionRegistry& registry;        // the open connections, which a shutdown closes
};

class Session : public std::enable_shared_from_this<Session> {
  public:
    // Where the connection is in its life. Every transition happens on the strand:
    //   waiting_for_request -> reading_header       the first bytes of a request arrived
    //   reading_header      -> handling             the header is read, and routed or refused
    //   handling            -> waiting_for_request  response written, keep-alive, body all read
    //   handling            -> lingering            response written, connection not reusable
    //   lingering           -> closed               the client closed, or kLingerTime is over
    //   any phase           -> closed               timeout, client gone, write error, force_close
    // shutdown() closes a connection that is waiting_for_request at once; in any other phase
    // the current response is finished first and the connection is not reused.
    enum class Phase { waiting_for_request, reading_header, handling, lingering, closed };

    // How much of the current request's body has been read. The session alone reads it:
    //   unread    -> in_flight   a socket read started: a simple route's whole body, or the
    //                            next piece of a streamed one
    //   in_flight -> unread      a streamed piece arrived and went to the Exchange
    //   in_flight -> stalled     nothing arrived for read_timeout; the read is being cancelled
    //   unread, in_flight -> complete     the parser is at the body's end (a request without
    //                            body starts here)
    //   in_flight, stalled -> cut_short   the body will not be read to its end: stalled, cut
    //                            off, over its limit or malformed
    // Only a complete body leaves the connection reusable for another request.
    enum class BodyRead { unread, in_flight, stalled, complete, cut_short };

    Session(tcp::socket&& socket, const SessionServices& services);
    ~Session();

    void start();
    // Thread-safe. Server shutdown: an idle connection closes now, a busy one after its
    // current response.
    void shutdown();
    // Thread-safe. Grace period over: close whatever is going on.
    void force_close();

    // For the current request's Exchange, on the strand only.
    net::any_io_executor executor() { return stream_.get_executor(); }
    const std::string& request_id() const { return info_.request_id; }
    BodyRead body_read() const { return body_; }
    // Reads the next piece of a streamed body when the exchange wants one and none is being
    // read; at the body's end, ends the exchange's body instead.
    void read_body_piece();
    void send_response(Response response);
    // Writes the head of a chunked response; the chunks follow through queue_write.
    void start_chunked_response(bhttp::status status, const bhttp::fields& headers);
    // Bytes leave in call order. `done(ok)` once written, or with false if the connection
    // ended first; `ends_response` marks the last write of the response.
    void queue_write(std::string bytes, std::function<void(bool ok)> done, bool ends_response);

  private:
    // request cycle
    void wait_for_request();
    void on_first_bytes(beast::error_code ec, std::size_t bytes);
    void read_header();
    void on_header(beast::error_code ec, std::size_t bytes);
    void dispatch_request();
    void read_simple_body();
    void on_simple_body(beast::error_code ec, std::size_t bytes);
    void run_simple_handler(std::string body);
    Response call_simple_handler(const Request& request) const;
    void start_streaming();

    // responses
    void respond_error(const Error& error, std::optional<bhttp::status> status = {},
                       std::optional<std::string> allow = {});
    void prepare_headers(bhttp::fields& fields, bool chunked_stream);
    void write_next();
    void on_write(beast::error_code ec, std::size_t bytes);
    void response_written();
    void after_response();
    void log_request(int status);

    // a streamed body
    void send_continue_if_expected();
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
    const ServerConfig& config_;
    const Router& router_;
    SessionRegistry& registry_;
    AccessControl& access_;  // CORS headers, API keys, per-client limits
    Stats& stats_;
    net::thread_pool& blocking_pool_;
    std::string remote_address_;

    Phase phase_ = Phase::waiting_for_request;
    std::size_t requests_ = 0;  // requests whose header this connection has begun to read
    bool stopping_ = false;     // server shutdown: no further requests

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
    BodyRead body_ = BodyRead::complete;
    // "Expect: 100-continue": the interim response goes out when the body is first read.
    enum class Continue { not_expected, expected, sent };
    Continue continue_ = Continue::not_expected;
    bool keep_alive_ = false;  // the client allows it and nothing since has ruled it out
    int status_ = 0;
    std::size_t bytes_written_ = 0;
    bool logged_ = false;
    std::shared_ptr<Exchange> exchange_;  // a streaming route's request, while it lasts

    struct PendingWrite {
        std::string bytes;
        std::function<void(bool ok)> done;
        bool ends_response = false;
    };
    std::deque<PendingWrite> writes_;
    bool writing_ = false;   // the front of writes_ is being written
    bool watching_ = false;  // waiting for readability to notice a client leaving
    std::array<char, 4096> discard_{};
    net::steady_timer linger_timer_;
    // A streamed body's silence limit. Not the stream's own expiry, which closes the socket:
    // a stalled upload still gets its response (the files that arrived, and what was lost).
    net::steady_timer body_timer_;
};

}  // namespace decklist::http
