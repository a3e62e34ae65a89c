#include "http/server/server_context.hpp"

#include "http/access/access_control.hpp"
#include "http/batch/batch_services.hpp"

namespace decklist::http {

ServerContext::ServerContext(ServerConfig config, const Engine* engine, net::io_context& io)
    : config_(std::move(config)), engine_(engine), io_(io) {
    access_ = std::make_unique<AccessControl>(config_);
    stats_.add_section("access", [access = access_.get()] { return access->stats(); });
    on_reload([access = access_.get()] { access->reload_keys(); });
    batches_ = std::make_unique<BatchServices>(*this);
    on_grace_over([batches = batches_.get()] { batches->cancel_all(); });
}

ServerContext::~ServerContext() = default;

double ServerContext::uptime_s() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

}  // namespace decklist::http
