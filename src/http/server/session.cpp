#include "http/server/session.hpp"

#include <limits>
#include <sstream>

#include <spdlog/spdlog.h>

#include "decklist/error.hpp"
#include "http/access/access_control.hpp"
#include "http/config/server_config.hpp"
#include "http/core/request_errors.hpp"
#include "http/core/request_id.hpp"
#include "http/core/responses.hpp"
#include "http/core/url.hpp"
#include "http/server/exchange.hpp"
#include "http/server/session_registry.hpp"
#include "http/stats/stats.hpp"

namespace decklist::http {
namespace {

constexpr std::size_t kMaxHeaderBytes = 16 * 1024;  // request line + headers
constexpr std::size_t kMaxTargetBytes = 8 * 1024;   // request line alone
constexpr std::size_t kSimpleBodyDefault = 1024 * 1024;
constexpr std::size_t kBodyChunkBytes = 64 * 1024;
constexpr auto kLingerTime = std::chrono::seconds(2);

std::string serialize(const Response& response) {
    std::ostringstream out;
    out << response;
    return out.str();
}

bool is_client_gone(const beast::error_code& ec) {
    return ec == net::error::eof || ec == bhttp::error::end_of_stream ||
           ec == net::error::connection_reset || ec == net::error::broken_pipe ||
           ec == net::error::operation_aborted || ec == beast::error::timeout;
}

}  // namespace

Session::Session(tcp::socket&& socket, const SessionServices& services)
    : stream_(std::move(socket)),
      config_(services.config),
      router_(services.router),
      registry_(services.registry),
      access_(services.access),
      stats_(services.stats),
      blocking_pool_(services.blocking_pool),
      linger_timer_(stream_.get_executor()),
      body_timer_(stream_.get_executor()) {
    beast::error_code ec;
    const auto peer = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_address_ = peer.address().to_string() + ":" + std::to_string(peer.port());
}

Session::~Session() {
    registry_.remove(this);
}

void Session::start() {
    registry_.add(this, weak_from_this());
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::wait_for_request, shared_from_this()));
}

void Session::shutdown() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
        self->stopping_ = true;
        if (self->phase_ == Phase::waiting_for_request)
            self->close_connection("server shutting down");
    });
}

void Session::force_close() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
        self->close_connection("shutdown grace period over");
    });
}

// ---------------------------------------------------------------- request cycle

void Session::wait_for_request() {
    if (phase_ == Phase::closed) return;
    phase_ = Phase::waiting_for_request;
    if (stopping_) return close_connection("server shutting down");
    // Bytes of a pipelined request may already be buffered.
    if (buffer_.size() > 0) return read_header();
    stream_.expires_after(requests_ == 0 ? config_.header_timeout : config_.idle_timeout);
    stream_.async_read_some(
        buffer_.prepare(4096),
        beast::bind_front_handler(&Session::on_first_bytes, shared_from_this()));
}

void Session::on_first_bytes(beast::error_code ec, std::size_t bytes) {
    if (ec) return close_connection(ec == beast::error::timeout ? "idle timeout" : "client closed");
    buffer_.commit(bytes);
    if (stopping_) return close_connection("server shutting down");
    read_header();
}

void Session::read_header() {
    phase_ = Phase::reading_header;
    ++requests_;
    request_started_ = std::chrono::steady_clock::now();
    info_ = RequestInfo{};
    info_.remote_address = remote_address_;
    info_.request_id = generate_request_id();
    match_ = RouteMatch{};
    access_headers_.clear();
    status_ = 0;
    bytes_written_ = 0;
    logged_ = false;
    body_ = BodyRead::unread;
    continue_ = Continue::not_expected;
    simple_parser_.reset();
    body_parser_.reset();

    header_parser_.emplace();
    header_parser_->header_limit(kMaxHeaderBytes);
    // Beast checks Content-Length against the body limit while reading the header (1 MiB by
    // default); the real limit is the route's, applied once the request is routed. Not
    // boost::none: Beast 1.74 compares the length against the optional and always fails.
    header_parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    stream_.expires_after(config_.header_timeout);
    bhttp::async_read_header(stream_, buffer_, *header_parser_,
                             beast::bind_front_handler(&Session::on_header, shared_from_this()));
}

