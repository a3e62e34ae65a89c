#include "http/stats/stats.hpp"

#include <algorithm>
#include <cmath>

namespace decklist::http {

void LatencyWindow::add(double ms) {
    samples_[next_] = ms;
    next_ = (next_ + 1) % kSize;
    ++count_;
    total_ms_ += ms;
}

nlohmann::json LatencyWindow::summary() const {
    const std::size_t n = std::min<std::uint64_t>(count_, kSize);
    if (n == 0)
        return {{"count", 0}, {"mean_ms", nullptr}, {"p50_ms", nullptr}, {"p95_ms", nullptr}};
    std::vector<double> sorted(samples_.begin(), samples_.begin() + n);
    std::sort(sorted.begin(), sorted.end());
    // Nearest-rank percentile.
    auto rank = [&](double p) {
        const auto index = static_cast<std::size_t>(std::ceil(p * n)) - 1;
        return std::round(sorted[std::min(index, n - 1)] * 100) / 100;
    };
    const double mean = std::round(total_ms_ / static_cast<double>(count_) * 100) / 100;
    return {{"count", count_}, {"mean_ms", mean}, {"p50_ms", rank(0.50)}, {"p95_ms", rank(0.95)}};
}

void DurationHistogram::add(double seconds) {
    for (std::size_t i = 0; i < kBoundsSeconds.size(); ++i)
        if (seconds <= kBoundsSeconds[i]) ++counts_[i];
    ++count_;
    sum_seconds_ += seconds;
}

void Stats::record_request(const std::string& route, int status, double ms) {
    std::lock_guard lock(mutex_);
    ++requests_total_;
    ++by_route_[route][status];
    ++by_status_[status];
    request_latency_.add(ms);
    request_seconds_by_route_[route].add(ms / 1000.0);
}

void Stats::record_image_processed(double ms) {
    std::lock_guard lock(mutex_);
    ++images_processed_;
    image_latency_.add(ms);
}

void Stats::record_image_processed(const StageTiming& timing_ms, bool needs_review) {
    std::lock_guard lock(mutex_);
    ++images_processed_;
    image_latency_.add(timing_ms.total);
    if (needs_review) ++results_needing_review_;
    const std::pair<const char*, double> stages[] = {{"decode", timing_ms.decode},
                                                     {"layout", timing_ms.layout},
                                                     {"ocr", timing_ms.ocr},
                                                     {"match", timing_ms.match},
                                                     {"total", timing_ms.total}};
    for (const auto& [stage, ms] : stages) image_stage_seconds_[stage].add(ms / 1000.0);
}

void Stats::record_image_failed() {
    std::lock_guard lock(mutex_);
    ++images_failed_;
}

void Stats::record_image_timed_out() {
    std::lock_guard lock(mutex_);
    ++images_failed_;
    ++images_timed_out_;
}

void Stats::record_result_dropped() {
    std::lock_guard lock(mutex_);
    ++results_dropped_;
}

void Stats::record_image_cancelled() {
    std::lock_guard lock(mutex_);
    ++images_cancelled_;
}

void Stats::increment(const std::string& counter, std::int64_t delta) {
    std::lock_guard lock(mutex_);
    counters_[counter] += delta;
}

void Stats::add_section(std::string name, std::function<nlohmann::json()> section) {
    std::lock_guard lock(mutex_);
    sections_[std::move(name)] = std::move(section);
}

nlohmann::json Stats::read_sections() const {
    std::map<std::string, std::function<nlohmann::json()>> sections;
    {
        std::lock_guard lock(mutex_);
        sections = sections_;
    }
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [name, section] : sections) out[name] = section();
    return out;
}

StatsSnapshot Stats::snapshot() const {
    StatsSnapshot out;
    {
        std::lock_guard lock(mutex_);
        out.requests_by_route = by_route_;
        out.request_seconds_by_route = request_seconds_by_route_;
        out.images_by_outcome = {{"processed", images_processed_},
                                 {"failed", images_failed_ - images_timed_out_},
                                 {"timed_out", images_timed_out_},
                                 {"cancelled", images_cancelled_},
                                 {"dropped", results_dropped_}};
        out.image_stage_seconds = image_stage_seconds_;
        out.results_needing_review = results_needing_review_;
        out.counters = counters_;
    }
    out.sections = read_sections();
    return out;
}

nlohmann::json Stats::to_json() const {
    nlohmann::json out;
    {
        std::lock_guard lock(mutex_);
        nlohmann::json routes = nlohmann::json::object();
        for (const auto& [route, statuses] : by_route_) {
            nlohmann::json s = nlohmann::json::object();
            for (const auto& [status, n] : statuses) s[std::to_string(status)] = n;
            routes[route] = s;
        }
        nlohmann::json statuses = nlohmann::json::object();
        for (const auto& [status, n] : by_status_) statuses[std::to_string(status)] = n;
        out["requests"] = {{"total", requests_total_},
                           {"by_route", routes},
                           {"by_status", statuses},
                           {"latency", request_latency_.summary()}};
        out["images"] = {{"processed", images_processed_},
                         {"failed", images_failed_},
                         {"cancelled", images_cancelled_},
                         {"latency", image_latency_.summary()}};
        out["counters"] = counters_;
        // Kept under "counters", where /api/v1/stats has always shown them.
        if (results_dropped_ > 0) out["counters"]["results_dropped"] = results_dropped_;
    }
    nlohmann::json sections = read_sections();
    for (auto& [name, section] : sections.items()) out[name] = std::move(section);
    return out;
}

}  // namespace decklist::http
