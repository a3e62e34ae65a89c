#include "http/server/server_context.hpp"

namespace decklist::http {

ServerContext::ServerContext(ServerConfig config, const Engine* engine, net::io_context& io)
    : config_(std::move(config)), engine_(engine), io_(io) {
    // Until a worker pool registers the real figures: its configured size, nothing queued.
    const unsigned workers = config_.worker_count();
    stats_.add_section("workers", [workers] {
        return nlohmann::json{{"size", workers}, {"queue_depth", 0}, {"busy", 0}};
    });
    stats_.add_section("batches", [] { return nlohmann::json{{"in_flight", 0}}; });
}

double ServerContext::uptime_s() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

void ServerContext::on_shutdown(std::function<void()> hook) {
    std::lock_guard lock(mutex_);
    shutdown_hooks_.push_back(std::move(hook));
}

void ServerContext::run_shutdown_hooks() {
    std::vector<std::function<void()>> hooks;
    {
        std::lock_guard lock(mutex_);
        hooks.swap(shutdown_hooks_);
    }
    for (auto& hook : hooks) hook();
}

void ServerContext::on_reload(std::function<void()> hook) {
    std::lock_guard lock(mutex_);
    reload_hooks_.push_back(std::move(hook));
}

void ServerContext::run_reload_hooks() {
    std::vector<std::function<void()>> hooks;
    {
        std::lock_guard lock(mutex_);
        hooks = reload_hooks_;
    }
    for (auto& hook : hooks) hook();
}

}  // namespace decklist::http