void Session::on_header(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::end_of_stream || ec == net::error::eof)
        return close_connection("client closed");
    if (ec == beast::error::timeout) return close_connection("header timeout");
    if (ec == net::error::operation_aborted || phase_ == Phase::closed)
        return close_connection("aborted");
    phase_ = Phase::handling;  // from here on, the request gets a response
    if (ec == bhttp::error::header_limit) {
        keep_alive_ = false;
        // Beast consumes the request line once it is complete: no target yet means the
        // request line alone is over the limit.
        if (header_parser_->get().target().empty())
            return respond_error(Error(ErrorType::limit, "request line too long",
                                       {{"limit_bytes", kMaxTargetBytes}}),
                                 bhttp::status::uri_too_long);
        return respond_error(Error(ErrorType::limit, "request headers too large",
                                   {{"limit_bytes", kMaxHeaderBytes}}),
                             bhttp::status::request_header_fields_too_large);
    }
    if (ec) {
        keep_alive_ = false;
        return respond_error(
            Error(ErrorType::validation, "malformed HTTP request", {{"reason", ec.message()}}));
    }
    dispatch_request();
}

void Session::dispatch_request() {
    const auto& req = header_parser_->get();
    info_.method = req.method();
    info_.method_string = std::string(req.method_string());
    info_.target = std::string(req.target());
    info_.headers = req.base();
    access_headers_ = access_.cors_headers(info_);
    if (auto sent = req["X-Request-ID"];
        is_acceptable_request_id(std::string_view(sent.data(), sent.size())))
        info_.request_id = std::string(sent);
    keep_alive_ = req.keep_alive() && !stopping_;
    body_ = header_parser_->is_done() ? BodyRead::complete : BodyRead::unread;
    if (body_ == BodyRead::unread && beast::iequals(req[bhttp::field::expect], "100-continue"))
        continue_ = Continue::expected;

    if (info_.target.size() > kMaxTargetBytes)
        return respond_error(
            Error(ErrorType::limit, "request target too long", {{"limit_bytes", kMaxTargetBytes}}),
            bhttp::status::uri_too_long);
    auto target = parse_target(info_.target);
    if (!target)
        return respond_error(
            Error(ErrorType::validation, "malformed request target", {{"target", info_.target}}));
    info_.path = std::move(target->path);
    info_.query = std::move(target->query);

    match_ = router_.match(req.method(), target->raw_path);
    // OPTIONS on a route's path: the CORS preflight, answered for every route's pattern.
    if (req.method() == bhttp::verb::options &&
        match_.kind == RouteMatch::Kind::method_not_allowed) {
        info_.route = "OPTIONS (preflight)";
        access_headers_.clear();  // the preflight carries its own
        return send_response(access_.preflight(info_, match_.allowed));
    }
    switch (match_.kind) {
        case RouteMatch::Kind::not_found:
            return respond_error(Error(ErrorType::not_found, "not found",
                                       {{"method", info_.method_string}, {"path", info_.path}}));
        case RouteMatch::Kind::method_not_allowed:
            return respond_error(
                Error(request_error::method, "method " + info_.method_string + " not allowed",
                      {{"method", info_.method_string},
                       {"path", info_.path},
                       {"allowed", allow_header(match_.allowed)}}),
                std::nullopt, allow_header(match_.allowed));
        case RouteMatch::Kind::found:
        case RouteMatch::Kind::fallback:
            break;
    }
    info_.params = match_.params;
    info_.route =
        match_.kind == RouteMatch::Kind::fallback ? "GET (static)" : match_.route->label();
    // API key and per-client limits, before any handler runs (or any body is read).
    if (auto refusal = access_.admit(info_, *match_.route))
        return send_response(std::move(*refusal));
    if (match_.route->streaming) return start_streaming();
    read_simple_body();
}

void Session::read_simple_body() {
    const auto& options = match_.route->options;
    const std::size_t limit = options.max_body_bytes ? options.max_body_bytes : kSimpleBodyDefault;
    if (body_ == BodyRead::complete) return run_simple_handler({});
    if (auto length = header_parser_->content_length(); length && *length > limit)
        return respond_error(Error(ErrorType::limit, "request body too large",
                                   {{"limit_bytes", limit}, {"content_length", *length}}));
    send_continue_if_expected();
    simple_parser_.emplace(std::move(*header_parser_));
    simple_parser_->body_limit(limit);
    body_ = BodyRead::in_flight;
    stream_.expires_after(config_.read_timeout);
    bhttp::async_read(stream_, buffer_, *simple_parser_,
                      beast::bind_front_handler(&Session::on_simple_body, shared_from_this()));
}

