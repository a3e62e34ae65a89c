#pragma once
// Counters behind GET /api/v1/stats and GET /metrics. Thread-safe: the sessions record every
// request, the batch code records images and registers its own sections (worker pool,
// batches) as callbacks that are read when the stats are served.

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "decklist/decklist.hpp"

namespace decklist::http {

// The last N samples of a duration, for percentiles over recent traffic.
class LatencyWindow {
  public:
    void add(double ms);
    // {"count": all samples ever, "mean_ms" over all of them, "p50_ms", "p95_ms" over the
    // window}; the times are null when there is no sample.
    nlohmann::json summary() const;

  private:
    static constexpr std::size_t kSize = 1024;
    std::array<double, kSize> samples_{};
    std::size_t next_ = 0;
    std::uint64_t count_ = 0;
    double total_ms_ = 0;
};

// Cumulative counts of durations at or under fixed bounds, as Prometheus histograms want.
class DurationHistogram {
  public:
    // Upper bounds in seconds, from 5 ms (a /health) to a minute (image_timeout_s).
    static constexpr std::array<double, 13> kBoundsSeconds = {
        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};

    void add(double seconds);
    // counts()[i]: samples <= kBoundsSeconds[i] (cumulative); count() includes larger ones.
    const std::array<std::uint64_t, kBoundsSeconds.size()>& counts() const noexcept {
        return counts_;
    }
    std::uint64_t count() const noexcept { return count_; }
    double sum_seconds() const noexcept { return sum_seconds_; }

  private:
    std::array<std::uint64_t, kBoundsSeconds.size()> counts_{};
    std::uint64_t count_ = 0;
    double sum_seconds_ = 0;
};

// Everything the counters hold, copied under the lock, for the Prometheus exposition.
struct StatsSnapshot {
    std::map<std::string, std::map<int, std::uint64_t>> requests_by_route;  // route -> status
    std::map<std::string, DurationHistogram> request_seconds_by_route;
    // processed, failed, timed_out, cancelled, dropped
    std::map<std::string, std::uint64_t> images_by_outcome;
    std::map<std::string, DurationHistogram> image_stage_seconds;  // decode, layout, ocr, match
    std::uint64_t results_needing_review = 0;
    std::map<std::string, std::int64_t> counters;
    nlohmann::json sections = nlohmann::json::object();  // name -> what its callback returned
};

class Stats {
  public:
    // One finished request: route label ("GET /health", or "unmatched"), final status.
    void record_request(const std::string& route, int status, double ms);

    // Images: processed (with their processing time), failed, cancelled (never started).
    void record_image_processed(double ms);
    // The same, with each stage's time and whether it needs review.
    void record_image_processed(const StageTiming& timing_ms, bool needs_review);
    void record_image_failed();
    void record_image_timed_out();  // also counted as failed in to_json()
    void record_image_cancelled();
    void record_result_dropped();

    // A named counter any part can bump ("rate_limited", ...); shown under "counters".
    void increment(const std::string& counter, std::int64_t delta = 1);

    // A section computed when stats are served, e.g. "workers" -> {"size", "queue_depth"}.
    // A later registration under the same name replaces the earlier one.
    void add_section(std::string name, std::function<nlohmann::json()> section);

    nlohmann::json to_json() const;
    StatsSnapshot snapshot() const;

  private:
    // Reads every section callback (outside the lock: they may take locks of their own).
    nlohmann::json read_sections() const;

    mutable std::mutex mutex_;
    std::uint64_t requests_total_ = 0;
    std::map<std::string, std::map<int, std::uint64_t>> by_route_;
    std::map<int, std::uint64_t> by_status_;
    LatencyWindow request_latency_;
    std::uint64_t images_processed_ = 0, images_failed_ = 0, images_cancelled_ = 0;
    std::uint64_t images_timed_out_ = 0, results_dropped_ = 0, results_needing_review_ = 0;
    LatencyWindow image_latency_;
    std::map<std::string, DurationHistogram> request_seconds_by_route_;
    std::map<std::string, DurationHistogram> image_stage_seconds_;
    std::map<std::string, std::int64_t> counters_;
    std::map<std::string, std::function<nlohmann::json()>> sections_;
};

}  // namespace decklist::http
