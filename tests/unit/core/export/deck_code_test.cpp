#include "decklist/export/deck_code.hpp"

#include <algorithm>
#include <random>
#include <set>
#include <tuple>

#include <gtest/gtest.h>

#include "decklist/error.hpp"

namespace dc = decklist::deck_code;

namespace {

dc::CardCode card(const char* text) {
    return *dc::parse_card_code(text);
}

std::vector<dc::DeckEntry> sorted(std::vector<dc::DeckEntry> entries) {
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return std::tie(a.card, a.count) < std::tie(b.card, b.count);
    });
    return entries;
}

// Base32 of hand-made bytes, to build damaged codes the encoder would never write.
std::string base32(const std::vector<int>& bytes) {
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (int b : bytes) {
        buffer = (buffer << 8) | static_cast<unsigned>(b);
        bits += 8;
        while (bits >= 5) out += alphabet[(buffer >> (bits -= 5)) & 31];
    }
    if (bits > 0) out += alphabet[(buffer << (5 - bits)) & 31];
    return out;
}

// 12 empty count groups for the main deck, 3 for the sideboard, no champion.
std::vector<int> empty_deck_bytes(int head = 0x13) {
    std::vector<int> bytes{head};
    bytes.insert(bytes.end(), 15, 0);
    bytes.push_back(0);
    return bytes;
}

std::string error_of(std::string_view code) {
    try {
        dc::decode(code);
    } catch (const decklist::Error& e) {
        EXPECT_EQ(e.type(), decklist::ErrorType::validation);
        return e.what();
    }
    return "";
}

dc::Deck random_deck(std::mt19937& rng) {
    static const char* sets[] = {"OGN", "OGS", "ARC", "SFD"};
    dc::Deck deck;
    std::set<dc::CardCode> used_main, used_side;
    auto draw = [&](std::set<dc::CardCode>& used) {
        dc::CardCode c;
        do {
            c.set = sets[rng() % 4];
            c.number = static_cast<int>(rng() % 400);
            c.variant = static_cast<dc::Variant>(rng() % 4);
        } while (!used.insert(c).second);
        return c;
    };
    const int main_cards = 1 + static_cast<int>(rng() % 25);
    for (int i = 0; i < main_cards; ++i)
        deck.main.push_back({draw(used_main), 1 + static_cast<int>(rng() % 12)});
    const int side_cards = static_cast<int>(rng() % 6);
    for (int i = 0; i < side_cards; ++i)
        deck.side.push_back({draw(used_side), 1 + static_cast<int>(rng() % 3)});
    if (rng() % 2) deck.chosen_champion = deck.main[rng() % deck.main.size()].card;
    return deck;
}

}  // namespace

// The deck and code published in the package's README (a version 2 code with sideboard).
TEST(DeckCode, DecodesThePublishedReadmeExample) {
    const auto deck = dc::decode(
        "CIAAAAAAAAAQCAAAA4AACAIAABMQAAILAAAAICIMDMOVOX3AM5UHIAIDAAACO6XYAEAQKAAABX3QDGACUABKIAQ"
        "AAEBQAAAWDBOQCAQAABMHE");
    EXPECT_EQ(deck.version, 2);
    const std::vector<dc::DeckEntry> main = {
        {card("OGN-007"), 7}, {card("OGN-089"), 5}, {card("OGN-004"), 3}, {card("OGN-009"), 3},
        {card("OGN-012"), 3}, {card("OGN-027"), 3}, {card("OGN-029"), 3}, {card("OGN-087"), 3},
        {card("OGN-095"), 3}, {card("OGN-096"), 3}, {card("OGN-103"), 3}, {card("OGN-104"), 3},
        {card("OGN-116"), 3}, {card("OGN-039"), 2}, {card("OGN-122"), 2}, {card("OGN-248"), 2},
        {card("OGN-013"), 1}, {card("OGN-247"), 1}, {card("OGN-280"), 1}, {card("OGN-288"), 1},
        {card("OGN-292"), 1}};
    const std::vector<dc::DeckEntry> side = {{card("OGN-022"), 2},
                                             {card("OGN-024"), 2},
                                             {card("OGN-093"), 2},
                                             {card("OGN-088"), 1},
                                             {card("OGN-114"), 1}};
    EXPECT_EQ(sorted(deck.main), sorted(main));
    EXPECT_EQ(sorted(deck.side), sorted(side));
    EXPECT_FALSE(deck.chosen_champion);
}

