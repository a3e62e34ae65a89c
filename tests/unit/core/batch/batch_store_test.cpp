#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "decklist/batch/batch_id.hpp"
#include "decklist/batch/batch_store.hpp"

using namespace decklist;

namespace {

void record_sample(StoredBatch& batch, std::size_t images) {
    for (std::size_t i = 0; i < images; ++i) {
        batch.record(
            ProgressEvent{i, i + 1, images, "f" + std::to_string(i), ImageStatus::validating});
        batch.record(ErrorEvent{i, "f" + std::to_string(i), "bad", ErrorType::validation});
    }
}

}  // namespace

TEST(BatchId, InstancePrefixAnd128RandomBits) {
    const std::string id = make_batch_id("node_1");
    EXPECT_TRUE(std::regex_match(id, std::regex("node_1-[0-9a-f]{32}"))) << id;
    std::set<std::string> seen;
    for (int i = 0; i < 1000; ++i) seen.insert(make_batch_id("x"));
    EXPECT_EQ(seen.size(), 1000u);
}

TEST(BatchId, DerivedInstanceIdIsStableAndDiffersPerSeed) {
    EXPECT_EQ(derive_instance_id("host:8080"), derive_instance_id("host:8080"));
    EXPECT_NE(derive_instance_id("host:8080"), derive_instance_id("host:8081"));
    EXPECT_TRUE(valid_instance_id(derive_instance_id("anything")));
    EXPECT_FALSE(valid_instance_id("a-b"));
    EXPECT_FALSE(valid_instance_id(""));
    EXPECT_FALSE(valid_instance_id("../x"));
}

TEST(StoredBatch, EventIdsIncreaseAndReplayStartsAfterLastEventId) {
    StoredBatch batch("i-1", std::chrono::steady_clock::now());
    record_sample(batch, 3);  // ids 1..6
    std::vector<std::uint64_t> ids;
    auto token = batch.subscribe(4, [&](const StoredEvent& e) { ids.push_back(e.id); });
    EXPECT_EQ(ids, (std::vector<std::uint64_t>{5, 6}));
    batch.record(CompleteEvent{3, 0, 3, 0, std::nullopt, 0.5});
    EXPECT_EQ(ids, (std::vector<std::uint64_t>{5, 6, 7}));
    batch.unsubscribe(token);
    batch.record(CompleteEvent{});  // not delivered after unsubscribe
    EXPECT_EQ(ids.size(), 3u);
}

TEST(StoredBatch, ReplayFromZeroAndFromBeyondTheEnd) {
    StoredBatch batch("i-2", std::chrono::steady_clock::now());
    record_sample(batch, 2);
    std::size_t all = 0, none = 0;
    batch.subscribe(0, [&](const StoredEvent&) { ++all; });
    batch.subscribe(99, [&](const StoredEvent&) { ++none; });
    EXPECT_EQ(all, 4u);
    EXPECT_EQ(none, 0u);
}

TEST(StoredBatch, StatusCollectsResultsErrorsAndSummary) {
    StoredBatch batch("i-3", std::chrono::steady_clock::now());
    record_sample(batch, 2);
    EXPECT_EQ(batch.status()["state"], "running");
    batch.record(CompleteEvent{2, 0, 2, 0, std::nullopt, 1.0});
    const auto status = batch.status();
    EXPECT_EQ(status["state"], "completed");
    EXPECT_EQ(status["errors"].size(), 2u);
    EXPECT_EQ(status["summary"]["failed"], 2);
    EXPECT_EQ(status["last_event_id"], 5);
}

TEST(BatchStore, FinishedBatchesExpireAfterTheTtl) {
    BatchStore zero_ttl("inst", std::chrono::seconds(0));
    auto batch = zero_ttl.create();
    EXPECT_EQ(zero_ttl.find(batch->id()), batch);  // running batches never expire
    batch->record(CompleteEvent{});
    EXPECT_EQ(zero_ttl.find(batch->id()), nullptr);

    BatchStore long_ttl("inst", std::chrono::seconds(3600));
    auto kept = long_ttl.create();
    kept->record(CompleteEvent{});
    EXPECT_EQ(long_ttl.find(kept->id()), kept);
    EXPECT_EQ(long_ttl.find("inst-unknown"), nullptr);
    EXPECT_EQ(kept->id().rfind("inst-", 0), 0u);
}
