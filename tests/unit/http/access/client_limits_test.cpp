// Per-client limits: batch slots and image tokens, per client, and the redaction of
// access_token in logged targets.

#include <gtest/gtest.h>

#include "http/access/access_control.hpp"
#include "http/access/api_key_store.hpp"
#include "http/access/client_limits.hpp"

namespace decklist::http {
namespace {

using namespace std::chrono_literals;

TEST(ClientLimits, BatchSlotsArePerClientAndComeBackOnRelease) {
    ClientLimits limits(2, 0);
    std::optional<ClientLimits::Refusal> refusal;
    auto a1 = limits.start_batch("a", refusal);
    auto a2 = limits.start_batch("a", refusal);
    ASSERT_TRUE(a1 && a2);
    EXPECT_FALSE(refusal);
    auto a3 = limits.start_batch("a", refusal);
    EXPECT_FALSE(a3);
    ASSERT_TRUE(refusal);
    EXPECT_EQ(refusal->limit, "max_concurrent_batches_per_client");
    EXPECT_GE(refusal->retry_after_s, 1);

    refusal.reset();
    EXPECT_TRUE(limits.start_batch("b", refusal));  // another client is not affected
    EXPECT_FALSE(refusal);

    a1->release();
    a1->release();  // once only
    auto a4 = limits.start_batch("a", refusal);
    EXPECT_TRUE(a4);
    EXPECT_FALSE(limits.start_batch("a", refusal));
    refusal.reset();
    a2.reset();  // the last holder letting go releases too
    EXPECT_TRUE(limits.start_batch("a", refusal));
}

TEST(ClientLimits, ZeroMeansUnlimited) {
    ClientLimits limits(0, 0);
    std::optional<ClientLimits::Refusal> refusal;
    std::vector<std::shared_ptr<BatchSlot>> slots;
    for (int i = 0; i < 100; ++i) slots.push_back(limits.start_batch("a", refusal));
    EXPECT_FALSE(refusal);
    const auto now = ClientLimits::Clock::now();
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(limits.take_image("a", now));
    EXPECT_FALSE(limits.check_images("a", now));
}

TEST(ClientLimits, ImagesPerMinute) {
    ClientLimits limits(0, 3);
    const auto t0 = ClientLimits::Clock::now();
    EXPECT_FALSE(limits.check_images("a", t0));
    EXPECT_TRUE(limits.take_image("a", t0));
    EXPECT_TRUE(limits.take_image("a", t0));
    EXPECT_TRUE(limits.take_image("a", t0));
    EXPECT_FALSE(limits.take_image("a", t0));
    EXPECT_EQ(limits.images_refused(), 1u);
    const auto refusal = limits.check_images("a", t0);
    ASSERT_TRUE(refusal);
    EXPECT_EQ(refusal->limit, "images_per_minute_per_client");
    EXPECT_EQ(refusal->retry_after_s, 20);  // 3 per minute: one every 20 s
    EXPECT_EQ(limits.images_retry_after_s("a", t0 + 19500ms), 1);
    EXPECT_TRUE(limits.take_image("a", t0 + 20s));
    EXPECT_FALSE(limits.check_images("b", t0));  // per client
}

TEST(ClientLimits, ClientsCountsOnlyThoseHoldingSomething) {
    ClientLimits limits(1, 60);
    EXPECT_EQ(limits.clients(), 0u);
    std::optional<ClientLimits::Refusal> refusal;
    auto slot = limits.start_batch("a", refusal);
    ASSERT_TRUE(limits.take_image("b", ClientLimits::Clock::now()));
    EXPECT_EQ(limits.clients(), 2u);
    slot->release();
    EXPECT_EQ(limits.clients(), 1u);  // b's bucket is not full again yet
}

TEST(ApiKeyStore, FindsTheLabelOfAKnownKeyOnly) {
    ApiKeyStore store;
    EXPECT_FALSE(store.label_for("anything"));
    store.replace({{sha256("alpha-key"), "alpha"}, {sha256("beta-key"), "beta"}});
    EXPECT_EQ(store.label_for("alpha-key"), "alpha");
    EXPECT_EQ(store.label_for("beta-key"), "beta");
    EXPECT_FALSE(store.label_for("alpha-key "));
    EXPECT_FALSE(store.label_for(""));
    EXPECT_EQ(store.size(), 2u);
    store.replace({{sha256("gamma-key"), "gamma"}});
    EXPECT_FALSE(store.label_for("alpha-key"));
    EXPECT_EQ(store.label_for("gamma-key"), "gamma");
}

TEST(RedactTarget, HidesAccessTokenValuesOnly) {
    EXPECT_EQ(redact_target("/api/v1/batches/x/events?access_token=secret"),
              "/api/v1/batches/x/events?access_token=REDACTED");
    EXPECT_EQ(redact_target("/e?last_event_id=3&access_token=secret&b=1"),
              "/e?last_event_id=3&access_token=REDACTED&b=1");
    EXPECT_EQ(redact_target("/health"), "/health");
    EXPECT_EQ(redact_target("/x?a=1"), "/x?a=1");
}

}  // namespace
}  // namespace decklist::http
