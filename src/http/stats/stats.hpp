#pragma once
// Counters behind GET /api/v1/stats. Thread-safe: the sessions record every request, the
// batch code records images and registers its own sections (worker pool, batches) as
// callbacks that are read when the stats are served.

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

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

class Stats {
  public:
    // One finished request: route label ("GET /health", or "unmatched"), final status.
    void record_request(const std::string& route, int status, double ms);

    // Images: processed (with their processing time), failed, cancelled (never started).
    void record_image_processed(double ms);
    void record_image_failed();
    void record_image_cancelled();

    // A named counter any part can bump ("rate_limited", ...); shown under "counters".
    void increment(const std::string& counter, std::int64_t delta = 1);

    // A section computed when stats are served, e.g. "workers" -> {"size", "queue_depth"}.
    // A later registration under the same name replaces the earlier one.
    void add_section(std::string name, std::function<nlohmann::json()> section);

    nlohmann::json to_json() const;

  private:
    mutable std::mutex mutex_;
    std::uint64_t requests_total_ = 0;
    std::map<std::string, std::map<int, std::uint64_t>> by_route_;
    std::map<int, std::uint64_t> by_status_;
    LatencyWindow request_latency_;
    std::uint64_t images_processed_ = 0, images_failed_ = 0, images_cancelled_ = 0;
    LatencyWindow image_latency_;
    std::map<std::string, std::int64_t> counters_;
    std::map<std::string, std::function<nlohmann::json()>> sections_;
};

}  // namespace decklist::http
