#pragma once
// GET /metrics: the stats in the Prometheus text exposition format 0.0.4. Names follow the
// Prometheus conventions: a decklist_ prefix, base units (_seconds, _bytes), _total on counters.

#include <string>

#include "http/stats/stats.hpp"

namespace decklist::http {

inline constexpr const char* kPrometheusContentType = "text/plain; version=0.0.4";

// Facts about the process that the counters do not hold.
struct ProcessFacts {
    std::string version;
    double uptime_seconds = 0;
    bool ocr_ready = false;
    std::size_t cards_loaded = 0;
};

std::string format_prometheus(const StatsSnapshot& stats, const ProcessFacts& facts);

}  // namespace decklist::http
