#include <gtest/gtest.h>

#include "decklist/batch/upload_budget.hpp"

using decklist::UploadBudget;

TEST(UploadBudget, LeasesGrowUntilTheCapacityAndReleaseOnDestruction) {
    auto budget = UploadBudget::create(100);
    {
        auto a = budget->lease();
        EXPECT_TRUE(a.try_grow(60));
        auto b = budget->lease();
        EXPECT_FALSE(b.try_grow(50));
        EXPECT_TRUE(b.try_grow(40));
        EXPECT_EQ(budget->used(), 100u);
    }
    EXPECT_EQ(budget->used(), 0u);
}

TEST(UploadBudget, OneOversizedRequestMayProceedWhenNothingElseIsHeld) {
    auto budget = UploadBudget::create(10);
    auto a = budget->lease();
    EXPECT_TRUE(a.try_grow(25));  // else a file bigger than the budget could never arrive
    auto b = budget->lease();
    EXPECT_FALSE(b.try_grow(1));
}

TEST(UploadBudget, WaitersAreCalledWhenBytesAreReleased) {
    auto budget = UploadBudget::create(10);
    auto a = budget->lease();
    ASSERT_TRUE(a.try_grow(10));
    int called = 0;
    budget->when_available(5, [&] { ++called; });
    EXPECT_EQ(called, 0);
    EXPECT_EQ(budget->waiting(), 1u);
    a.release();
    EXPECT_EQ(called, 1);
    EXPECT_EQ(budget->waiting(), 0u);
    budget->when_available(5, [&] { ++called; });  // available now: called at once
    EXPECT_EQ(called, 2);
}

TEST(UploadBudget, MovedLeaseReleasesOnce) {
    auto budget = UploadBudget::create(10);
    auto a = budget->lease();
    ASSERT_TRUE(a.try_grow(7));
    UploadBudget::Lease b = std::move(a);
    a.release();
    EXPECT_EQ(budget->used(), 7u);
    b.release();
    EXPECT_EQ(budget->used(), 0u);
}
