#pragma once
// What route groups get when they register: the settings, the engine, the stats registry,
// the I/O context, and the services several route groups share (the batch services, the
// access check and the decklist library with its webhook), built with the context and owned
// by it.

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "decklist/engine.hpp"
#include "decklist/library/decklist_library.hpp"
#include "http/config/server_config.hpp"
#include "http/core/beast.hpp"
#include "http/server/hook_list.hpp"
#include "http/stats/stats.hpp"

namespace decklist::http {

class AccessControl;
class BatchServices;
class WebhookDispatcher;

class ServerContext {
  public:
    // Builds the access check (reading the keys file), the decklist library (opening and
    // migrating its store, starting the webhook dispatcher when configured; only with an
    // engine, whose card database corrections are checked against) and the batch services
    // (starting the OCR worker pool), each with its stats section and hooks. Throws
    // decklist::Error when the keys file, the store or the webhook settings are unusable.
    ServerContext(ServerConfig config, const Engine* engine, net::io_context& io);
    ~ServerContext();
    ServerContext(const ServerContext&) = delete;
    ServerContext& operator=(const ServerContext&) = delete;

    const ServerConfig& config() const noexcept { return config_; }
    // Null only in tests that run the HTTP layer without a card database.
    const Engine* engine() const noexcept { return engine_; }
    Stats& stats() noexcept { return stats_; }
    net::io_context& io() noexcept { return io_; }
    double uptime_s() const;

    // Set once every OCR worker has loaded Tesseract (mark_ocr_ready).
    std::atomic<bool> ocr_ready{false};
    // OCR is ready: sets ocr_ready and runs the ready hooks, each once.
    void mark_ocr_ready() {
        ocr_ready = true;
        ready_hooks_.run_once();
    }
    // Called once when OCR is ready, on the thread that made it so; at once if it already is.
    void on_ocr_ready(std::function<void()> hook) {
        ready_hooks_.add(std::move(hook));
        if (ocr_ready) ready_hooks_.run_once();  // each hook still runs once: run_once swaps
    }
    // Set when SIGINT/SIGTERM arrives; long-running handlers may look at it.
    std::atomic<bool> shutting_down{false};

    // Called once, on an I/O thread, when the shutdown grace period is over and requests
    // are still running: e.g. to cancel batches, so that their event streams end with
    // "cancelled" errors and their complete event before the connections are closed.
    void on_grace_over(std::function<void()> hook) { grace_over_hooks_.add(std::move(hook)); }
    void run_grace_over_hooks() { grace_over_hooks_.run_once(); }

    // Called on an I/O thread each time SIGHUP arrives (e.g. to re-read the API keys file).
    void on_reload(std::function<void()> hook) { reload_hooks_.add(std::move(hook)); }
    void run_reload_hooks() { reload_hooks_.run_each_time(); }

    // The worker pool, counters, upload budget and resumable batch store of every upload route.
    BatchServices& batches() noexcept { return *batches_; }
    // API keys, CORS and per-client limits, consulted by the session for every request.
    AccessControl& access() noexcept { return *access_; }
    // Where handlers that may block run (RouteOptions::blocking), off the I/O threads.
    net::thread_pool& blocking_pool() noexcept { return blocking_pool_; }
    // The saved decklists; null without an engine (HTTP-only tests).
    DecklistLibrary* library() noexcept { return library_.get(); }

  private:
    void open_library();

    ServerConfig config_;
    const Engine* engine_;
    net::io_context& io_;
    Stats stats_;
    std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
    HookList grace_over_hooks_;
    HookList reload_hooks_;
    HookList ready_hooks_;
    std::unique_ptr<AccessControl> access_;
    std::unique_ptr<DecklistStore> store_;
    std::unique_ptr<DecklistLibrary> library_;
    std::unique_ptr<WebhookDispatcher> webhook_;  // after the store: stops before it closes
    // After the library: its threads are joined before the library goes.
    net::thread_pool blocking_pool_{2};
    std::unique_ptr<BatchServices> batches_;  // last: its workers stop before the rest goes
};

}  // namespace decklist::http
