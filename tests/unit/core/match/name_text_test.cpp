#include <gtest/gtest.h>

#include "decklist/match/name_text.hpp"

namespace decklist {
namespace {

TEST(NameText, NormaliseFoldsPresentationDifferences) {
    EXPECT_EQ(normalise_name("“敲”诈"), U"\"敲\"诈");
    EXPECT_EQ(normalise_name("「敲」诈"), U"\"敲\"诈");
    EXPECT_EQ(normalise_name("随从（诺克萨斯）"), U"随从(诺克萨斯)");
    EXPECT_EQ(normalise_name("阿不思・菲罗斯"), U"阿不思·菲罗斯");
    EXPECT_EQ(normalise_name(" 易\u3000锋芒 毕现 "), U"易锋芒毕现");
    EXPECT_EQ(normalise_name("ＧＯＡＴ－版本t0"), U"goat-版本t0");
}

TEST(NameText, LevenshteinCountsCharactersNotBytes) {
    EXPECT_EQ(levenshtein(U"苍炎守护者", U"苍炎守护者"), 0);
    EXPECT_EQ(levenshtein(U"苍炎守护者", U"苍炎守户者"), 1);
    EXPECT_EQ(levenshtein(U"翠意符文", U"翠意符"), 1);
    EXPECT_EQ(levenshtein(U"", U"大副"), 2);
    EXPECT_EQ(levenshtein(U"kitten", U"sitting"), 3);
    EXPECT_EQ(levenshtein(U"sitting", U"kitten"), 3);
    const std::u32string long_a(100, U'a');
    const std::u32string long_b = long_a.substr(0, 90) + std::u32string(10, U'b');
    EXPECT_EQ(levenshtein(long_a, long_b), 10);  // longer than the on-stack row
}

TEST(NameText, SimilarityScoreIsShareOfTheLongerString) {
    EXPECT_DOUBLE_EQ(similarity_score(U"翠意符文", U"翠意符文"), 100);
    EXPECT_DOUBLE_EQ(similarity_score(U"翠意符文", U"翠意符"), 75);
    EXPECT_DOUBLE_EQ(similarity_score(U"大副", U"小米"), 0);
    EXPECT_DOUBLE_EQ(similarity_score(U"", U""), 0);
}

}  // namespace
}  // namespace decklist
