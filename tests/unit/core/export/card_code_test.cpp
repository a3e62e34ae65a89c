#include "decklist/export/card_code.hpp"

#include <gtest/gtest.h>

#include "export_fixtures.hpp"

namespace dc = decklist::deck_code;

TEST(CardCode, FromCardNumberDropsTotalAndKeepsVariant) {
    EXPECT_EQ(dc::to_string(*dc::card_code_from_number("OGN·042a/298")), "OGN-042a");
    EXPECT_EQ(dc::to_string(*dc::card_code_from_number("OGS·004/024")), "OGS-004");
    EXPECT_EQ(dc::to_string(*dc::card_code_from_number("OGN·042b/298")), "OGN-042b");
    EXPECT_EQ(dc::to_string(*dc::card_code_from_number("ARC-001/006")), "ARC-001");
    EXPECT_EQ(dc::to_string(*dc::card_code_from_number("FND-196/298")), "FND-196");
}

TEST(CardCode, SignedStarAndSAreTheSameCard) {
    const auto star = dc::card_code_from_number("OGN·299*/298");
    ASSERT_TRUE(star);
    EXPECT_EQ(star->variant, dc::Variant::signed_art);
    EXPECT_EQ(dc::to_string(*star), "OGN-299*");
    EXPECT_EQ(dc::to_string(*star, 's'), "OGN-299s");
    EXPECT_EQ(dc::parse_card_code("OGN-299s"), star);
    EXPECT_EQ(dc::parse_card_code("OGN-299*"), star);
}

TEST(CardCode, ParseRoundTripsEveryVariant) {
    for (const char* text : {"OGN-001", "OGN-042a", "OGS-024b", "SFD-123*", "ARC-006"}) {
        const auto code = dc::parse_card_code(text);
        ASSERT_TRUE(code) << text;
        EXPECT_EQ(dc::to_string(*code), text);
    }
}

TEST(CardCode, RejectsWhatTheFormatCannotSpell) {
    for (const char* text : {"", "OGN", "OGN-", "OGN-abc", "OGN-042c", "OGN-042ab", "ogn-042",
                             "-042", "OGN·042", "OGN-04 2"})
        EXPECT_FALSE(dc::parse_card_code(text)) << text;
    for (const char* text : {"", "OGN042/298", "OGN·/298", "OGN·042x/298", "·042/298"})
        EXPECT_FALSE(dc::card_code_from_number(text)) << text;
}

TEST(CardCode, SetIdsAreTheFormats) {
    EXPECT_EQ(dc::set_id("OGN"), 0);
    EXPECT_EQ(dc::set_id("OGS"), 1);
    EXPECT_EQ(dc::set_id("ARC"), 2);
    EXPECT_EQ(dc::set_id("SFD"), 3);
    EXPECT_FALSE(dc::set_id("FND"));
    EXPECT_EQ(dc::set_from_id(3), "SFD");
    EXPECT_FALSE(dc::set_from_id(4));
}

TEST(CardCode, EveryDatabaseCardNumberIsACardCode) {
    for (const auto& row : export_test::cards().rows())
        EXPECT_TRUE(dc::card_code_from_number(row.card_number)) << row.card_number;
}