void Session::on_simple_body(beast::error_code ec, std::size_t) {
    if (ec == bhttp::error::body_limit) {
        body_ = BodyRead::cut_short;
        keep_alive_ = false;
        return respond_error(Error(ErrorType::limit, "request body too large"));
    }
    if (ec && is_client_gone(ec)) return close_connection("client gone while sending the body");
    if (ec) {
        body_ = BodyRead::cut_short;
        keep_alive_ = false;
        return respond_error(
            Error(ErrorType::validation, "malformed request body", {{"reason", ec.message()}}));
    }
    body_ = BodyRead::complete;
    run_simple_handler(std::move(simple_parser_->get().body()));
}

void Session::run_simple_handler(std::string body) {
    auto request = std::make_shared<Request>();
    static_cast<RequestInfo&>(*request) = info_;
    request->body = std::move(body);
    if (!match_.route->options.blocking) return send_response(call_simple_handler(*request));
    net::post(blocking_pool_, [self = shared_from_this(), request] {
        auto response = std::make_shared<Response>(self->call_simple_handler(*request));
        net::post(self->stream_.get_executor(),
                  [self, response] { self->send_response(std::move(*response)); });
    });
}

Response Session::call_simple_handler(const Request& request) const {
    try {
        return (*match_.route->simple)(request);
    } catch (const Error& e) {
        return error_response(e);
    } catch (const std::exception& e) {
        spdlog::error("request {}: handler for {} threw: {}", info_.request_id, info_.route,
                      e.what());
        return error_response(Error(ErrorType::internal, "internal error"));
    }
}

void Session::start_streaming() {
    const auto& options = match_.route->options;
    const std::size_t limit =
        options.max_body_bytes ? options.max_body_bytes : config_.max_body_bytes();
    const auto length = header_parser_->content_length();
    if (length && *length > limit)
        return respond_error(Error(ErrorType::limit, "request body too large",
                                   {{"limit_bytes", limit}, {"content_length", *length}}));
    body_parser_.emplace(std::move(*header_parser_));
    body_parser_->body_limit(limit);
    body_limit_ = limit;
    exchange_ = std::make_shared<Exchange>(
        shared_from_this(), length ? std::optional<std::uint64_t>(*length) : std::nullopt);
    if (body_ == BodyRead::complete) watch_for_disconnect();
    auto exchange = exchange_;
    try {
        (*match_.route->streaming)(info_, exchange, exchange);
    } catch (const Error& e) {
        exchange->send(error_response(e));
    } catch (const std::exception& e) {
        spdlog::error("request {}: handler for {} threw: {}", info_.request_id, info_.route,
                      e.what());
        exchange->send(error_response(Error(ErrorType::internal, "internal error")));
    }
}

// ---------------------------------------------------------------- responses

void Session::prepare_headers(bhttp::fields& fields, bool chunked_stream) {
    fields.set("X-Request-ID", info_.request_id);
    fields.set(bhttp::field::server, "decklist-ocr");
    for (const auto& field : access_headers_) fields.set(field.name_string(), field.value());
    // A complete response written before its request body was read to the end cannot leave
    // the connection usable: the rest of the body would be taken for the next request. A
    // stream may start while the upload goes on; after_response() checks again at its end.
    if ((!chunked_stream && body_ != BodyRead::complete) || stopping_) keep_alive_ = false;
    fields.set(bhttp::field::connection, keep_alive_ ? "keep-alive" : "close");
}

void Session::send_response(Response response) {
    if (phase_ == Phase::closed) return;
    response.version(11);
    prepare_headers(response.base(), false);
    if (match_.head_as_get) {
        response.content_length(response.body().size());
        response.body().clear();
    } else {
        response.prepare_payload();
    }
    status_ = response.result_int();
    queue_write(serialize(response), {}, true);
}

void Session::respond_error(const Error& error, std::optional<bhttp::status> status,
                            std::optional<std::string> allow) {
    if (info_.route.empty()) info_.route = "unmatched";
    auto response = status ? error_response(error, *status) : error_response(error);
    if (allow) response.set(bhttp::field::allow, *allow);
    if (exchange_) return exchange_->send(std::move(response));
    send_response(std::move(response));
}

void Session::start_chunked_response(bhttp::status status, const bhttp::fields& headers) {
    bhttp::response<bhttp::empty_body> head{status, 11};
    for (const auto& field : headers) head.set(field.name_string(), field.value());
    prepare_headers(head.base(), true);
    head.chunked(true);
    status_ = head.result_int();
    std::ostringstream out;
    out << head.base();
    queue_write(out.str(), {}, false);
}

