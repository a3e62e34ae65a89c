#pragma once
// The handle a streaming handler holds: the request body source and the response stream of
// one request on one connection. Its public methods may be called from any thread; they post
// to the connection's strand. Once the request is over (response written, or connection
// gone) the handle lets go of the connection and further calls do nothing.

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "http/core/beast.hpp"
#include "http/stream/request_body.hpp"
#include "http/stream/response_stream.hpp"

namespace decklist::http {

class Session;

class Exchange : public RequestBody,
                 public ResponseStream,
                 public std::enable_shared_from_this<Exchange> {
  public:
    Exchange(std::shared_ptr<Session> session, std::optional<std::uint64_t> content_length);

    // RequestBody
    void read(ChunkHandler on_chunk, EndHandler on_end) override;
    void pause() override { paused_ = true; }
    void resume() override;
    std::optional<std::uint64_t> content_length() const override { return content_length_; }

    // ResponseStream
    void send(Response response) override;
    void write_head(bhttp::status status, bhttp::fields headers) override;
    void write_chunk(std::string data, std::function<void(bool ok)> on_written) override;
    void finish() override;
    void on_close(std::function<void()> callback) override;
    bool closed() const override { return closed_; }

  private:
    friend class Session;

    // On the strand, from the session.
    void deliver_chunk(std::string_view chunk);
    void end_body(std::optional<Error> error);
    void connection_closed();
    void detach();  // the request is over: drop the session and every callback

    template <class F>
    void on_strand(F&& f);

    std::shared_ptr<Session> session_;  // strand only
    net::any_io_executor strand_;
    std::optional<std::uint64_t> content_length_;
    std::atomic<bool> paused_{false};
    std::atomic<bool> closed_{false};

    // strand only
    ChunkHandler on_chunk_;
    EndHandler on_end_;
    std::vector<std::function<void()>> on_close_;
    bool read_called_ = false;
    bool body_ended_ = false;    // on_end has been called (or never will be)
    bool reading_ = false;       // read() was called and the body has not ended
    bool read_pending_ = false;  // a socket read is in progress
    bool head_sent_ = false;
    bool response_done_ = false;  // send() or finish() queued
};

}  // namespace decklist::http
