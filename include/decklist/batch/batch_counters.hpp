#pragma once
// Process-wide image counters for /api/v1/stats, updated by every batch. An observer (set
// once at start-up, before the first batch) lets the HTTP layer mirror them into its own
// stats, e.g. with each decklist's stage times for latency percentiles and histograms.

#include <atomic>
#include <cstdint>
#include <functional>

#include <nlohmann/json.hpp>

#include "decklist/decklist.hpp"

namespace decklist {

enum class ImageOutcome {
    processed,  // a decklist was produced and delivered (the observer sees it)
    recalled,   // answered from the decklist library (the image was saved before): no OCR
    failed,     // validation, limit, processing or internal error
    timed_out,  // its deadline passed; the late result, if any, is dropped
    cancelled,  // cancelled before a worker started it: never OCR'd
    dropped,    // finished after its timeout or its batch's cancellation: result thrown away
};

struct BatchCounters {
    std::atomic<std::uint64_t> images_processed{0};
    std::atomic<std::uint64_t> images_recalled{0};
    std::atomic<std::uint64_t> images_failed{0};
    std::atomic<std::uint64_t> images_timed_out{0};
    std::atomic<std::uint64_t> images_cancelled{0};
    std::atomic<std::uint64_t> results_dropped{0};
    std::atomic<std::uint64_t> batches_started{0};
    std::atomic<std::uint64_t> batches_in_flight{0};

    // `result` is the decklist for `processed`, nullptr for every other outcome.
    std::function<void(ImageOutcome outcome, const Decklist* result)> observer;

    void count(ImageOutcome outcome, const Decklist* result = nullptr) {
        switch (outcome) {
            case ImageOutcome::processed:
                ++images_processed;
                break;
            case ImageOutcome::recalled:
                ++images_recalled;
                break;
            case ImageOutcome::failed:
                ++images_failed;
                break;
            case ImageOutcome::timed_out:
                ++images_timed_out;
                break;
            case ImageOutcome::cancelled:
                ++images_cancelled;
                break;
            case ImageOutcome::dropped:
                ++results_dropped;
                break;
        }
        if (observer) observer(outcome, result);
    }

    nlohmann::json to_json() const {
        return {{"images_processed", images_processed.load()},
                {"images_recalled", images_recalled.load()},
                {"images_failed", images_failed.load()},
                {"images_timed_out", images_timed_out.load()},
                {"images_cancelled", images_cancelled.load()},
                {"results_dropped", results_dropped.load()},
                {"batches_started", batches_started.load()},
                {"batches_in_flight", batches_in_flight.load()}};
    }
};

}  // namespace decklist