void Session::queue_write(std::string bytes, std::function<void(bool)> done, bool ends_response) {
    if (phase_ == Phase::closed) {
        if (done) done(false);
        return;
    }
    writes_.push_back({std::move(bytes), std::move(done), ends_response});
    if (!writing_) write_next();
}

void Session::write_next() {
    if (writes_.empty() || phase_ == Phase::closed) return;
    writing_ = true;
    // A client that does not take our bytes for this long is treated as gone.
    stream_.expires_after(config_.read_timeout);
    net::async_write(stream_, net::buffer(writes_.front().bytes),
                     beast::bind_front_handler(&Session::on_write, shared_from_this()));
}

void Session::on_write(beast::error_code ec, std::size_t bytes) {
    writing_ = false;
    if (writes_.empty()) return;  // closed meanwhile; close_connection failed the writes
    auto write = std::move(writes_.front());
    writes_.pop_front();
    bytes_written_ += bytes;
    if (ec) {
        if (write.done) write.done(false);
        return close_connection(ec == beast::error::timeout ? "write timeout" : "client gone");
    }
    if (write.done) write.done(true);
    if (write.ends_response) return response_written();
    write_next();
}

void Session::response_written() {
    log_request(status_);
    info_.access.reset();  // a batch still running holds its own share
    if (exchange_) {
        exchange_->detach();
        exchange_.reset();
    }
    after_response();
}

void Session::after_response() {
    if (phase_ == Phase::closed) return;
    if (!keep_alive_ || stopping_ || body_ != BodyRead::complete) return linger_close();
    if (watching_) {
        // The readability wait for a disconnect is pending; its cancellation is ignored.
        watching_ = false;
        beast::error_code ignored;
        stream_.socket().cancel(ignored);
    }
    wait_for_request();
}

void Session::log_request(int status) {
    if (logged_) return;
    logged_ = true;
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                                request_started_)
                          .count();
    const int recorded = status ? status : 499;  // nginx's "client closed request"
    stats_.record_request(info_.route.empty() ? "unmatched" : info_.route, recorded, ms);
    // The key's label names the client; the key itself (?access_token=) is never logged.
    const std::string key =
        info_.access && !info_.access->key_label.empty() ? " key=" + info_.access->key_label : "";
    spdlog::info("{} {} {} {} {}B {:.1f}ms {}{}", info_.request_id,
                 info_.method_string.empty() ? "-" : info_.method_string,
                 info_.target.empty() ? "-" : redact_target(info_.target), recorded, bytes_written_,
                 ms, remote_address_, key);
}

// ---------------------------------------------------------------- streaming support

void Session::send_continue_if_expected() {
    if (continue_ != Continue::expected) return;
    continue_ = Continue::sent;
    queue_write("HTTP/1.1 100 Continue\r\n\r\n", {}, false);
}

void Session::read_body_piece() {
    if (phase_ == Phase::closed || !exchange_ || body_ != BodyRead::unread) return;
    if (!exchange_->wants_body()) return;  // resume() calls back here
    if (body_parser_->is_done()) {
        body_ = BodyRead::complete;
        exchange_->end_body(std::nullopt);
        return watch_for_disconnect();
    }
    send_continue_if_expected();
    if (body_chunk_.empty()) body_chunk_.resize(kBodyChunkBytes);
    auto& body = body_parser_->get().body();
    body.data = body_chunk_.data();
    body.size = body_chunk_.size();
    body_ = BodyRead::in_flight;
    stream_.expires_never();
    body_timer_.expires_after(config_.read_timeout);
    body_timer_.async_wait(
        beast::bind_front_handler(&Session::on_body_stalled, shared_from_this()));
    bhttp::async_read_some(stream_, buffer_, *body_parser_,
                           beast::bind_front_handler(&Session::on_body_piece, shared_from_this()));
}

void Session::on_body_stalled(beast::error_code ec) {
    if (ec || phase_ == Phase::closed || body_ != BodyRead::in_flight) return;
    body_ = BodyRead::stalled;
    beast::error_code ignored;
    stream_.socket().cancel(ignored);  // the read completes with operation_aborted
}

