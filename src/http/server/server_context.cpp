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

}  // namespace decklist::http
