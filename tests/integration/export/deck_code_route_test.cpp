// GET /api/v1/deck-codes/{code} on the real decklist-server over a real socket.

#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "decklist/export/deck_code.hpp"
#include "http_client.hpp"
#include "server_process.hpp"

namespace dc = decklist::deck_code;

namespace {

class DeckCodeRoute : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { server_ = new decklist::test::ServerProcess(); }
    static void TearDownTestSuite() {
        delete server_;
        server_ = nullptr;
    }
    static decklist::test::HttpResponse get(const std::string& target) {
        return decklist::test::http_request(server_->port(), "GET", target);
    }
    static inline decklist::test::ServerProcess* server_ = nullptr;
};

// A deck of database cards, the signed legend among them, with a sideboard and champion.
std::string sample_code() {
    dc::Deck deck;
    deck.main = {{*dc::parse_card_code("OGN-299*"), 1},
                 {*dc::parse_card_code("OGS-009"), 1},
                 {*dc::parse_card_code("OGN-052"), 3},
                 {*dc::parse_card_code("OGN-042a"), 12}};
    deck.side = {{*dc::parse_card_code("OGN-156"), 2}};
    deck.chosen_champion = dc::parse_card_code("OGS-009");
    return dc::encode(deck);
}

const nlohmann::json& card_with_code(const nlohmann::json& body, const std::string& code) {
    const auto& cards = body.at("cards");
    const auto it = std::find_if(cards.begin(), cards.end(),
                                 [&](const nlohmann::json& c) { return c["card_code"] == code; });
    if (it == cards.end()) throw std::runtime_error("no " + code + " in " + body.dump());
    return *it;
}

}  // namespace

TEST_F(DeckCodeRoute, ListsTheCardsJoinedWithTheDatabase) {
    const std::string code = sample_code();
    const auto r = get("/api/v1/deck-codes/" + code);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.header("content-type"), "application/json");
    const auto body = nlohmann::json::parse(r.body);
    EXPECT_EQ(body["code"], code);
    EXPECT_EQ(body["version"], 3);
    EXPECT_EQ(body["totals"], (nlohmann::json{{"main", 17}, {"side", 2}}));
    EXPECT_EQ(body["cards"].size(), 5u);

    const auto& legend = card_with_code(body, "OGN-299*");
    EXPECT_EQ(legend["section"], "main");
    EXPECT_EQ(legend["type_en"], "Legend");
    EXPECT_EQ(legend["card_number"], "OGN·299*/298");
    const auto& runes = card_with_code(body, "OGN-042a");
    EXPECT_EQ(runes["quantity"], 12);
    EXPECT_EQ(runes["name_en"], "Calm Rune");
    EXPECT_EQ(runes["name_cn"], "翠意符文");
    const auto& side = card_with_code(body, "OGN-156");
    EXPECT_EQ(side["section"], "side");
    EXPECT_EQ(side["quantity"], 2);
    EXPECT_EQ(body["chosen_champion"]["name_en"], "Yi, Honed");
}

TEST_F(DeckCodeRoute, OlderApiPrefixAndLowerCaseWork) {
    std::string code = sample_code();
    std::transform(code.begin(), code.end(), code.begin(), ::tolower);
    const auto r = get("/api/deck-codes/" + code);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(nlohmann::json::parse(r.body)["totals"]["main"], 17);
}

TEST_F(DeckCodeRoute, UnknownCardsAreListedWithAWarning) {
    dc::Deck deck;
    deck.main = {{*dc::parse_card_code("SFD-250"), 2}};
    const auto r = get("/api/v1/deck-codes/" + dc::encode(deck));
    ASSERT_EQ(r.status, 200) << r.body;
    const auto body = nlohmann::json::parse(r.body);
    EXPECT_EQ(body["cards"][0]["known"], false);
    EXPECT_EQ(body["warnings"][0], "SFD-250 is not in the card database");
}

TEST_F(DeckCodeRoute, InvalidCodesAre400JsonErrors) {
    const std::string code = sample_code();
    for (const std::string& bad : {std::string("CIAA1AAA"), code.substr(0, code.size() - 2),
                                   code + "AAAAAAAA", std::string("AAAAAAAA")}) {
        const auto r = get("/api/v1/deck-codes/" + bad);
        EXPECT_EQ(r.status, 400) << bad;
        EXPECT_EQ(r.header("content-type"), "application/json");
        const auto body = nlohmann::json::parse(r.body);
        EXPECT_EQ(body["error_type"], "validation") << r.body;
        EXPECT_TRUE(body["error"].get<std::string>().starts_with("invalid deck code: "));
    }
}
