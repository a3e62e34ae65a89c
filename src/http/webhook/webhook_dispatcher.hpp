#pragma once
// Sends the library's webhook outbox (docs/LIBRARY_STORE.md, "Webhook"): every saved or
// corrected decklist is POSTed as JSON to one URL, signed with HMAC-SHA256, and retried with
// exponential backoff until the receiver answers 2xx or give_up_after has passed since the
// delivery was written. The deliveries live in the store (StoreOptions::webhook_outbox), so
// nothing is lost across restarts, and several instances on one PostgreSQL share the work.
// Delivery is at least once: a receiver deduplicates by X-Delivery-ID.
//
// Threading: the dispatcher owns one thread, which alone claims deliveries and sends them
// (one request at a time, over its own Asio io_context). notify() and stats_json() may be
// called from any thread. The destructor stops the thread: a request in flight is cancelled
// at once (recorded as a failed attempt, due again immediately), so it never waits for
// request_timeout. The store must outlive the dispatcher.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <queue>
#include <random>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include "decklist/library/decklist_store.hpp"

namespace decklist::http {

struct WebhookOptions {
    std::string url;     // http://host[:port][/path]; https is not supported
    std::string secret;  // the HMAC-SHA256 key of X-Signature-256; must not be empty
    // Retry n (n = 1, 2, ...) waits first_retry * 2^(n-1), capped by max_retry, minus up to
    // half of it at random, so that deliveries failed together do not retry together.
    std::chrono::milliseconds first_retry{1000};
    std::chrono::milliseconds max_retry = std::chrono::hours(1);
    // After this long since the delivery was written, a failed attempt abandons it.
    std::chrono::milliseconds give_up_after = std::chrono::hours(24);
    // One attempt: resolving, connecting, sending and reading the response's header.
    std::chrono::milliseconds request_timeout = std::chrono::seconds(10);
    // How often the outbox is looked at without a notify(): for deliveries written by other
    // instances, and leases left by an instance that died.
    std::chrono::milliseconds poll_interval = std::chrono::seconds(5);
};

// The parts of an http:// webhook URL. Error(validation) naming webhook_url for anything
// else (https, credentials in the URL, no host, a bad port).
struct WebhookTarget {
    std::string host, port, target;  // target: path and query, "/" when the URL has none
};
WebhookTarget parse_webhook_url(std::string_view url);

// The wait before retry `failed_attempts` (1 after the first failure), before jitter:
// first_retry * 2^(failed_attempts - 1), at most max_retry.
std::chrono::milliseconds webhook_retry_delay(const WebhookOptions& options, int failed_attempts);

class WebhookDispatcher {
  public:
    // Throws Error(validation) for an unusable url or an empty secret. Starts the thread,
    // which sends whatever the outbox already holds (deliveries left by a previous run).
    WebhookDispatcher(DecklistStore& store, WebhookOptions options);
    ~WebhookDispatcher();
    WebhookDispatcher(const WebhookDispatcher&) = delete;
    WebhookDispatcher& operator=(const WebhookDispatcher&) = delete;

    // A save or correction has just written a delivery: look at the outbox now.
    void notify();

    // The "webhook" stats section: this process's counts since it started (delivered,
    // failed_attempts, abandoned) and the outbox's, store-wide (pending, and "outbox" with
    // every state). Reads the store.
    nlohmann::json stats_json() const;

  private:
    struct AttemptResult {
        bool delivered = false;
        std::string error;  // why not, for last_error
    };

    void run();
    // Sends every due delivery; returns when the outbox has none or the dispatcher stops.
    void send_due();
    void record(const OutboxDelivery& delivery, const AttemptResult& result);
    // When to look at the outbox next: the earliest retry this dispatcher scheduled, or the
    // next poll.
    std::chrono::system_clock::time_point next_wake();
    AttemptResult post(const OutboxDelivery& delivery);

    DecklistStore& store_;
    const WebhookOptions options_;
    const WebhookTarget target_;

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool notified_ = false;                    // guarded by mutex_
    std::atomic<bool> stop_requested_{false};  // set under mutex_, read anywhere

    std::atomic<std::uint64_t> delivered_{0}, failed_attempts_{0}, abandoned_{0};

    // Used by the dispatcher's thread only (the destructor posts a cancel to io_).
    // The retry times this dispatcher scheduled and has not reached yet, earliest on top.
    std::priority_queue<std::chrono::system_clock::time_point,
                        std::vector<std::chrono::system_clock::time_point>, std::greater<>>
        retries_;
    boost::asio::io_context io_;
    std::function<void()> cancel_in_flight_;  // set while a request runs
    std::mt19937 jitter_{std::random_device{}()};
    std::thread thread_;
};

}  // namespace decklist::http