void Session::on_body_piece(beast::error_code ec, std::size_t) {
    body_timer_.cancel();
    const bool stalled = body_ == BodyRead::stalled;
    if (body_ == BodyRead::in_flight || stalled) body_ = BodyRead::unread;
    if (!exchange_) return;
    if (ec == bhttp::error::need_buffer) ec = {};
    const std::size_t produced = body_chunk_.size() - body_parser_->get().body().size;
    if (produced > 0 && phase_ != Phase::closed)
        exchange_->deliver_chunk({body_chunk_.data(), produced});
    if (!exchange_ || phase_ == Phase::closed) return;
    if (ec == bhttp::error::body_limit) {
        body_ = BodyRead::cut_short;
        exchange_->end_body(
            Error(ErrorType::limit, "request body too large", {{"limit_bytes", body_limit_}}));
        return;
    }
    if (stalled) {
        spdlog::warn("request {}: the upload stalled for read_timeout_s ({} s)", info_.request_id,
                     seconds_json(config_.read_timeout).dump());
        end_body_early(Error(ErrorType::upload_incomplete,
                             "the upload stalled: nothing arrived for read_timeout_s",
                             {{"read_timeout_s", seconds_json(config_.read_timeout)}}));
        return watch_for_disconnect();
    }
    if (ec == bhttp::error::partial_message) {
        // The client closed its side before the declared end; it may still be reading.
        spdlog::warn("request {}: the request body ended before its declared length",
                     info_.request_id);
        return end_body_early(Error(ErrorType::upload_incomplete,
                                    "the request body ended before its declared length"));
    }
    if (ec && is_client_gone(ec)) return close_connection("client gone while sending the body");
    if (ec) {
        body_ = BodyRead::cut_short;
        exchange_->end_body(
            Error(ErrorType::validation, "malformed request body", {{"reason", ec.message()}}));
        return;
    }
    read_body_piece();
}

void Session::end_body_early(Error error) {
    // The rest of the body will never be read: the connection cannot carry another request.
    body_ = BodyRead::cut_short;
    keep_alive_ = false;
    exchange_->end_body(std::move(error));
}

void Session::watch_for_disconnect() {
    if (phase_ == Phase::closed || watching_ || !exchange_) return;
    watching_ = true;
    stream_.socket().async_wait(
        tcp::socket::wait_read,
        beast::bind_front_handler(&Session::on_readable, shared_from_this()));
}

void Session::on_readable(beast::error_code ec) {
    if (!watching_ || phase_ == Phase::closed)
        return;  // cancelled by after_response, or already closed
    watching_ = false;
    if (!ec) {
        // Never block an I/O thread here: a readiness report can be stale, and a synchronous
        // receive on a socket in (user) blocking mode then polls until data comes, freezing
        // this connection's strand, heartbeats included. Peek in non-blocking mode (async
        // operations do not depend on it) and simply watch again when nothing is there.
        char byte;
        stream_.socket().non_blocking(true, ec);
        const auto n =
            ec ? 0 : stream_.socket().receive(net::buffer(&byte, 1), tcp::socket::message_peek, ec);
        if (ec == net::error::would_block || ec == net::error::try_again) {
            return watch_for_disconnect();
        }
        if (!ec && n > 0) return;  // a pipelined request: read it after this response
    }
    close_connection("client gone");
}

// ---------------------------------------------------------------- ending

void Session::close_connection(const char* reason) {
    if (phase_ == Phase::closed) return;
    phase_ = Phase::closed;
    spdlog::debug("connection {} closed: {}", remote_address_, reason);
    auto writes = std::move(writes_);
    writes_.clear();
    for (auto& w : writes)
        if (w.done) w.done(false);
    if (exchange_) {
        auto exchange = std::move(exchange_);
        exchange->connection_closed();
        exchange->detach();
        log_request(status_);
    }
    beast::error_code ignored;
    linger_timer_.cancel();
    body_timer_.cancel();
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.socket().close(ignored);
}

void Session::linger_close() {
    // Closing with unread request bytes makes the kernel send RST, which can destroy the
    // response before the client reads it. Half-close, drain briefly, then close. Pending
    // reads (a body piece, the disconnect watch) are cancelled first; the drain uses the
    // bare socket so that it does not overlap the stream's own read operation.
    if (phase_ == Phase::closed) return;
    phase_ = Phase::lingering;
    watching_ = false;
    beast::error_code ignored;
    stream_.socket().cancel(ignored);
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    linger_timer_.expires_after(kLingerTime);
    linger_timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
        if (!ec) self->close_connection("linger time over");
    });
    stream_.socket().async_read_some(
        net::buffer(discard_),
        beast::bind_front_handler(&Session::on_linger_read, shared_from_this()));
}

void Session::on_linger_read(beast::error_code ec, std::size_t) {
    if (ec || phase_ == Phase::closed) return close_connection("response complete");
    stream_.socket().async_read_some(
        net::buffer(discard_),
        beast::bind_front_handler(&Session::on_linger_read, shared_from_this()));
}

}  // namespace decklist::http
