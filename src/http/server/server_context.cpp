#include "http/server/server_context.hpp"

#include "http/access/access_control.hpp"
#include "http/batch/batch_services.hpp"
#include "http/webhook/webhook_dispatcher.hpp"

namespace decklist::http {

ServerContext::ServerContext(ServerConfig config, const Engine* engine, net::io_context& io)
    : config_(std::move(config)), engine_(engine), io_(io) {
    access_ = std::make_unique<AccessControl>(config_);
    stats_.add_section("access", [access = access_.get()] { return access->stats(); });
    on_reload([access = access_.get()] { access->reload_keys(); });
    if (engine_) open_library();
    batches_ = std::make_unique<BatchServices>(*this);
    on_grace_over([batches = batches_.get()] { batches->cancel_all(); });
}

ServerContext::~ServerContext() = default;

void ServerContext::open_library() {
    StoreOptions options;
    options.data_dir = config_.data_dir;
    options.store_url = config_.store_url;
    options.keep_images = config_.keep_images;
    options.webhook_outbox = !config_.webhook_url.empty();
    store_ = open_decklist_store(options);
    library_ = std::make_unique<DecklistLibrary>(*store_, engine_->cards(), "/api/v1/decklists/");
    stats_.add_section("library", [store = store_.get()] {
        return nlohmann::json{{"backend", store->backend()}};
    });
    if (config_.webhook_url.empty()) return;
    WebhookOptions webhook;
    webhook.url = config_.webhook_url;
    webhook.secret = config_.webhook_secret;
    webhook_ = std::make_unique<WebhookDispatcher>(*store_, std::move(webhook));
    library_->on_change([dispatcher = webhook_.get()] { dispatcher->notify(); });
    stats_.add_section("webhook",
                       [dispatcher = webhook_.get()] { return dispatcher->stats_json(); });
}

double ServerContext::uptime_s() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
}

}  // namespace decklist::http
