#include "http/server/server.hpp"

#include <csignal>

#include <spdlog/spdlog.h>

#include "http/router/route_groups.hpp"
#include "http/server/listener.hpp"
#include "http/server/session.hpp"

namespace decklist::http {
namespace {

// After the grace period: how long cancelled streams have to write their last events.
constexpr auto kLastWordsTime = std::chrono::seconds(1);

}  // namespace

Server::Server(ServerConfig config, const Engine* engine)
    : io_(std::max(1, config.io_threads)),
      context_(std::move(config), engine, io_),
      signals_(io_),
      shutdown_strand_(net::make_strand(io_)),
      grace_timer_(shutdown_strand_),
      work_(net::make_work_guard(io_)) {
    context_.stats().add_section("connections", [this] {
        return nlohmann::json{{"open", sessions_.size()}};
    });
}

Server::~Server() {
    sessions_.on_empty({});
    io_.stop();
}

std::vector<std::string> Server::register_route_groups() {
    return http::register_route_groups(router_, context_);
}

tcp::endpoint Server::listen() {
    const auto& config = context_.config();
    const auto address = net::ip::make_address(config.bind);
    listener_ = std::make_shared<Listener>(
        io_, tcp::endpoint(address, static_cast<unsigned short>(config.port)), context_, router_,
        sessions_);
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
            context_.run_reload_hooks();
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
    const int threads = std::max(1, context_.config().io_threads);
    std::vector<std::thread> extra;
    for (int i = 1; i < threads; ++i) extra.emplace_back([this] { io_.run(); });
    io_.run();
    for (auto& t : extra) t.join();
}

void Server::begin_shutdown() {
    if (shutting_down_) return;
    shutting_down_ = true;
    context_.shutting_down = true;
    beast::error_code ignored;
    signals_.cancel(ignored);
    if (listener_) listener_->stop();

    sessions_.on_empty([this] { net::post(shutdown_strand_, [this] { finish_shutdown(); }); });
    sessions_.for_each([](Session& s) { s.shutdown(); });
    if (sessions_.size() == 0) return finish_shutdown();

    grace_timer_.expires_after(context_.config().shutdown_grace);
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
    context_.run_grace_over_hooks();
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
