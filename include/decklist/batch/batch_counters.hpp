#pragma once
// Process-wide image counters for /api/v1/stats, updated by every batch.

#include <atomic>
#include <cstdint>

#include <nlohmann/json.hpp>

namespace decklist {

struct BatchCounters {
    std::atomic<std::uint64_t> images_processed{0};  // a decklist was produced and delivered
    std::atomic<std::uint64_t> images_failed{0};     // validation/processing/limit/internal
    std::atomic<std::uint64_t> images_timed_out{0};
    std::atomic<std::uint64_t> images_cancelled{0};  // never OCR'd: cancelled before start
    std::atomic<std::uint64_t> results_dropped{0};   // finished after a timeout or cancel
    std::atomic<std::uint64_t> batches_started{0};
    std::atomic<std::uint64_t> batches_in_flight{0};

    nlohmann::json to_json() const {
        return {{"images_processed", images_processed.load()},
                {"images_failed", images_failed.load()},
                {"images_timed_out", images_timed_out.load()},
                {"images_cancelled", images_cancelled.load()},
                {"results_dropped", results_dropped.load()},
                {"batches_started", batches_started.load()},
                {"batches_in_flight", batches_in_flight.load()}};
    }
};

}  // namespace decklist
