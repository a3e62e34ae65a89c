#pragma once
// The HTTP server: I/O threads on one io_context, the listener, the route table, and the
// shutdown sequence (SIGINT/SIGTERM: stop accepting, close idle connections, give busy ones
// shutdown_grace_s to finish; then cancel what still runs (the context's grace-over hooks),
// allow a second for the last events, close the rest and return from run()).
//
//   Server server(config, &engine);
//   server.register_route_groups();          // every DECKLIST_ROUTE_GROUP
//   auto endpoint = server.listen();         // binds; port 0 picks a free one
//   server.run();                            // blocks until shut down

#include <memory>
#include <thread>
#include <vector>

#include "http/config/server_config.hpp"
#include "http/core/beast.hpp"
#include "http/router/router.hpp"
#include "http/server/server_context.hpp"
#include "http/server/session_registry.hpp"

namespace decklist::http {

class Listener;

class Server {
  public:
    Server(ServerConfig config, const Engine* engine);
    ~Server();

    ServerContext& context() noexcept { return context_; }
    Router& router() noexcept { return router_; }

    std::vector<std::string> register_route_groups();
    tcp::endpoint listen();
    // Handles SIGINT and SIGTERM by shutting down, SIGHUP by running the context's reload
    // hooks (call before run()).
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
    net::io_context io_;
    ServerContext context_;
    Router router_;
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
