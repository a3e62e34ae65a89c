#pragma once
// Per-client limits (a client is an API key's label when keys are on, else the remote IP,
// taken from X-Forwarded-For when the peer is a proxy on loopback):
//   - batch requests running at once (max_concurrent_batches_per_client), held as a
//     BatchSlot from request start until the batch's complete event (or the request ends);
//   - images per minute (images_per_minute_per_client): a token bucket per client, refilled
//     continuously, holding at most one minute's worth. A request that uploads images needs
//     one token to start; each image then takes one as its part arrives.
// 0 turns a limit off. Thread-safe.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "http/access/token_bucket.hpp"

namespace decklist::http {

class ClientLimits;

// One running batch of one client; released once (explicitly or when the last holder lets go).
class BatchSlot {
  public:
    ~BatchSlot() { release(); }
    void release();

  private:
    friend class ClientLimits;
    struct Shared;
    BatchSlot(std::shared_ptr<Shared> shared, std::string client)
        : shared_(std::move(shared)), client_(std::move(client)) {}
    std::shared_ptr<Shared> shared_;
    std::string client_;
    bool released_ = false;  // under shared_'s lock
};

class ClientLimits {
  public:
    using Clock = std::chrono::steady_clock;

    ClientLimits(int max_concurrent_batches, int images_per_minute);

    struct Refusal {
        std::string limit;  // the config key that was hit
        std::string message;
        int retry_after_s = 1;  // >= 1
    };

    // A batch slot, or why not. Never refuses when the limit is 0.
    std::shared_ptr<BatchSlot> start_batch(const std::string& client,
                                           std::optional<Refusal>& refusal);
    // At request start: is at least one image allowed now?
    std::optional<Refusal> check_images(const std::string& client, Clock::time_point now);
    // One image: true when allowed (a token was taken).
    bool take_image(const std::string& client, Clock::time_point now);
    int images_retry_after_s(const std::string& client, Clock::time_point now);

    // Clients currently tracked (those with a running batch or a bucket not yet full again).
    std::size_t clients() const;
    // Images refused by take_image() since start.
    std::uint64_t images_refused() const noexcept { return images_refused_; }

    // Retry-After for a refused batch: batches take tens of seconds, so retrying at once
    // would only be refused again.
    static constexpr int kBatchRetryAfterSeconds = 5;

  private:
    friend class BatchSlot;
    std::shared_ptr<BatchSlot::Shared> shared_;
    const int max_batches_;
    const int images_per_minute_;
    std::atomic<std::uint64_t> images_refused_{0};
};

}  // namespace decklist::http