TEST(DeckCode, WritesVersionThreeAndLetterCaseDoesNotMatter) {
    dc::Deck deck;
    deck.main = {{card("OGN-007"), 7}, {card("OGS-004a"), 1}};
    const std::string code = dc::encode(deck);
    ASSERT_FALSE(code.empty());
    EXPECT_EQ(code.front(), 'C');  // 0x13: the first five bits 00010
    std::string lower = code;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    const auto decoded = dc::decode(lower);
    EXPECT_EQ(decoded.version, 3);
    EXPECT_EQ(sorted(decoded.main), sorted(deck.main));
}

TEST(DeckCode, RandomDecksRoundTrip) {
    const unsigned seed = std::random_device{}();
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    for (int i = 0; i < 500; ++i) {
        const dc::Deck deck = random_deck(rng);
        const std::string code = dc::encode(deck);
        const auto decoded = dc::decode(code);
        ASSERT_EQ(sorted(decoded.main), sorted(deck.main)) << code;
        ASSERT_EQ(sorted(decoded.side), sorted(deck.side)) << code;
        ASSERT_EQ(decoded.chosen_champion, deck.chosen_champion) << code;
        // The order of entries does not change the code: encoding sorts them.
        dc::Deck shuffled = deck;
        std::shuffle(shuffled.main.begin(), shuffled.main.end(), rng);
        ASSERT_EQ(dc::encode(shuffled), code);
    }
}

TEST(DeckCode, EncodeRefusesWhatTheFormatCannotHold) {
    const auto refuses = [](dc::Deck deck, const char* why) {
        try {
            dc::encode(deck);
            ADD_FAILURE() << "encoded: " << why;
        } catch (const decklist::Error& e) {
            EXPECT_NE(std::string(e.what()).find(why), std::string::npos) << e.what();
        }
    };
    refuses({{{card("FND-196"), 1}}, {}, {}}, "set FND");
    refuses({{{card("OGN-042"), 13}}, {}, {}}, "count 13");
    refuses({{{card("OGN-042"), 0}}, {}, {}}, "count 0");
    refuses({{}, {{card("OGN-042"), 4}}, {}}, "count 4 in the sideboard");
    refuses({{{card("OGN-042"), 1}, {card("OGN-042"), 2}}, {}, {}}, "listed twice");
    refuses({{}, {}, card("FND-196")}, "set FND");
}

TEST(DeckCode, DecodeNamesTheProblem) {
    EXPECT_NE(error_of("").find("empty"), std::string::npos);
    EXPECT_NE(error_of("CIAA1AAA").find("character 5"), std::string::npos);
    EXPECT_NE(error_of("CIAAAAAA====").find("character 9"), std::string::npos);
    EXPECT_NE(error_of(std::string(5000, 'A')).find("longer than"), std::string::npos);
    EXPECT_NE(error_of(base32(empty_deck_bytes(0x23))).find("format 2"), std::string::npos);
    EXPECT_NE(error_of(base32(empty_deck_bytes(0x14))).find("version 4"), std::string::npos);
    EXPECT_NE(error_of(base32(empty_deck_bytes(0x10))).find("version 0"), std::string::npos);

    auto bytes = empty_deck_bytes();
    bytes.pop_back();  // no champion flag
    EXPECT_NE(error_of(base32(bytes)).find("ends before the chosen champion flag"),
              std::string::npos);
    bytes = empty_deck_bytes();
    bytes.push_back(0);
    EXPECT_NE(error_of(base32(bytes)).find("bytes follow"), std::string::npos);
    bytes = empty_deck_bytes();
    bytes.back() = 2;
    EXPECT_NE(error_of(base32(bytes)).find("flag 2"), std::string::npos);
    // One count-12 list of one card: set id 9 does not exist.
    bytes = {0x13, 1, 1, 9, 0, 5};
    EXPECT_NE(error_of(base32(bytes)).find("unknown set id 9"), std::string::npos);
    bytes = {0x13, 1, 1, 0, 4, 5};
    EXPECT_NE(error_of(base32(bytes)).find("unknown variant id 4"), std::string::npos);
    bytes = {0x13, 1, 100, 0, 0, 5};
    EXPECT_NE(error_of(base32(bytes)).find("more cards than"), std::string::npos);
    bytes = {0x13, 1, 1, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01};
    EXPECT_NE(error_of(base32(bytes)).find("too large"), std::string::npos);
}

