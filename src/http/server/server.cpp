#include "http/server/server.hpp"

#include <csignal>

#include <spdlog/spdlog.h>

#include "http/routes/route_groups.hpp"
#include "http/server/listener.hpp"
#include "http/server/session.hpp"

namespace decklist::http {
namespace {

// After the grace period: how long cancelled streams have to write their last events.
constexpr auto kLastWordsTime = std::chrono::seconds(1);

// The decklist store, opened and migrated; null without an engine, whose card database
// corrections are checked against.
std::unique_ptr<DecklistStore> server_open_store(const ServerConfig& config, const Engine* engine) {
    if (!engine) return nullptr;
    StoreOptions options;
    options.data_dir = config.data_dir;
    options.store_url = config.store_url;
    options.keep_images = config.keep_images;
    options.webhook_outbox = !config.webhook_url.empty();
    return open_decklist_store(options);
}

// The webhook dispatcher, told of each change of the library; null without a library or a
// webhook_url.
std::unique_ptr<WebhookDispatcher> server_start_webhook(const ServerConfig& config,
                                                        DecklistStore* store,
                                                        DecklistLibrary* library) {
    if (!library || config.webhook_url.empty()) return nullptr;
    WebhookOptions options;
    options.url = config.webhook_url;
    options.secret = config.webhook_secret;
    auto webhook = std::make_unique<WebhookDispatcher>(*store, std::move(options));
    library->on_change([dispatcher = webhook.get()] { dispatcher->notify(); });
    return webhook;
}

}  // namespace

Server::Server(ServerConfig config, const Engine* engine)
    : config_(std::move(config)),
      engine_(engine),
      io_(std::max(1, config_.io_threads)),
      access_(config_),
      store_(server_open_store(config_, engine_)),
      library_(store_ ? std::make_unique<DecklistLibrary>(*store_, engine_->cards(),
                                                          decklist_link_prefix())
                      : nullptr),
      webhook_(server_start_webhook(config_, store_.get(), library_.get())),
      batches_(config_, engine_, library_.get(), stats_, [this] { status_.mark_ocr_ready(); }),
      signals_(io_),
      shutdown_strand_(net::make_strand(io_)),
      grace_timer_(shutdown_strand_),
      work_(net::make_work_guard(io_)) {
    stats_.add_section("access", [this] { return access_.stats(); });
    if (store_)
        stats_.add_section("library", [this] {
            return nlohmann::json{{"backend", store_->backend()}};
        });
    if (webhook_) stats_.add_section("webhook", [this] { return webhook_->stats_json(); });
    stats_.add_section("connections", [this] {
        return nlohmann::json{{"open", sessions_.size()}};
    });
}

void Server::register_routes() {
    const UploadServices uploads{batches_, config_, io_};
    register_batch_routes(router_, uploads);
    register_deck_code_routes(router_, engine_);
    register_health_routes(router_, config_, engine_, status_);
    register_library_routes(router_, library_.get());
    register_openapi_routes(router_);
    register_process_routes(router_, uploads);
    register_static_routes(router_, config_.web_root);
    register_stats_routes(router_, stats_, engine_, status_);
}

Server::~Server() {
    sessions_.on_empty({});
    io_.stop();
}

tcp::endpoint Server::listen() {
    const auto address = net::ip::make_address(config_.bind);
    listener_ = std::make_shared<Listener>(
        io_, tcp::endpoint(address, static_cast<unsigned short>(config_.port)),
        SessionServices{config_, router_, access_, stats_, blocking_pool_, sessions_});
    listener_->start();
    return listener_->local_endpoint();
}

void Server::handle_signals() {
    signals_.add(SIGINT);
    signals_.add(SIGTERM);
    signals_.add(SIGHUP);
    wait_for_signal();
}

void Server::wait_for_signal() {
    signals_.async_wait([this](beast::error_code ec, int signal) {
        if (ec) return;
        if (signal == SIGHUP) {
            spdlog::info("SIGHUP received: reloading");
            access_.reload_keys();
            return wait_for_signal();
        }
        spdlog::info("signal {} received: shutting down", signal);
        net::post(shutdown_strand_, [this] { begin_shutdown(); });
    });
}

void Server::request_shutdown() {
    net::post(shutdown_strand_, [this] { begin_shutdown(); });
}

void Server::run() {
    const int threads = std::max(1, config_.io_threads);
    std::vector<std::thread> extra;
    for (int i = 1; i < threads; ++i) extra.emplace_back([this] { io_.run(); });
    io_.run();
    for (auto& t : extra) t.join();
}

void Server::begin_shutdown() {
    if (shutting_down_) return;
    shutting_down_ = true;
    beast::error_code ignored;
    signals_.cancel(ignored);
    if (listener_) listener_->stop();

    sessions_.on_empty([this] { net::post(shutdown_strand_, [this] { finish_shutdown(); }); });
    sessions_.for_each([](Session& s) { s.shutdown(); });
    if (sessions_.size() == 0) return finish_shutdown();

    grace_timer_.expires_after(config_.shutdown_grace);
    grace_timer_.async_wait([this](beast::error_code ec) {
        if (!ec) grace_over();
    });
}

void Server::grace_over() {
    // Requests still running get their last word: batches are cancelled, so each event
    // stream sends its "cancelled" errors and its complete event, with a moment to write
    // them; then whatever is left is closed.
    spdlog::warn("shutdown grace period over: cancelling what still runs on {} connection(s)",
                 sessions_.size());
    batches_.cancel_all();
    grace_timer_.expires_after(kLastWordsTime);
    grace_timer_.async_wait([this](beast::error_code ec) {
        if (ec) return;
        spdlog::warn("closing {} connection(s)", sessions_.size());
        sessions_.for_each([](Session& s) { s.force_close(); });
        // Sessions may be kept alive by handlers' references after closing; stop anyway.
        net::post(shutdown_strand_, [this] { finish_shutdown(); });
    });
}

void Server::finish_shutdown() {
    grace_timer_.cancel();
    work_.reset();
    io_.stop();
}

}  // namespace decklist::http
