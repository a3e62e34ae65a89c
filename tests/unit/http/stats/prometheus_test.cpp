#include <gtest/gtest.h>

#include "http/stats/prometheus.hpp"

namespace decklist::http {
namespace {

bool has_line(const std::string& text, const std::string& line) {
    return ("\n" + text).find("\n" + line + "\n") != std::string::npos;
}

std::string format(const Stats& stats) {
    return format_prometheus(stats.snapshot(), {"1.2.3", 12.5, true, 399});
}

TEST(Prometheus, CountersCarryTheirLabelsUnderOneHelpAndType) {
    Stats stats;
    stats.record_request("GET /health", 200, 2.0);
    stats.record_request("GET /health", 200, 4.0);
    stats.record_request("POST /api/v1/process", 413, 1.0);
    const auto text = format(stats);
    EXPECT_TRUE(has_line(text, "# TYPE decklist_http_requests_total counter")) << text;
    EXPECT_TRUE(
        has_line(text, R"(decklist_http_requests_total{route="GET /health",status="200"} 2)"));
    EXPECT_TRUE(has_line(
        text, R"(decklist_http_requests_total{route="POST /api/v1/process",status="413"} 1)"));
    EXPECT_TRUE(has_line(text, R"(decklist_build_info{version="1.2.3"} 1)"));
    EXPECT_TRUE(has_line(text, "decklist_uptime_seconds 12.5"));
    EXPECT_TRUE(has_line(text, "decklist_ocr_ready 1"));
    EXPECT_TRUE(has_line(text, "decklist_cards_loaded 399"));
    // One HELP and one TYPE per metric, however many label sets it has.
    std::size_t types = 0;
    for (auto at = text.find("# TYPE decklist_http_requests_total "); at != std::string::npos;
         at = text.find("# TYPE decklist_http_requests_total ", at + 1))
        ++types;
    EXPECT_EQ(types, 1u);
}

TEST(Prometheus, HistogramBucketsAreCumulativeInSeconds) {
    Stats stats;
    stats.record_request("GET /health", 200, 3.0);      // 0.003 s
    stats.record_request("GET /health", 200, 40.0);     // 0.04 s
    stats.record_request("GET /health", 200, 90000.0);  // 90 s: only +Inf
    const auto text = format(stats);
    const std::string name = "decklist_http_request_duration_seconds";
    EXPECT_TRUE(has_line(text, "# TYPE " + name + " histogram"));
    EXPECT_TRUE(has_line(text, name + R"(_bucket{route="GET /health",le="0.005"} 1)")) << text;
    EXPECT_TRUE(has_line(text, name + R"(_bucket{route="GET /health",le="0.025"} 1)"));
    EXPECT_TRUE(has_line(text, name + R"(_bucket{route="GET /health",le="0.05"} 2)"));
    EXPECT_TRUE(has_line(text, name + R"(_bucket{route="GET /health",le="60"} 2)"));
    EXPECT_TRUE(has_line(text, name + R"(_bucket{route="GET /health",le="+Inf"} 3)"));
    EXPECT_TRUE(has_line(text, name + R"(_count{route="GET /health"} 3)"));
    EXPECT_TRUE(has_line(text, name + R"(_sum{route="GET /health"} 90.043)"));
}

TEST(Prometheus, ImagesByOutcomeStagesAndReview) {
    Stats stats;
    StageTiming timing;
    timing.decode = 10;
    timing.layout = 20;
    timing.ocr = 300;
    timing.match = 5;
    timing.total = 335;
    stats.record_image_processed(timing, true);
    stats.record_image_processed(timing, false);
    stats.record_image_failed();
    stats.record_image_timed_out();
    stats.record_image_cancelled();
    stats.record_result_dropped();
    const auto text = format(stats);
    EXPECT_TRUE(has_line(text, R"(decklist_images_total{outcome="processed"} 2)")) << text;
    EXPECT_TRUE(has_line(text, R"(decklist_images_total{outcome="failed"} 1)"));
    EXPECT_TRUE(has_line(text, R"(decklist_images_total{outcome="timed_out"} 1)"));
    EXPECT_TRUE(has_line(text, R"(decklist_images_total{outcome="cancelled"} 1)"));
    EXPECT_TRUE(has_line(text, R"(decklist_images_total{outcome="dropped"} 1)"));
    EXPECT_TRUE(has_line(text, "decklist_results_needing_review_total 1"));
    const std::string stage = "decklist_image_stage_duration_seconds";
    EXPECT_TRUE(has_line(text, stage + R"(_bucket{stage="ocr",le="0.25"} 0)"));
    EXPECT_TRUE(has_line(text, stage + R"(_bucket{stage="ocr",le="0.5"} 2)"));
    EXPECT_TRUE(has_line(text, stage + R"(_sum{stage="decode"} 0.02)"));
    EXPECT_TRUE(has_line(text, stage + R"(_count{stage="match"} 2)"));
    // The JSON stats keep counting a timeout as a failure.
    EXPECT_EQ(stats.to_json()["images"]["failed"], 2);
}

TEST(Prometheus, GaugesComeFromTheStatsSections) {
    Stats stats;
    stats.add_section("workers", [] {
        return nlohmann::json{{"size", 4}, {"busy", 3}, {"queue_depth", 7}};
    });
    stats.add_section("batches", [] {
        return nlohmann::json{{"upload_bytes_buffered", 1048576}, {"open_streams", 2}};
    });
    stats.add_section("connections", [] { return nlohmann::json{{"open", 5}}; });
    stats.add_section("access", [] {
        return nlohmann::json{{"rejected_unauthorized", 6}, {"rejected_rate_limited", 8}};
    });
    const auto text = format(stats);
    EXPECT_TRUE(has_line(text, "decklist_worker_pool_size 4")) << text;
    EXPECT_TRUE(has_line(text, "decklist_worker_pool_busy 3"));
    EXPECT_TRUE(has_line(text, "decklist_worker_pool_queued 7"));
    EXPECT_TRUE(has_line(text, "decklist_upload_buffered_bytes 1048576"));
    EXPECT_TRUE(has_line(text, "decklist_open_streams 2"));
    EXPECT_TRUE(has_line(text, "decklist_open_connections 5"));
    EXPECT_TRUE(has_line(text, R"(decklist_requests_refused_total{reason="unauthorized"} 6)"));
    EXPECT_TRUE(has_line(text, R"(decklist_requests_refused_total{reason="rate_limited"} 8)"));
}

TEST(Prometheus, LabelValuesAreEscaped) {
    Stats stats;
    stats.record_request("GET /a\"b\\c\nd", 404, 1.0);
    EXPECT_TRUE(has_line(
        format(stats), R"(decklist_http_requests_total{route="GET /a\"b\\c\nd",status="404"} 1)"));
}

}  // namespace
}  // namespace decklist::http
