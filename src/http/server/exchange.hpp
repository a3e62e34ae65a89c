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
    // The handler's side of the body:
    //   not_asked  -> delivering   read() was called (at once to ended if the body was
    //                              already read to its end by the header)
    //   delivering -> ended        the body's end, an error, the connection closed or the
    //                              response completed first; on_end has been called
    //   not_asked  -> ended        the request ended before the handler asked
    enum class BodyDelivery { not_asked, delivering, ended };
    // The response: not_started -> streaming (write_head) -> complete (finish), or
    // not_started -> complete (send). Calls out of this order are ignored.
    enum class ResponseState { not_started, streaming, complete };

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

    // For the session, on the strand only.
    // The handler asked for the body and has not paused: the session may read a piece.
    bool wants_body() const { return delivery_ == BodyDelivery::delivering && !paused_; }
    void deliver_chunk(std::string_view chunk);
    void end_body(std::optional<Error> error);
    void connection_closed();
    void detach();  // the request is over: drop the session and every callback

  private:
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
    BodyDelivery delivery_ = BodyDelivery::not_asked;
    ResponseState response_ = ResponseState::not_started;
};

}  // namespace decklist::http
