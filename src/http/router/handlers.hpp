#pragma once
// The two kinds of route handlers.
//
// SimpleHandler: the body is read whole first (up to RouteOptions::max_body_bytes), the
//   handler returns the response. Runs on an I/O thread: keep it quick. Throwing
//   decklist::Error answers with that error's JSON and status; anything else is a 500.
//
// StreamingHandler: called as soon as the request header has arrived, with the body still
//   in the socket. The handler reads it piece by piece through RequestBody and answers
//   through ResponseStream, from any thread, whenever it wants. See src/http/README.md.

#include <functional>
#include <memory>
#include <optional>

#include "http/core/beast.hpp"
#include "http/core/request.hpp"
#include "http/stream/request_body.hpp"
#include "http/stream/response_stream.hpp"

namespace decklist::http {

using SimpleHandler = std::function<Response(const Request& request)>;

using StreamingHandler =
    std::function<void(const RequestInfo& request, std::shared_ptr<RequestBody> body,
                       std::shared_ptr<ResponseStream> response)>;

// What a request to a route counts against the per-client limits (docs/DEPLOYMENT.md).
enum class LimitCharge {
    none,    // nothing
    images,  // each uploaded image, against images_per_minute_per_client
    batch,   // each image, and the request against max_concurrent_batches_per_client
};

struct RouteOptions {
    // Largest accepted body; a larger one is answered 413 (before reading it when the
    // client sent Content-Length). 0: the default, 1 MiB for simple routes and the server's
    // max_body_mb for streaming routes.
    std::size_t max_body_bytes = 0;
    // Whether the route needs an API key when keys are on. Unset: routes under the API root
    // do (except its /health), other paths (/health, static files) do not.
    std::optional<bool> needs_api_key;
    // A streaming POST route takes uploads and must say what they count against: the router
    // refuses to register one without it, so that no upload route escapes the limits.
    std::optional<LimitCharge> limit_charge;
    // The route changes saved decklists (PATCH, DELETE): a read-only API key is refused, and
    // without keys only loopback clients may call it unless library_writes_from_any_client.
    bool changes_library = false;
    // The simple handler may block (a decklist library query): it runs on the server's
    // blocking pool instead of the connection's I/O thread, which stays free meanwhile.
    bool blocking = false;
    // The API key may come as ?access_token= (EventSource cannot send headers; the query is
    // kept out of the logs).
    bool key_in_query = false;
};

}  // namespace decklist::http
