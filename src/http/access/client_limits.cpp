#include "http/access/client_limits.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace decklist::http {

struct BatchSlot::Shared {
    struct Client {
        std::optional<TokenBucket> images;
        int batches = 0;
    };
    std::mutex mutex;
    std::map<std::string, Client> clients;
    std::size_t sweep_at = 1024;

    // With the lock. Forgets clients that hold nothing, once the map has grown, so that a
    // stream of distinct addresses cannot grow it without bound.
    Client& client(const std::string& name, ClientLimits::Clock::time_point now, int per_minute) {
        if (clients.size() >= sweep_at) {
            for (auto it = clients.begin(); it != clients.end();) {
                auto& c = it->second;
                const bool idle = c.batches == 0 && (!c.images || c.images->full(now));
                it = idle ? clients.erase(it) : std::next(it);
            }
            sweep_at = std::max<std::size_t>(1024, clients.size() * 2);
        }
        auto& c = clients[name];
        if (!c.images && per_minute > 0) c.images.emplace(per_minute, per_minute / 60.0, now);
        return c;
    }
};

void BatchSlot::release() {
    std::lock_guard lock(shared_->mutex);
    if (released_) return;
    released_ = true;
    auto it = shared_->clients.find(client_);
    if (it != shared_->clients.end() && it->second.batches > 0) --it->second.batches;
}

ClientLimits::ClientLimits(int max_concurrent_batches, int images_per_minute)
    : shared_(std::make_shared<BatchSlot::Shared>()),
      max_batches_(max_concurrent_batches),
      images_per_minute_(images_per_minute) {}

std::shared_ptr<BatchSlot> ClientLimits::start_batch(const std::string& client,
                                                     std::optional<Refusal>& refusal) {
    std::lock_guard lock(shared_->mutex);
    auto& c = shared_->client(client, Clock::now(), images_per_minute_);
    if (max_batches_ > 0 && c.batches >= max_batches_) {
        refusal = Refusal{"max_concurrent_batches_per_client",
                          fmt::format("too many batches at once: this client already runs {} "
                                      "(max_concurrent_batches_per_client)",
                                      c.batches),
                          kBatchRetryAfterSeconds};
        return nullptr;
    }
    ++c.batches;
    return std::shared_ptr<BatchSlot>(new BatchSlot(shared_, client));
}

std::optional<ClientLimits::Refusal> ClientLimits::check_images(const std::string& client,
                                                                Clock::time_point now) {
    if (images_per_minute_ <= 0) return std::nullopt;
    std::lock_guard lock(shared_->mutex);
    auto& c = shared_->client(client, now, images_per_minute_);
    if (c.images->has_token(now)) return std::nullopt;
    const int wait = std::max(1, static_cast<int>(std::ceil(c.images->seconds_until_token(now))));
    return Refusal{"images_per_minute_per_client",
                   fmt::format("image rate limit reached: at most {} images per minute per client "
                               "(images_per_minute_per_client)",
                               images_per_minute_),
                   wait};
}

bool ClientLimits::take_image(const std::string& client, Clock::time_point now) {
    if (images_per_minute_ <= 0) return true;
    std::lock_guard lock(shared_->mutex);
    if (shared_->client(client, now, images_per_minute_).images->try_take(now)) return true;
    ++images_refused_;
    return false;
}

int ClientLimits::images_retry_after_s(const std::string& client, Clock::time_point now) {
    if (images_per_minute_ <= 0) return 1;
    std::lock_guard lock(shared_->mutex);
    auto& c = shared_->client(client, now, images_per_minute_);
    return std::max(1, static_cast<int>(std::ceil(c.images->seconds_until_token(now))));
}

std::size_t ClientLimits::clients() const {
    std::lock_guard lock(shared_->mutex);
    const auto now = Clock::now();
    std::size_t active = 0;
    for (auto& [name, c] : shared_->clients)
        if (c.batches > 0 || (c.images && !c.images->full(now))) ++active;
    return active;
}

}  // namespace decklist::http
