#pragma once
// The response of a streaming route: either one complete response (send), or a head
// followed by chunks written to the socket as soon as they exist (write_head, write_chunk,
// finish) — the transport for Server-Sent Events.
//
// Threading: every method may be called from any thread; the work is posted to the
// connection's strand and writes leave in call order. Callbacks run on that strand.

#include <functional>
#include <string>

#include "http/core/beast.hpp"

namespace decklist::http {

class ResponseStream {
  public:
    virtual ~ResponseStream() = default;

    // A complete buffered response (errors before a stream starts). X-Request-ID and
    // keep-alive are set by the server; when the request body has not been read to its
    // end the connection is closed after this response.
    virtual void send(Response response) = 0;

    // Starts a chunked response. `headers` are added as given (Content-Type, Cache-Control...).
    virtual void write_head(bhttp::status status, bhttp::fields headers) = 0;

    // Queues one chunk (ignored when empty). `on_written(true)` once its bytes are in the
    // socket, `on_written(false)` when the connection ended first. Optional.
    virtual void write_chunk(std::string data, std::function<void(bool ok)> on_written = {}) = 0;

    // Ends the chunked response. The connection then serves the next request (keep-alive).
    virtual void finish() = 0;

    // Called once if the connection ends before finish() or send() is written: the client
    // went away, a write timed out, or the server is shutting down past its grace period.
    // Registered after that happened, it is called right away (on the strand).
    virtual void on_close(std::function<void()> callback) = 0;

    // True once the connection is gone; later writes are dropped.
    virtual bool closed() const = 0;
};

}  // namespace decklist::http
