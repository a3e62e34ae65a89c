#pragma once
// Resumable batches for clients that can only GET (EventSource): every event of a batch is
// kept with a strictly increasing id (1, 2, 3, ...), so a client that reconnects with
// Last-Event-ID: n gets exactly the events after n, then the live ones: no loss, no
// duplicate. Finished batches stay readable for a TTL, then are forgotten (404).
// State lives in this process's memory; see batch_id.hpp for routing with several instances.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "decklist/batch/batch_runner.hpp"
#include "decklist/batch/events.hpp"

namespace decklist {

struct StoredEvent {
    std::uint64_t id = 0;
    std::string name;   // progress, result, error, complete
    std::string data;   // the event's JSON text
    bool last = false;  // the complete event: a stream can end after it
};

class StoredBatch {
  public:
    using Subscriber = std::function<void(const StoredEvent&)>;

    StoredBatch(std::string id, std::chrono::steady_clock::time_point created,
                std::string owner = {});

    const std::string& id() const noexcept { return id_; }
    // The label of the API key that created the batch (empty when keys are off): only that
    // key may read it.
    const std::string& owner() const noexcept { return owner_; }

    // The runner's event sink: numbers the event, keeps it, passes it to every subscriber.
    void record(const BatchEvent& event);

    // Calls on_event for every kept event with id > after_id, then for each new one as it is
    // recorded, until unsubscribe(). Runs with the batch's lock held: on_event must only
    // queue or post. Returns a token for unsubscribe().
    std::uint64_t subscribe(std::uint64_t after_id, Subscriber on_event);
    void unsubscribe(std::uint64_t token);

    void attach(std::shared_ptr<BatchRunner> runner);
    std::shared_ptr<BatchRunner> runner() const;
    // Cancels the runner (DELETE). Returns false when the batch had already finished.
    bool cancel();

    bool finished() const;
    std::optional<std::chrono::steady_clock::time_point> finished_at() const;
    std::uint64_t last_event_id() const;

    // {batch_id, state: running|completed|cancelled, total, finished, successful, failed,
    //  cancelled, last_event_id, results: [result data], errors: [error data],
    //  summary: complete data or null}
    nlohmann::json status() const;

  private:
    const std::string id_;
    const std::string owner_;
    mutable std::mutex mutex_;
    std::shared_ptr<BatchRunner> runner_;
    std::vector<StoredEvent> events_;
    std::vector<nlohmann::json> results_, errors_;
    nlohmann::json summary_ = nullptr;
    bool cancel_requested_ = false;
    std::optional<std::chrono::steady_clock::time_point> finished_at_;
    std::map<std::uint64_t, Subscriber> subscribers_;
    std::uint64_t next_token_ = 1;
};

class BatchStore {
  public:
    BatchStore(std::string instance_id, std::chrono::milliseconds ttl);

    const std::string& instance_id() const noexcept { return instance_id_; }
    std::chrono::milliseconds ttl() const noexcept { return ttl_; }

    // A new, empty batch with a fresh id (see batch_id.hpp), owned by `owner` (a key label).
    std::shared_ptr<StoredBatch> create(std::string owner = {});
    // nullptr when the id is unknown or its batch finished more than ttl ago.
    std::shared_ptr<StoredBatch> find(const std::string& id);
    void erase(const std::string& id);
    std::size_t size();

  private:
    void sweep(std::chrono::steady_clock::time_point now);  // with lock

    const std::string instance_id_;
    const std::chrono::milliseconds ttl_;
    std::mutex mutex_;
    std::map<std::string, std::shared_ptr<StoredBatch>, std::less<>> batches_;
};

}  // namespace decklist