TEST(DeckCode, RejectsCodesWithExtraOrDamagedEndings) {
    dc::Deck deck;
    deck.main = {{card("OGN-007"), 7}};
    deck.side = {{card("OGN-022"), 2}};
    const std::string code = dc::encode(deck);
    EXPECT_NO_THROW(dc::decode(code));
    // Dropping characters truncates the bytes; adding one leaves bits no encoder writes.
    for (std::size_t cut = 1; cut <= 3; ++cut)
        EXPECT_THROW(dc::decode(code.substr(0, code.size() - cut)), decklist::Error) << cut;
    EXPECT_THROW(dc::decode(code + "A"), decklist::Error);
    EXPECT_THROW(dc::decode(code + "AAAAAAAA"), decklist::Error);
}

TEST(DeckCode, ReadsOlderVersions) {
    // Version 1: main deck only; version 2: main deck and sideboard, no champion byte.
    std::vector<int> v1{0x11, 0, 0, 0, 0, 0, 1, 1, 0, 1, 7, 0, 0, 0, 0, 0, 0};
    const auto deck1 = dc::decode(base32(v1));
    EXPECT_EQ(deck1.version, 1);
    ASSERT_EQ(deck1.main.size(), 1u);
    EXPECT_EQ(deck1.main[0], (dc::DeckEntry{card("OGN-007a"), 7}));

    std::vector<int> v2 = empty_deck_bytes(0x12);
    v2.pop_back();                              // no champion flag in version 2
    v2[13] = 1;                                 // the sideboard's count-3 group holds one list...
    v2.insert(v2.begin() + 14, {1, 3, 2, 42});  // ...of one signed SFD card, number 42
    const auto deck2 = dc::decode(base32(v2));
    EXPECT_EQ(deck2.version, 2);
    ASSERT_EQ(deck2.side.size(), 1u);
    EXPECT_EQ(deck2.side[0], (dc::DeckEntry{card("SFD-042*"), 3}));
}

TEST(DeckCode, GarbageIsAValidationErrorNeverACrash) {
    const unsigned seed = std::random_device{}();
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937 rng(seed);
    const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    dc::Deck deck;
    deck.main = {{card("OGN-007"), 7}, {card("SFD-120b"), 2}};
    deck.side = {{card("OGS-001*"), 3}};
    deck.chosen_champion = card("SFD-120b");
    const std::string valid = dc::encode(deck);
    for (int i = 0; i < 5000; ++i) {
        std::string code;
        if (i % 2 == 0) {  // random letters after a valid head
            code = "CM";
            for (int n = static_cast<int>(rng() % 60); n > 0; --n) code += alphabet[rng() % 32];
        } else {  // one letter of a valid code changed
            code = valid;
            code[rng() % code.size()] = alphabet[rng() % 32];
        }
        try {
            const auto decoded = dc::decode(code);
            for (const auto& e : decoded.main) ASSERT_TRUE(e.count >= 1 && e.count <= 12);
            for (const auto& e : decoded.side) ASSERT_TRUE(e.count >= 1 && e.count <= 3);
        } catch (const decklist::Error& e) {
            ASSERT_EQ(e.type(), decklist::ErrorType::validation) << code;
        }
    }
}
