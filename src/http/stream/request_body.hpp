#pragma once
// The body of a request handled by a streaming route, delivered as it arrives from the
// socket instead of being buffered whole.
//
// Threading: every callback runs on the connection's strand (an I/O thread), one at a time;
// never block in one. read(), pause() and resume() may be called from any thread.

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

#include "decklist/error.hpp"

namespace decklist::http {

class RequestBody {
  public:
    // `chunk` is only valid during the call: copy what you keep.
    using ChunkHandler = std::function<void(std::string_view chunk)>;
    // Called exactly once: std::nullopt when the body is complete; otherwise why it stopped:
    // limit (body larger than the route allows), timeout (the client stalled longer than
    // read_timeout_s), cancelled (the client went away), validation (broken chunked framing).
    using EndHandler = std::function<void(std::optional<Error> error)>;

    virtual ~RequestBody() = default;

    // Starts reading (and sends "100 Continue" first when the client asked for it). Until
    // read() is called the client's body stays in the socket, so a handler can still refuse
    // the request with ResponseStream::send() without reading anything.
    virtual void read(ChunkHandler on_chunk, EndHandler on_end) = 0;

    // Backpressure. pause() takes effect before the next socket read: at most the chunk
    // being delivered right now still arrives. resume() restarts reading.
    virtual void pause() = 0;
    virtual void resume() = 0;

    // Content-Length when the client sent one (not for chunked bodies).
    virtual std::optional<std::uint64_t> content_length() const = 0;
};

}  // namespace decklist::http
