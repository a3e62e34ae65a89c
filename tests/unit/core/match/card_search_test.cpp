#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "decklist/match/card_db.hpp"
#include "decklist/match/card_search.hpp"

namespace decklist {
namespace {

CardRecord search_row(std::string name_cn, std::string name_en, std::string number) {
    CardRecord r;
    r.name_cn = std::move(name_cn);
    r.name_en = std::move(name_en);
    r.card_number = std::move(number);
    r.type_en = "Unit";
    return r;
}

CardDatabase search_cards_db() {
    return CardDatabase::from_rows({
        search_row("安妮, 汹涌烈焰", "Annie, Fiery", "OGS·001/024"),
        search_row("烈火风暴", "Firestorm", "OGS·002/024"),
        search_row("火", "Fire", "OGN·010/298"),
        search_row("火焰之灵", "Spirit of Fire", "OGN·011/298"),
        search_row("安妮, 汹涌烈焰", "Annie, Fiery", "OGS·001a/024"),
        search_row("寒冰射手", "Ashe, Frost Archer", "OGN·020/298"),
    });
}

std::vector<std::string> numbers(const std::vector<const CardRecord*>& found) {
    std::vector<std::string> out;
    for (const CardRecord* r : found) out.push_back(r->card_number);
    return out;
}

TEST(CardSearch, ExactThenPrefixThenContainedEachInFileOrder) {
    const CardDatabase db = search_cards_db();
    // 火 exactly, 火焰之灵 starts with it, 烈火风暴 holds it.
    EXPECT_EQ(numbers(search_cards(db, "火", 10)),
              (std::vector<std::string>{"OGN·010/298", "OGN·011/298", "OGS·002/024"}));
    // English: "fire" is Fire exactly, Spirit of Fire holds it; Firestorm starts with it.
    EXPECT_EQ(numbers(search_cards(db, "fire", 10)),
              (std::vector<std::string>{"OGN·010/298", "OGS·002/024", "OGN·011/298"}));
}

TEST(CardSearch, IgnoresLetterCaseAndSurroundingSpaces) {
    const CardDatabase db = search_cards_db();
    EXPECT_EQ(numbers(search_cards(db, "  ANNIE ", 10)),
              (std::vector<std::string>{"OGS·001/024", "OGS·001a/024"}));
    EXPECT_EQ(numbers(search_cards(db, "frost", 10)), (std::vector<std::string>{"OGN·020/298"}));
}

TEST(CardSearch, FindsEveryPrintingByItsCardNumber) {
    const CardDatabase db = search_cards_db();
    EXPECT_EQ(numbers(search_cards(db, "ogs·001", 10)),
              (std::vector<std::string>{"OGS·001/024", "OGS·001a/024"}));
    EXPECT_EQ(numbers(search_cards(db, "OGS·001a/024", 10)),
              (std::vector<std::string>{"OGS·001a/024"}));
    EXPECT_EQ(search_cards(db, "安妮", 10).size(), 2u);
}

TEST(CardSearch, StopsAtTheLimit) {
    const CardDatabase db = search_cards_db();
    EXPECT_EQ(numbers(search_cards(db, "火", 1)), (std::vector<std::string>{"OGN·010/298"}));
    EXPECT_TRUE(search_cards(db, "火", 0).empty());
}

TEST(CardSearch, AnEmptyOrUnknownQueryFindsNothing) {
    const CardDatabase db = search_cards_db();
    EXPECT_TRUE(search_cards(db, "", 10).empty());
    EXPECT_TRUE(search_cards(db, "   ", 10).empty());
    EXPECT_TRUE(search_cards(db, "不存在", 10).empty());
}

TEST(CardDatabase, FindsAPrintingByItsCardNumber) {
    const CardDatabase db = search_cards_db();
    const CardRecord* alt = db.by_card_number("OGS·001a/024");
    ASSERT_NE(alt, nullptr);
    EXPECT_EQ(alt->name_cn, "安妮, 汹涌烈焰");
    EXPECT_EQ(alt, &db.rows()[4]);
    EXPECT_EQ(db.by_card_number("OGS·001"), nullptr);
    EXPECT_EQ(db.by_card_number(""), nullptr);
}

}  // namespace
}  // namespace decklist
