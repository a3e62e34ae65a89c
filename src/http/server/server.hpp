#pragma once
// The HTTP server: it owns every service the routes use, the I/O threads on one io_context,
// the listener, the route table, and the shutdown sequence (SIGINT/SIGTERM: stop accepting,
// close idle connections, give busy ones shutdown_grace to finish; then cancel the batches
// that still run, allow a second for their last events, close the rest and return from run()).
//
//   Server server(config, &engine);          // builds the services
//   server.register_routes();                // every route group
//   auto endpoint = server.listen();         // binds; port 0 picks a free one
//   server.handle_signals();
//   server.run();                            // blocks until shut down
//
// Ownership: the services are plain members, built in the constructor in declaration order
// and destroyed in reverse, so each outlives everything that uses it (see the members).
// The engine is borrowed and must outlive the server; it is null only in tests that run the
// HTTP layer without a card database (no OCR, no decklist library).

#include <memory>
#include <thread>
#include <vector>

#include "decklist/engine.hpp"
#include "decklist/library/decklist_library.hpp"
#include "decklist/library/decklist_store.hpp"
#include "http/access/access_control.hpp"
#include "http/batch/batch_services.hpp"
#include "http/config/server_config.hpp"
#include "http/core/beast.hpp"
#include "http/router/router.hpp"
#include "http/server/server_status.hpp"
#include "http/server/session_registry.hpp"
#include "http/stats/stats.hpp"
#include "http/webhook/webhook_dispatcher.hpp"

namespace decklist::http {

class Listener;

class Server {
  public:
    // Builds the access check (reading the keys file), the decklist library (opening and
    // migrating its store, starting the webhook dispatcher when configured; only with an
    // engine) and the batch services (starting the OCR worker pool). Throws decklist::Error
    // when the keys file, the store, the webhook settings or the worker pool are unusable.
    Server(ServerConfig config, const Engine* engine);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Every route group, each handed the services it uses: the one registration point for
    // routes. Once, before listen(); tests that bring their own routes add them to router().
    void register_routes();
    Router& router() noexcept { return router_; }
    // OCR readiness (a hook for the service manager's READY=1) and uptime.
    ServerStatus& status() noexcept { return status_; }

    tcp::endpoint listen();
    // Handles SIGINT and SIGTERM by shutting down, SIGHUP by re-reading the API keys file
    // (call before run()).
    void handle_signals();
    // Runs config.io_threads threads (this one included) until shutdown completes.
    void run();
    // Thread-safe; what SIGTERM does.
    void request_shutdown();

  private:
    void wait_for_signal();
    void begin_shutdown();
    void grace_over();
    void finish_shutdown();

    // Declared first, destroyed last: handlers still queued when io_ is destroyed hold
    // sessions, whose destructors unregister here.
    SessionRegistry sessions_;
    const ServerConfig config_;
    const Engine* const engine_;
    net::io_context io_;
    ServerStatus status_;
    // Before everything that records into it or registers a section.
    Stats stats_;
    AccessControl access_;
    // The decklist library: all three null without an engine, the webhook without a
    // webhook_url. The library and the webhook dispatcher borrow the store, so it goes last.
    std::unique_ptr<DecklistStore> store_;
    std::unique_ptr<DecklistLibrary> library_;
    std::unique_ptr<WebhookDispatcher> webhook_;
    // Where blocking handlers (library routes) run. After the library: its threads are
    // joined before the library goes.
    net::thread_pool blocking_pool_{2};
    // After the library it saves into: its workers stop before the library goes.
    BatchServices batches_;
    Router router_;  // its handlers hold references to the services above
    std::shared_ptr<Listener> listener_;
    net::signal_set signals_;
    // The shutdown sequence (begin, grace over, last words, finish) runs on one strand: the
    // last connection may end on any I/O thread just as the grace timer fires.
    net::strand<net::io_context::executor_type> shutdown_strand_;
    net::steady_timer grace_timer_;  // on shutdown_strand_
    net::executor_work_guard<net::io_context::executor_type> work_;
    bool shutting_down_ = false;  // on shutdown_strand_
};

}  // namespace decklist::http
