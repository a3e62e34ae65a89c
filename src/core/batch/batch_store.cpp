#include "decklist/batch/batch_store.hpp"

#include "decklist/batch/batch_id.hpp"

namespace decklist {

using Clock = std::chrono::steady_clock;

StoredBatch::StoredBatch(std::string id, Clock::time_point /*created*/, std::string owner)
    : id_(std::move(id)), owner_(std::move(owner)) {}

void StoredBatch::record(const BatchEvent& event) {
    std::lock_guard lock(mutex_);
    nlohmann::json data = to_json(event);
    StoredEvent stored;
    stored.id = events_.size() + 1;
    stored.name = std::string(event_name(event));
    stored.last = std::holds_alternative<CompleteEvent>(event);
    if (std::holds_alternative<ResultEvent>(event)) results_.push_back(data);
    if (std::holds_alternative<ErrorEvent>(event)) errors_.push_back(data);
    if (stored.last) {
        summary_ = data;
        finished_at_ = Clock::now();
    }
    stored.data = data.dump();
    events_.push_back(std::move(stored));
    for (auto& [token, subscriber] : subscribers_) subscriber(events_.back());
}

std::uint64_t StoredBatch::subscribe(std::uint64_t after_id, Subscriber on_event) {
    std::lock_guard lock(mutex_);
    for (std::size_t i =
             static_cast<std::size_t>(std::min<std::uint64_t>(after_id, events_.size()));
         i < events_.size(); ++i)
        on_event(events_[i]);
    const std::uint64_t token = next_token_++;
    subscribers_.emplace(token, std::move(on_event));
    return token;
}

void StoredBatch::unsubscribe(std::uint64_t token) {
    std::lock_guard lock(mutex_);
    subscribers_.erase(token);
}

void StoredBatch::attach(std::shared_ptr<BatchRunner> runner) {
    std::lock_guard lock(mutex_);
    runner_ = std::move(runner);
}

std::shared_ptr<BatchRunner> StoredBatch::runner() const {
    std::lock_guard lock(mutex_);
    return runner_;
}

bool StoredBatch::cancel() {
    std::shared_ptr<BatchRunner> runner;
    {
        std::lock_guard lock(mutex_);
        if (finished_at_) return false;
        cancel_requested_ = true;
        runner = runner_;
    }
    // Outside our lock: the runner records its cancelled and complete events through us.
    if (runner) runner->cancel();
    return true;
}

bool StoredBatch::finished() const {
    std::lock_guard lock(mutex_);
    return finished_at_.has_value();
}

std::optional<Clock::time_point> StoredBatch::finished_at() const {
    std::lock_guard lock(mutex_);
    return finished_at_;
}

std::uint64_t StoredBatch::last_event_id() const {
    std::lock_guard lock(mutex_);
    return events_.size();
}

nlohmann::json StoredBatch::status() const {
    // The runner's lock is taken before ours everywhere (record() runs under it), so read
    // its progress first, without holding ours.
    std::shared_ptr<BatchRunner> runner = this->runner();
    BatchProgress progress;
    if (runner) progress = runner->progress();
    std::lock_guard lock(mutex_);
    const char* state = !finished_at_ ? "running" : cancel_requested_ ? "cancelled" : "completed";
    return {{"batch_id", id_},
            {"state", state},
            {"total", progress.total},
            {"finished", progress.finished},
            {"successful", progress.successful},
            {"failed", progress.failed},
            {"cancelled", progress.cancelled},
            {"input_complete", progress.input_ended},
            {"last_event_id", events_.size()},
            {"results", results_},
            {"errors", errors_},
            {"summary", summary_}};
}

BatchStore::BatchStore(std::string instance_id, std::chrono::milliseconds ttl)
    : instance_id_(std::move(instance_id)), ttl_(ttl) {}

std::shared_ptr<StoredBatch> BatchStore::create(std::string owner) {
    std::lock_guard lock(mutex_);
    const auto now = Clock::now();
    sweep(now);
    auto batch = std::make_shared<StoredBatch>(make_batch_id(instance_id_), now, std::move(owner));
    batches_.emplace(batch->id(), batch);
    return batch;
}

std::shared_ptr<StoredBatch> BatchStore::find(const std::string& id) {
    std::lock_guard lock(mutex_);
    sweep(Clock::now());
    auto it = batches_.find(id);
    return it == batches_.end() ? nullptr : it->second;
}

void BatchStore::erase(const std::string& id) {
    std::lock_guard lock(mutex_);
    batches_.erase(id);
}

std::size_t BatchStore::size() {
    std::lock_guard lock(mutex_);
    sweep(Clock::now());
    return batches_.size();
}

void BatchStore::sweep(Clock::time_point now) {
    for (auto it = batches_.begin(); it != batches_.end();) {
        const auto finished = it->second->finished_at();
        if (finished && now - *finished >= ttl_)
            it = batches_.erase(it);
        else
            ++it;
    }
}

}  // namespace decklist
