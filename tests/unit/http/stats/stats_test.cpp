#include <gtest/gtest.h>

#include <thread>

#include "http/stats/stats.hpp"

namespace decklist::http {
namespace {

TEST(Stats, CountsRequestsByRouteAndStatus) {
    Stats stats;
    stats.record_request("GET /health", 200, 1.0);
    stats.record_request("GET /health", 200, 3.0);
    stats.record_request("DELETE /health", 405, 2.0);
    const auto j = stats.to_json();
    EXPECT_EQ(j["requests"]["total"], 3);
    EXPECT_EQ(j["requests"]["by_route"]["GET /health"]["200"], 2);
    EXPECT_EQ(j["requests"]["by_route"]["DELETE /health"]["405"], 1);
    EXPECT_EQ(j["requests"]["by_status"]["200"], 2);
    EXPECT_EQ(j["requests"]["latency"]["p50_ms"], 2.0);
    EXPECT_EQ(j["requests"]["latency"]["p95_ms"], 3.0);
}

TEST(Stats, PercentilesOverAHundredSamples) {
    Stats stats;
    for (int i = 1; i <= 100; ++i) stats.record_image_processed(i);
    stats.record_image_failed();
    stats.record_image_cancelled();
    const auto images = stats.to_json()["images"];
    EXPECT_EQ(images["processed"], 100);
    EXPECT_EQ(images["failed"], 1);
    EXPECT_EQ(images["cancelled"], 1);
    EXPECT_EQ(images["latency"]["p50_ms"], 50.0);
    EXPECT_EQ(images["latency"]["p95_ms"], 95.0);
}

TEST(Stats, EmptyLatencyIsNull) {
    Stats stats;
    EXPECT_TRUE(stats.to_json()["requests"]["latency"]["p50_ms"].is_null());
    EXPECT_TRUE(stats.to_json()["requests"]["latency"]["mean_ms"].is_null());
}

TEST(Stats, MeanCoversEverySampleNotOnlyTheWindow) {
    Stats stats;
    // 2048 samples: the window keeps the last 1024 (all 3.0), the mean sees all of them.
    for (int i = 0; i < 1024; ++i) stats.record_image_processed(1.0);
    for (int i = 0; i < 1024; ++i) stats.record_image_processed(3.0);
    const auto latency = stats.to_json()["images"]["latency"];
    EXPECT_EQ(latency["count"], 2048);
    EXPECT_EQ(latency["mean_ms"], 2.0);
    EXPECT_EQ(latency["p50_ms"], 3.0);
}

TEST(Stats, SectionsAndCountersFromOtherParts) {
    Stats stats;
    stats.add_section("workers", [] { return nlohmann::json{{"size", 2}}; });
    stats.add_section("workers", [] { return nlohmann::json{{"size", 4}}; });
    stats.increment("rate_limited", 2);
    const auto j = stats.to_json();
    EXPECT_EQ(j["workers"]["size"], 4);
    EXPECT_EQ(j["counters"]["rate_limited"], 2);
}

TEST(Stats, ConcurrentRecordingLosesNothing) {
    Stats stats;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 1000; ++i) stats.record_request("GET /x", 200, 1);
        });
    for (auto& t : threads) t.join();
    EXPECT_EQ(stats.to_json()["requests"]["total"], 4000);
}

}  // namespace
}  // namespace decklist::http
