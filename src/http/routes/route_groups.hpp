#pragma once
// The route groups, one per file in this folder. Each registration function is handed what
// its handlers use, all owned by the Server and outliving the router; Server::register_routes
// (src/http/server/server.cpp) calls every one of them, in one list. A new group is a file
// here, its function declared below, and one line in that list.

#include <string>

#include "http/config/server_config.hpp"
#include "http/core/beast.hpp"

namespace decklist {
class DecklistLibrary;
class Engine;
}  // namespace decklist

namespace decklist::http {

class BatchServices;
class Router;
class ServerStatus;
class Stats;

// What the upload routes use. Copied into their handlers: it holds references only.
struct UploadServices {
    BatchServices& batches;  // workers, counters, upload budget, resumable batch store
    const ServerConfig& config;
    net::io_context& io;  // event-stream heartbeats and timers
};

// /batches, /batches/{id}, /batches/{id}/events: resumable batches.
void register_batch_routes(Router& router, const UploadServices& uploads);
// /deck-codes/{code}. `engine` may be null (HTTP-only tests): the route then answers 500.
void register_deck_code_routes(Router& router, const Engine* engine);
// /health (also under the API roots) and /ready.
void register_health_routes(Router& router, const ServerConfig& config, const Engine* engine,
                            const ServerStatus& status);
// /decklists, /cards, /events, /meta. `library` is null without an engine: the routes are
// there and answer 404.
void register_library_routes(Router& router, DecklistLibrary* library);
// /openapi.json under the API roots, and at the root as the Python service served it.
void register_openapi_routes(Router& router);
// /process, /process-and-save, /process-stream, /process-batch, /process-batch-stream,
// /process-batch-fast.
void register_process_routes(Router& router, const UploadServices& uploads);
// The web root's files, as the router's fallback (GET and HEAD outside the API).
void register_static_routes(Router& router, const std::string& web_root);
// /stats (under the API roots) and /metrics.
void register_stats_routes(Router& router, Stats& stats, const Engine* engine,
                           const ServerStatus& status);

// Where a saved decklist is served, "/api/v1/decklists/": the library names it in the
// saved reference of a result, the library routes in each record's links.
std::string decklist_link_prefix();

}  // namespace decklist::http
