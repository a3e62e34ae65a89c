#include "http/server/exchange.hpp"

#include <sstream>

#include <spdlog/spdlog.h>

#include "http/server/session.hpp"

namespace decklist::http {

Exchange::Exchange(std::shared_ptr<Session> session, std::optional<std::uint64_t> content_length)
    : session_(std::move(session)),
      strand_(session_->executor()),
      content_length_(content_length) {}

template <class F>
void Exchange::on_strand(F&& f) {
    net::post(strand_, [self = shared_from_this(), f = std::forward<F>(f)]() mutable { f(*self); });
}

// ---------------------------------------------------------------- RequestBody

void Exchange::read(ChunkHandler on_chunk, EndHandler on_end) {
    on_strand([on_chunk = std::move(on_chunk), on_end = std::move(on_end)](Exchange& self) mutable {
        if (!self.session_) {
            if (on_end) on_end(Error(ErrorType::cancelled, "the connection is closed"));
            return;
        }
        if (self.delivery_ == BodyDelivery::delivering) return;  // read() twice: keep the first
        if (self.delivery_ == BodyDelivery::ended) {
            if (on_end) on_end(Error(ErrorType::cancelled, "the request body already ended"));
            return;
        }
        self.delivery_ = BodyDelivery::delivering;
        self.on_chunk_ = std::move(on_chunk);
        self.on_end_ = std::move(on_end);
        if (self.session_->body_read() == Session::BodyRead::complete)
            return self.end_body(std::nullopt);
        self.session_->read_body_piece();
    });
}

void Exchange::resume() {
    paused_ = false;
    on_strand([](Exchange& self) {
        if (self.session_ && self.wants_body()) self.session_->read_body_piece();
    });
}

void Exchange::deliver_chunk(std::string_view chunk) {
    if (on_chunk_) on_chunk_(chunk);
}

void Exchange::end_body(std::optional<Error> error) {
    if (delivery_ == BodyDelivery::ended) return;
    delivery_ = BodyDelivery::ended;
    auto on_end = std::move(on_end_);
    on_end_ = {};
    on_chunk_ = {};
    if (on_end) on_end(std::move(error));
}

// ---------------------------------------------------------------- ResponseStream

void Exchange::send(Response response) {
    on_strand([response = std::move(response)](Exchange& self) mutable {
        if (!self.session_ || self.response_ == ResponseState::complete) return;
        if (self.response_ == ResponseState::streaming) {
            spdlog::warn("request {}: send() after write_head() ignored",
                         self.session_->request_id());
            return;
        }
        self.response_ = ResponseState::complete;
        self.session_->send_response(std::move(response));
    });
}

void Exchange::write_head(bhttp::status status, bhttp::fields headers) {
    on_strand([status, headers = std::move(headers)](Exchange& self) mutable {
        if (!self.session_ || self.response_ != ResponseState::not_started) return;
        self.response_ = ResponseState::streaming;
        self.session_->start_chunked_response(status, headers);
    });
}

void Exchange::write_chunk(std::string data, std::function<void(bool)> on_written) {
    on_strand([data = std::move(data), on_written = std::move(on_written)](Exchange& self) mutable {
        if (!self.session_ || self.response_ != ResponseState::streaming) {
            if (on_written) on_written(false);
            return;
        }
        if (data.empty()) {
            if (on_written) on_written(true);
            return;
        }
        std::ostringstream size;
        size << std::hex << data.size();
        std::string framed = size.str();
        framed.reserve(framed.size() + data.size() + 4);
        framed += "\r\n";
        framed += data;
        framed += "\r\n";
        self.session_->queue_write(std::move(framed), std::move(on_written), false);
    });
}

void Exchange::finish() {
    on_strand([](Exchange& self) {
        if (!self.session_ || self.response_ != ResponseState::streaming) return;
        self.response_ = ResponseState::complete;
        self.session_->queue_write("0\r\n\r\n", {}, true);
    });
}

void Exchange::on_close(std::function<void()> callback) {
    on_strand([callback = std::move(callback)](Exchange& self) mutable {
        if (self.closed_) {
            if (callback) callback();
            return;
        }
        if (!self.session_) return;  // the response completed: there is nothing to close
        self.on_close_.push_back(std::move(callback));
    });
}

// ---------------------------------------------------------------- from the session

void Exchange::connection_closed() {
    closed_ = true;
    if (delivery_ == BodyDelivery::delivering)
        end_body(Error(ErrorType::cancelled, "the client closed the connection"));
    auto callbacks = std::move(on_close_);
    on_close_.clear();
    for (auto& callback : callbacks)
        if (callback) callback();
}

void Exchange::detach() {
    // A response may complete before its request body was read to the end (an early error,
    // a batch cancelled by shutdown); the connection then lingers and closes, and the rest
    // of the body is never read. The body's reader must hear that it ended: it may hold a
    // part half received and, through its handlers, the batch that holds the reader.
    if (delivery_ == BodyDelivery::delivering)
        end_body(Error(ErrorType::cancelled, "the response ended before the request body did"));
    // Drop everything that may hold the handler's state, which may hold this exchange.
    session_.reset();
    on_chunk_ = {};
    on_end_ = {};
    on_close_.clear();
    delivery_ = BodyDelivery::ended;
}

}  // namespace decklist::http
