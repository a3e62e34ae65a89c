// The webhook outbox on both backends: a delivery is written with the save or correction it
// announces, claims lease deliveries so that no two callers get the same one, and each
// attempt's outcome is recorded.

#include <algorithm>
#include <latch>
#include <set>
#include <thread>

#include "store_fixture.hpp"

namespace decklist::store_test {
namespace {

using std::chrono::seconds;
using Clock = std::chrono::system_clock;

DeckSpec outbox_spec(std::string id) {
    DeckSpec s;
    s.id = std::move(id);
    s.event = "Outbox Open";
    s.player = "Vi";
    s.legend = Card{"金克丝", "Jinx"};
    return s;
}

std::set<std::string> delivery_ids(const std::vector<OutboxDelivery>& deliveries) {
    std::set<std::string> out;
    for (const auto& d : deliveries) out.insert(d.delivery_id);
    return out;
}

TEST_P(StoreTest, WithoutTheOutboxOptionNoDeliveryIsWritten) {
    save(outbox_spec("dl-1"));
    EXPECT_EQ(count("webhook_outbox"), 0);
    EXPECT_TRUE(store_->claim_deliveries(10, seconds(60)).empty());
    const OutboxCounts counts = store_->outbox_counts();
    EXPECT_EQ(counts.pending + counts.delivered + counts.abandoned, 0);
}

TEST_P(StoreTest, ASaveAndACorrectionEachWriteOneDeliveryInTheirTransaction) {
    auto outbox = open_with_outbox();
    const auto before = Clock::now() - seconds(1);
    const StoredDecklist saved =
        save(*outbox, outbox_spec("dl-1"), image_bytes("dl-1"), "alice").stored;
    EXPECT_EQ(count("webhook_outbox"), 1);

    // Nothing that writes no decklist writes a delivery: a duplicate, a refused save, a
    // stale or unknown correction (the refused save rolls back on PostgreSQL after its
    // INSERT failed, so its delivery would have gone with it).
    EXPECT_TRUE(save(*outbox, outbox_spec("dl-1"), image_bytes("dl-1")).duplicate);
    EXPECT_THROW(save(*outbox, outbox_spec("dl-1"), image_bytes("other bytes")), Error);
    Correction c;
    c.decklist = decklist_json(outbox_spec("dl-1"));
    c.decklist["metadata"]["player"] = "Corrected";
    c.expected_revision = 7;
    EXPECT_EQ(outbox->update("dl-1", c).outcome, UpdateOutcome::stale);
    EXPECT_EQ(outbox->update("no-such-id", c).outcome, UpdateOutcome::not_found);
    EXPECT_EQ(count("webhook_outbox"), 1);

    c.expected_revision = 1;
    const UpdateResult corrected = outbox->update("dl-1", c);
    ASSERT_EQ(corrected.outcome, UpdateOutcome::updated);
    EXPECT_EQ(count("webhook_outbox"), 2);
    EXPECT_EQ(outbox->outbox_counts().pending, 2);

    // A store opened afterwards (a restarted server) finds both.
    outbox.reset();
    auto reopened = open_with_outbox();
    std::vector<OutboxDelivery> claimed = reopened->claim_deliveries(10, seconds(60));
    ASSERT_EQ(claimed.size(), 2u);
    std::sort(claimed.begin(), claimed.end(),
              [](const auto& a, const auto& b) { return a.revision < b.revision; });
    const std::string expected_kinds[] = {"decklist.saved", "decklist.corrected"};
    const nlohmann::json expected_decklists[] = {decklist_json(outbox_spec("dl-1")), c.decklist};
    const std::string expected_times[] = {saved.created_at, corrected.stored->updated_at};
    for (int i = 0; i < 2; ++i) {
        const OutboxDelivery& d = claimed[i];
        EXPECT_EQ(d.decklist_id, "dl-1");
        EXPECT_EQ(d.revision, i + 1);
        EXPECT_EQ(d.kind, expected_kinds[i]);
        EXPECT_EQ(d.attempts, 0);
        EXPECT_EQ(d.last_error, "");
        EXPECT_EQ(d.delivery_id.size(), 36u) << d.delivery_id;
        EXPECT_GE(d.created_at, before);
        EXPECT_LE(d.created_at, Clock::now());
        const nlohmann::json payload = nlohmann::json::parse(d.payload);
        EXPECT_EQ(payload["event"], expected_kinds[i]);
        EXPECT_EQ(payload["delivery_id"], d.delivery_id);
        EXPECT_EQ(payload["decklist_id"], "dl-1");
        EXPECT_EQ(payload["revision"], i + 1);
        EXPECT_EQ(payload["decklist"], expected_decklists[i]);
        EXPECT_EQ(payload["created_at"], expected_times[i]);
    }
    EXPECT_NE(claimed[0].delivery_id, claimed[1].delivery_id);
}

TEST_P(StoreTest, AClaimLeasesItsDeliveriesUntilTheLeaseRunsOut) {
    auto outbox = open_with_outbox();
    for (const char* id : {"dl-1", "dl-2", "dl-3"}) save(*outbox, outbox_spec(id), image_bytes(id));

    const auto first = outbox->claim_deliveries(2, seconds(60));
    EXPECT_EQ(first.size(), 2u);
    // Another store object, as another instance would be, gets only what is left.
    auto other = open_with_outbox();
    const auto second = other->claim_deliveries(10, seconds(60));
    ASSERT_EQ(second.size(), 1u);
    EXPECT_FALSE(delivery_ids(first).contains(second[0].delivery_id));
    EXPECT_TRUE(outbox->claim_deliveries(10, seconds(60)).empty());
    EXPECT_EQ(outbox->outbox_counts().pending, 3);  // leased is still pending

    // A lease that has run out (a claimer that died) leaves the delivery claimable again.
    save(*outbox, outbox_spec("dl-4"), image_bytes("dl-4"));
    const auto short_lease = outbox->claim_deliveries(10, seconds(0));
    ASSERT_EQ(short_lease.size(), 1u);
    const auto again = other->claim_deliveries(10, seconds(60));
    ASSERT_EQ(again.size(), 1u);
    EXPECT_EQ(again[0].delivery_id, short_lease[0].delivery_id);
}

TEST_P(StoreTest, ConcurrentClaimersNeverGetTheSameDelivery) {
    auto outbox = open_with_outbox();
    constexpr int kDeliveries = 24;
    for (int i = 0; i < kDeliveries; ++i) {
        const std::string id = "dl-" + std::to_string(i);
        save(*outbox, outbox_spec(id), image_bytes(id));
    }
    constexpr int kClaimers = 3;
    std::vector<std::unique_ptr<DecklistStore>> stores;
    for (int t = 0; t < kClaimers; ++t) stores.push_back(open_with_outbox());
    std::vector<std::vector<std::string>> got(kClaimers);
    std::latch start(kClaimers);
    std::vector<std::thread> threads;
    for (int t = 0; t < kClaimers; ++t) {
        threads.emplace_back([&, t] {
            start.arrive_and_wait();
            for (;;) {
                const auto claimed = stores[t]->claim_deliveries(2, seconds(60));
                if (claimed.empty()) return;
                for (const auto& d : claimed) got[t].push_back(d.delivery_id);
            }
        });
    }
    for (auto& thread : threads) thread.join();
    std::multiset<std::string> all;
    for (const auto& ids : got) all.insert(ids.begin(), ids.end());
    EXPECT_EQ(all.size(), static_cast<std::size_t>(kDeliveries));
    EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), all.size());
}

