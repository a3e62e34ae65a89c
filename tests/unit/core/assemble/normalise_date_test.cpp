#include <gtest/gtest.h>

#include "decklist/assemble/normalise_date.hpp"

namespace decklist {
namespace {

TEST(NormaliseDate, AcceptsTheWaysTheAppAndOcrPrintDates) {
    EXPECT_EQ(normalise_date("2025-09-13"), "2025-09-13");
    EXPECT_EQ(normalise_date("2025/9/13"), "2025-09-13");
    EXPECT_EQ(normalise_date("2025.09.13"), "2025-09-13");
    EXPECT_EQ(normalise_date("2025年9月13日"), "2025-09-13");
    EXPECT_EQ(normalise_date("2025年09月03"), "2025-09-03");
    EXPECT_EQ(normalise_date(" 2025 - 09 - 13 "), "2025-09-13");
    EXPECT_EQ(normalise_date("２０２５－０９－１３"), "2025-09-13");
    EXPECT_EQ(normalise_date("2024-02-29"), "2024-02-29");
}

TEST(NormaliseDate, RejectsWhatIsNotACalendarDate) {
    for (const char* text : {"", "2025", "2025-09", "2025-13-01", "2025-02-29", "2025-09-31",
                             "2025-00-10", "25-09-13", "2025-09-13-01", "2025-09-", "abc",
                             "2025-09-1x", "20250-09-13", "2025--09-13", "2025-009-13"}) {
        EXPECT_EQ(normalise_date(text), std::nullopt) << text;
    }
}

}  // namespace
}  // namespace decklist
