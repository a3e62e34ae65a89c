#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "decklist/error.hpp"
#include "decklist/match/card_db.hpp"
#include "decklist/match/utf8.hpp"

namespace decklist {
namespace {

namespace fs = std::filesystem;

const std::string kSharedCards = std::string(DECKLIST_SHARED_DIR) + "/riftbound/cards.csv";

// A temporary CSV file that removes itself.
class TempCsv {
  public:
    explicit TempCsv(const std::string& text) {
        path_ =
            fs::temp_directory_path() /
            ("card_db_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".csv");
        std::ofstream(path_, std::ios::binary) << text;
    }
    ~TempCsv() { fs::remove(path_); }
    std::string path() const { return path_.string(); }

  private:
    fs::path path_;
};

const char* kHeader = "name_cn,name_en,card_number,cost,type_en,temporary\n";

TEST(CardDatabase, LoadsTheSharedDatabase) {
    const CardDatabase db = CardDatabase::load_csv(kSharedCards);
    EXPECT_EQ(db.size(), 399u);
    const CardRecord* yi = db.preferred_printing("易, 锋芒毕现");
    ASSERT_NE(yi, nullptr);
    EXPECT_EQ(yi->title, "易");
    EXPECT_EQ(yi->subtitle, "锋芒毕现");
    EXPECT_FALSE(yi->name_en.empty());
    // Descriptions hold quoted newlines; a row count of 399 shows they did not split rows.
    std::set<std::string> distinct(db.names().begin(), db.names().end());
    EXPECT_EQ(distinct.size(), db.names().size());
}

TEST(CardDatabase, SplitsTitleAndSubtitle) {
    TempCsv csv(std::string(kHeader) +
                "\"安妮, 汹涌烈焰\",\"Annie, Fiery\",OGS·001/024,5,Champion Unit,NO\n" +
                "烈火风暴,Firestorm,OGS·002/024,6,Spell,NO\n");
    const CardDatabase db = CardDatabase::load_csv(csv.path());
    ASSERT_EQ(db.size(), 2u);
    EXPECT_EQ(db.rows()[0].title, "安妮");
    EXPECT_EQ(db.rows()[0].subtitle, "汹涌烈焰");
    EXPECT_EQ(db.rows()[0].name_en, "Annie, Fiery");
    EXPECT_EQ(db.rows()[0].cost, 5);
    EXPECT_EQ(db.rows()[1].title, "烈火风暴");
    EXPECT_EQ(db.rows()[1].subtitle, "");
}

TEST(CardDatabase, EmptyCostIsNoCost) {
    TempCsv csv(std::string(kHeader) + "圣化之墓,Sanctified Tomb,OGN·281/298,,Battlefield,NO\n");
    EXPECT_FALSE(CardDatabase::load_csv(csv.path()).rows()[0].cost.has_value());
}

TEST(CardDatabase, PreferredPrintingIsBaseNonTemporaryLowestNumber) {
    // Written in an unhelpful order on purpose: the choice must not depend on it.
    TempCsv csv(std::string(kHeader) +
                "不灭狂雷,Volibear,OGN·300*/298,,Legend,NO\n"
                "不灭狂雷,Volibear,FND-249/298,,Legend,YES\n"
                "不灭狂雷,Volibear,OGN·300/298,,Legend,NO\n"
                "不灭狂雷,Volibear,OGN·249/298,,Legend,NO\n"
                "翠意符文,Calm Rune,OGN·042b/298,,Basic Rune,YES\n"
                "翠意符文,Calm Rune,OGN·042a/298,,Basic Rune,NO\n"
                "翠意符文,Calm Rune,OGN·042/298,,Basic Rune,NO\n");
    const CardDatabase db = CardDatabase::load_csv(csv.path());
    EXPECT_EQ(db.preferred_printing("不灭狂雷")->card_number, "OGN·249/298");
    EXPECT_EQ(db.preferred_printing("翠意符文")->card_number, "OGN·042/298");
    EXPECT_EQ(db.printings("不灭狂雷").size(), 4u);
    EXPECT_EQ(db.printings("不灭狂雷").front()->card_number, "OGN·300*/298");  // file order
    EXPECT_EQ(db.preferred_printing("没有这张牌"), nullptr);
    EXPECT_TRUE(db.printings("没有这张牌").empty());
    EXPECT_EQ(db.names(), (std::vector<std::string>{"不灭狂雷", "翠意符文"}));
}

TEST(CardDatabase, PreferredPrintingsOfTheSharedDatabaseAreBasePrintings) {
    const CardDatabase db = CardDatabase::load_csv(kSharedCards);
    for (const std::string& name : db.names()) {
        const CardRecord* chosen = db.preferred_printing(name);
        ASSERT_NE(chosen, nullptr) << name;
        for (const CardRecord* other : db.printings(name)) {
            if (!other->temporary) {
                EXPECT_FALSE(chosen->temporary) << name;
            }
        }
    }
    EXPECT_EQ(db.preferred_printing("虚空之女")->card_number, "OGN·247/298");
    EXPECT_EQ(db.preferred_printing("奥术先驱")->card_number, "OGN·265/298");
}

void expect_validation_error(const std::string& text, const std::string& fragment) {
    TempCsv csv(text);
    try {
        CardDatabase::load_csv(csv.path());
        FAIL() << "expected Error(validation) for: " << text;
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::validation);
        const std::string message = e.what();
        EXPECT_NE(message.find(csv.path()), std::string::npos) << message;
        EXPECT_NE(message.find(fragment), std::string::npos) << message;
    }
}

TEST(CardDatabase, BadFilesAreValidationErrorsNamingFileAndLine) {
    expect_validation_error(std::string(kHeader) + "a,A,X·1/2,1,Unit,NO\nb,B,X·2/2,1,Unit\n",
                            ":3:");
    expect_validation_error(std::string(kHeader) + "a,A,X·1/2,one,Unit,NO\n", ":2:");
    expect_validation_error(std::string(kHeader) + "a,A,X·1/2,1,Unit,NO\n\"b,B\n", ":3:");
    expect_validation_error(std::string(kHeader) + ",A,X·1/2,1,Unit,NO\n", ":2:");
    expect_validation_error("name_cn,cost\n易,1\n", "missing column");
    expect_validation_error(kHeader, "no card rows");
    expect_validation_error("", "empty");
}

TEST(CardDatabase, MissingFileIsAValidationError) {
    try {
        CardDatabase::load_csv("/nonexistent/cards.csv");
        FAIL() << "expected Error";
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::validation);
        EXPECT_NE(std::string(e.what()).find("/nonexistent/cards.csv"), std::string::npos);
    }
}

}  // namespace
}  // namespace decklist
