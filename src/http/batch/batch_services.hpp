#pragma once
// The services the upload routes share, one per server (owned by the Server): the OCR
// worker pool, the image counters, the upload memory budget, the resumable batch
// store, and the set of running batches that a shutdown cancels when its grace period is over.

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "decklist/batch/batch_counters.hpp"
#include "decklist/batch/batch_runner.hpp"
#include "decklist/batch/batch_store.hpp"
#include "decklist/batch/upload_budget.hpp"
#include "decklist/batch/worker_pool.hpp"
#include "decklist/engine.hpp"
#include "decklist/library/decklist_library.hpp"
#include "http/batch/upload_reader.hpp"
#include "http/config/server_config.hpp"
#include "http/core/request.hpp"

namespace decklist::http {

class Stats;

class BatchServices {
  public:
    // Starts the worker pool, one worker per config.worker_count(), each loading Tesseract on
    // its own thread; `on_ocr_ready` runs once, on the last to finish. Without an engine
    // (HTTP-only tests) there is no pool and start_batch refuses. Registers the "workers" and
    // "batches" sections of `stats`. Every argument must outlive this object; `library` may
    // be null (no saving).
    BatchServices(const ServerConfig& config, const Engine* engine, DecklistLibrary* library,
                  Stats& stats, std::function<void()> on_ocr_ready);
    ~BatchServices();

    WorkerPool& pool() noexcept { return *pool_; }
    BatchCounters& counters() noexcept { return counters_; }
    const std::shared_ptr<UploadBudget>& budget() noexcept { return budget_; }
    BatchStore& store() noexcept { return *store_; }

    // Starts a batch that a shutdown cancels if it still runs when the grace period is over.
    std::shared_ptr<BatchRunner> start_batch(BatchOptions options, BatchRunner::EventSink sink);
    BatchOptions options(BatchMode mode) const;
    // Whether a request's results are saved in the decklist library: its ?save= switch over
    // the config's save_by_default, or always (/process-and-save). Error(validation) when
    // saving is asked of a server without a library.
    void apply_saving(BatchOptions& options, const RequestInfo& request, bool always = false,
                      std::string batch_id = {}) const;
    // The multipart limits of an upload whose files come in the field `field_name`.
    UploadLimits upload_limits(std::string field_name) const;

    void cancel_all();

  private:
    const ServerConfig& config_;
    DecklistLibrary* library_;
    BatchCounters counters_;
    std::shared_ptr<UploadBudget> budget_;
    std::unique_ptr<BatchStore> store_;
    std::mutex mutex_;
    std::vector<std::weak_ptr<BatchRunner>> running_;
    std::unique_ptr<WorkerPool> pool_;  // last: its threads stop first on destruction
};

}  // namespace decklist::http