TEST_P(StoreTest, EachOutcomeIsRecordedAndDeliveredOrAbandonedIsFinal) {
    auto outbox = open_with_outbox();
    for (const char* id : {"dl-1", "dl-2", "dl-3"}) save(*outbox, outbox_spec(id), image_bytes(id));
    const auto claimed = outbox->claim_deliveries(10, seconds(60));
    ASSERT_EQ(claimed.size(), 3u);
    const std::string delivered = claimed[0].delivery_id, failed = claimed[1].delivery_id,
                      abandoned = claimed[2].delivery_id;

    outbox->delivery_succeeded(delivered);
    outbox->delivery_failed(failed, "HTTP 503", Clock::now() + std::chrono::hours(1));
    outbox->delivery_abandoned(abandoned, "gave up after 24 h");
    OutboxCounts counts = outbox->outbox_counts();
    EXPECT_EQ(counts.pending, 1);
    EXPECT_EQ(counts.delivered, 1);
    EXPECT_EQ(counts.abandoned, 1);
    // The failed one is not due for an hour, lease or not.
    EXPECT_TRUE(outbox->claim_deliveries(10, seconds(60)).empty());

    // Made due again, it comes back with its attempts and the reason of the last one.
    outbox->delivery_failed(failed, "connection refused", Clock::now() - seconds(1));
    const auto retried = outbox->claim_deliveries(10, seconds(60));
    ASSERT_EQ(retried.size(), 1u);
    EXPECT_EQ(retried[0].delivery_id, failed);
    EXPECT_EQ(retried[0].attempts, 2);
    EXPECT_EQ(retried[0].last_error, "connection refused");
    EXPECT_EQ(retried[0].payload, claimed[1].payload);

    // Final states do not change any more, and are never claimed.
    outbox->delivery_failed(delivered, "late", Clock::now() - seconds(1));
    outbox->delivery_succeeded(abandoned);
    counts = outbox->outbox_counts();
    EXPECT_EQ(counts.delivered, 1);
    EXPECT_EQ(counts.abandoned, 1);
    EXPECT_EQ(column("SELECT attempts FROM webhook_outbox WHERE delivery_id = '" + delivered + "'"),
              std::vector<std::string>{"1"});
    EXPECT_EQ(
        column("SELECT last_error FROM webhook_outbox WHERE delivery_id = '" + abandoned + "'"),
        std::vector<std::string>{"gave up after 24 h"});
    outbox->delivery_succeeded(failed);
    EXPECT_TRUE(outbox->claim_deliveries(10, seconds(0)).empty());
    EXPECT_EQ(outbox->outbox_counts().delivered, 2);
}

}  // namespace
}  // namespace decklist::store_test
