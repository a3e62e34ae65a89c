#pragma once
// One Server-Sent Events response: the head with the headers every event stream needs, a
// retry line, events as they happen, comment heartbeats while nothing else is sent, and the
// end. Any thread may send; chunks leave in call order (ResponseStream's guarantee).

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
    static std::shared_ptr<SseStream> create(std::shared_ptr<ResponseStream> response,
                                             net::io_context& io,
                                             std::chrono::milliseconds heartbeat_interval);

    // 200, Content-Type: text/event-stream, Cache-Control: no-cache, X-Accel-Buffering: no,
    // Connection: keep-alive, chunked; then "retry:" and the heartbeat timer.
    void open();
    bool opened() const noexcept { return opened_; }

    // Numbered with this stream's own counter (1, 2, ...).
    void send(const BatchEvent& event);
    // With a given id (resumable batches number their events themselves).
    void send(std::string_view name, std::uint64_t id, const std::string& data);

    // Ends the response and stops the heartbeat. Idempotent.
    void close();

    static constexpr std::chrono::milliseconds kRetry{2000};

  private:
    SseStream(std::shared_ptr<ResponseStream> response, net::io_context& io,
              std::chrono::milliseconds heartbeat_interval);
    void schedule_heartbeat();

    std::shared_ptr<ResponseStream> response_;
    net::strand<net::io_context::executor_type> strand_;
    net::steady_timer timer_;  // strand only
    const std::chrono::milliseconds heartbeat_interval_;
    std::atomic<bool> opened_{false};
    std::atomic<bool> closed_{false};
    std::atomic<std::uint64_t> next_id_{1};
};

}  // namespace decklist::http
