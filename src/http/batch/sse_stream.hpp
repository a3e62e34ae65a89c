#pragma once
// One Server-Sent Events response: the head with the headers every event stream needs,
// events as they happen, a heartbeat every interval (between events as well), and the end.
// Any thread may send; chunks leave in call order (ResponseStream's guarantee).
//
// Two dialects, for the two kinds of client:
//  - upload_stream (the POST streams, read with fetch by code written for the Python
//    service, which splits each block into an "event:" and a "data:" line): no retry block,
//    and heartbeats are "event: ping" blocks with "data: {}";
//  - event_source (GET /batches/{id}/events, read by EventSource): a "retry:" block first,
//    and heartbeats are comments, which EventSource skips.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include "decklist/batch/events.hpp"
#include "http/core/beast.hpp"
#include "http/stream/response_stream.hpp"

namespace decklist::http {

class SseStream : public std::enable_shared_from_this<SseStream> {
  public:
    enum class Dialect { upload_stream, event_source };

    static std::shared_ptr<SseStream> create(std::shared_ptr<ResponseStream> response,
                                             net::io_context& io,
                                             std::chrono::milliseconds heartbeat_interval,
                                             Dialect dialect);

    // 200, Content-Type: text/event-stream, Cache-Control: no-cache, X-Accel-Buffering: no,
    // Connection: keep-alive, chunked; then "retry:" (event_source) and the heartbeat timer.
    void open();
    bool opened() const noexcept { return opened_; }

    // Numbered with this stream's own counter (1, 2, ...).
    void send(const BatchEvent& event);
    // With a given id (resumable batches number their events themselves).
    void send(std::string_view name, std::uint64_t id, const std::string& data);

    // Ends the response and stops the heartbeat. Idempotent.
    void close();
    ~SseStream();

    // Streams opened and neither closed nor destroyed yet, over the whole process.
    static std::size_t open_count() noexcept;

    static constexpr std::chrono::milliseconds kRetry{2000};

  private:
    SseStream(std::shared_ptr<ResponseStream> response, net::io_context& io,
              std::chrono::milliseconds heartbeat_interval, Dialect dialect);
    void schedule_heartbeat();

    std::shared_ptr<ResponseStream> response_;
    net::strand<net::io_context::executor_type> strand_;
    net::steady_timer timer_;  // strand only
    const std::chrono::milliseconds heartbeat_interval_;
    const Dialect dialect_;
    std::atomic<bool> opened_{false};
    std::atomic<bool> closed_{false};
    std::atomic<bool> counted_open_{false};  // counted in open_count()
    void stop_counting() noexcept;
    std::atomic<std::uint64_t> next_id_{1};
};

}  // namespace decklist::http
