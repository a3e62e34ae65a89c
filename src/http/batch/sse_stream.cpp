#include "http/batch/sse_stream.hpp"

#include "http/sse/sse_encoder.hpp"

namespace decklist::http {

std::shared_ptr<SseStream> SseStream::create(std::shared_ptr<ResponseStream> response,
                                             net::io_context& io,
                                             std::chrono::milliseconds heartbeat_interval,
                                             Dialect dialect) {
    return std::shared_ptr<SseStream>(
        new SseStream(std::move(response), io, heartbeat_interval, dialect));
}

SseStream::SseStream(std::shared_ptr<ResponseStream> response, net::io_context& io,
                     std::chrono::milliseconds heartbeat_interval, Dialect dialect)
    : response_(std::move(response)),
      strand_(net::make_strand(io)),
      timer_(strand_),
      heartbeat_interval_(heartbeat_interval),
      dialect_(dialect) {}

namespace {
std::atomic<std::size_t> open_streams{0};
}  // namespace

std::size_t SseStream::open_count() noexcept {
    return open_streams.load();
}

void SseStream::stop_counting() noexcept {
    if (counted_open_.exchange(false)) --open_streams;
}

SseStream::~SseStream() {
    stop_counting();  // a stream whose client went away may never be closed
}

void SseStream::open() {
    if (opened_.exchange(true)) return;
    if (!closed_ && !counted_open_.exchange(true)) ++open_streams;
    bhttp::fields headers;
    // Exactly the media type: clients compare the whole header (SSE is UTF-8 by definition).
    headers.set(bhttp::field::content_type, "text/event-stream");
    headers.set(bhttp::field::cache_control, "no-cache");
    headers.set("X-Accel-Buffering", "no");
    headers.set(bhttp::field::connection, "keep-alive");
    response_->write_head(bhttp::status::ok, std::move(headers));
    if (dialect_ == Dialect::event_source) response_->write_chunk(sse::encode_retry(kRetry));
    net::post(strand_, [self = shared_from_this()] { self->schedule_heartbeat(); });
}

void SseStream::send(const BatchEvent& event) {
    send(event_name(event), next_id_++, to_json(event).dump());
}

void SseStream::send(std::string_view name, std::uint64_t id, const std::string& data) {
    if (closed_) return;
    response_->write_chunk(sse::encode_event(name, id, data));
}

void SseStream::close() {
    if (closed_.exchange(true)) return;
    stop_counting();
    if (opened_) response_->finish();
    net::post(strand_, [self = shared_from_this()] { self->timer_.cancel(); });
}

void SseStream::schedule_heartbeat() {
    if (closed_) return;
    timer_.expires_after(heartbeat_interval_);
    timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
        if (ec || self->closed_ || self->response_->closed()) return;
        self->response_->write_chunk(self->dialect_ == Dialect::event_source
                                         ? sse::encode_heartbeat_comment()
                                         : sse::encode_ping_event());
        self->schedule_heartbeat();
    });
}

}  // namespace decklist::http
