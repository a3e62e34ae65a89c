#include "http/batch/batch_services.hpp"

#include <unistd.h>

#include <atomic>

#include <spdlog/spdlog.h>

#include "decklist/batch/batch_id.hpp"
#include "http/access/access_grant.hpp"
#include "http/batch/sse_stream.hpp"
#include "http/core/request_errors.hpp"
#include "http/stats/stats.hpp"

namespace decklist::http {
namespace {

std::string instance_id_for(const ServerConfig& config) {
    if (!config.instance_id.empty()) {
        if (valid_instance_id(config.instance_id)) return config.instance_id;
        spdlog::error("instance_id \"{}\" is not 1-32 characters of [A-Za-z0-9_]; deriving one",
                      config.instance_id);
    }
    char host[256] = {};
    if (::gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
    return derive_instance_id(std::string(host) + ":" + std::to_string(config.port));
}

}  // namespace

BatchServices::BatchServices(const ServerConfig& config, const Engine* engine,
                             DecklistLibrary* library, Stats& stats,
                             std::function<void()> on_ocr_ready)
    : config_(config),
      library_(library),
      budget_(UploadBudget::create(config.upload_memory_budget_bytes())),
      store_(std::make_unique<BatchStore>(instance_id_for(config), config.batch_ttl)) {
    counters_.observer = [&stats](ImageOutcome outcome, const Decklist* result) {
        switch (outcome) {
            case ImageOutcome::processed:
                if (result) stats.record_image_processed(result->timing_ms, result->needs_review);
                break;
            case ImageOutcome::recalled:  // no reading: nothing for the latency figures
                break;
            case ImageOutcome::failed:
                stats.record_image_failed();
                break;
            case ImageOutcome::timed_out:
                stats.record_image_timed_out();
                break;
            case ImageOutcome::cancelled:
                stats.record_image_cancelled();
                break;
            case ImageOutcome::dropped:
                stats.record_result_dropped();
                break;
        }
    };
    if (engine) {
        // The pool builds its workers as it starts; /health says ocr_ready once all of them
        // have loaded Tesseract, so a client that waits for it measures no start-up.
        const std::size_t workers = config.worker_count();
        auto built = std::make_shared<std::atomic<std::size_t>>(0);
        pool_ = std::make_unique<WorkerPool>(
            [engine, on_ocr_ready = std::move(on_ocr_ready), built, workers] {
                auto worker = engine->make_worker();
                if (++*built == workers) {
                    spdlog::info("OCR ready: {} workers", workers);
                    on_ocr_ready();
                }
                return worker;
            },
            workers);
    }
    stats.add_section("workers", [this] {
        if (!pool_) return nlohmann::json{{"size", 0}, {"queue_depth", 0}, {"busy", 0}};
        return nlohmann::json{{"size", pool_->size()},
                              {"queue_depth", pool_->queue_depth()},
                              {"busy", pool_->busy()}};
    });
    stats.add_section("batches", [this] {
        auto out = counters_.to_json();
        out["in_flight"] = counters_.batches_in_flight.load();
        out["stored_resumable"] = store_->size();
        out["upload_budget_bytes"] = budget_->capacity();
        out["upload_bytes_buffered"] = budget_->used();
        out["uploads_waiting_for_budget"] = budget_->waiting();
        out["open_streams"] = SseStream::open_count();
        return out;
    });
    spdlog::info("batches: instance id {}, {} workers, upload budget {} MiB", store_->instance_id(),
                 pool_ ? pool_->size() : 0, budget_->capacity() / (1024 * 1024));
}

BatchServices::~BatchServices() {
    cancel_all();
    if (pool_) pool_->stop();
}

BatchOptions BatchServices::options(BatchMode mode) const {
    BatchOptions options;
    options.mode = mode;
    options.image_timeout = config_.image_timeout;
    options.max_images = static_cast<std::size_t>(config_.max_batch_size);
    return options;
}

void BatchServices::apply_saving(BatchOptions& options, const RequestInfo& request, bool always,
                                 std::string batch_id) const {
    const bool save = always || request.query_flag("save").value_or(config_.save_by_default);
    if (!save) return;
    if (request.access && request.access->read_only)
        throw Error(request_error::forbidden,
                    "this API key is read-only: it cannot save decklists (send ?save=false)");
    options.library = library_;
    if (!options.library)
        throw Error(ErrorType::validation, "this server keeps no decklist library",
                    {{"parameter", "save"}});
    options.save_context.batch_id = std::move(batch_id);
    options.save_context.saved_by = author_of(request);
}

UploadLimits BatchServices::upload_limits(std::string field_name) const {
    UploadLimits limits;
    limits.field_name = std::move(field_name);
    limits.max_file_bytes = config_.max_file_bytes();
    // Extra files past max_batch_size are refused one by one by the runner; this only stops
    // bodies made of absurd numbers of (tiny) parts.
    limits.max_parts = static_cast<std::size_t>(config_.max_batch_size) * 4 + 64;
    return limits;
}

std::shared_ptr<BatchRunner> BatchServices::start_batch(BatchOptions options,
                                                        BatchRunner::EventSink sink) {
    if (!pool_) throw Error(ErrorType::internal, "no OCR engine is loaded");
    auto runner = BatchRunner::start(*pool_, options, std::move(sink), counters_);
    std::lock_guard lock(mutex_);
    std::erase_if(running_, [](const auto& weak) { return weak.expired(); });
    running_.push_back(runner);
    return runner;
}

void BatchServices::cancel_all() {
    std::vector<std::shared_ptr<BatchRunner>> live;
    {
        std::lock_guard lock(mutex_);
        for (auto& weak : running_)
            if (auto runner = weak.lock()) live.push_back(std::move(runner));
        running_.clear();
    }
    for (auto& runner : live) runner->cancel();
}

}  // namespace decklist::http
