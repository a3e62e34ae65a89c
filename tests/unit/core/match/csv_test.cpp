#include <gtest/gtest.h>

#include "decklist/match/csv.hpp"

namespace decklist {
namespace {

std::vector<std::vector<std::string>> fields_of(std::string_view text) {
    std::vector<std::vector<std::string>> out;
    for (const CsvRecord& r : parse_csv(text)) out.push_back(r.fields);
    return out;
}

TEST(Csv, SplitsPlainRecordsOnLfAndCrlf) {
    const auto rows = fields_of("a,b,c\r\n1,2,3\n4,,6");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b", "c"}));
    EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "2", "3"}));
    EXPECT_EQ(rows[2], (std::vector<std::string>{"4", "", "6"}));
}

TEST(Csv, SkipsUtf8ByteOrderMark) {
    const auto rows = fields_of("\xEF\xBB\xBFname_cn,cost\n易,2\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0][0], "name_cn");
    EXPECT_EQ(rows[1][0], "易");
}

TEST(Csv, QuotedFieldsKeepCommasNewlinesAndDoubledQuotes) {
    const auto rows =
        fields_of("\"易, 锋芒毕现\",\"line one\nline two\",\"say \"\"hi\"\"\"\nx,y,z\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0][0], "易, 锋芒毕现");
    EXPECT_EQ(rows[0][1], "line one\nline two");
    EXPECT_EQ(rows[0][2], "say \"hi\"");
    EXPECT_EQ(rows[1][2], "z");
}

TEST(Csv, ReportsTheLineWhereEachRecordStarts) {
    const auto records = parse_csv("h1,h2\n\"multi\nline\",b\nlast,row\n");
    ASSERT_EQ(records.size(), 3u);
    EXPECT_EQ(records[0].line, 1u);
    EXPECT_EQ(records[1].line, 2u);
    EXPECT_EQ(records[2].line, 4u);
}

TEST(Csv, EmptyQuotedFieldAndTrailingEmptyField) {
    const auto rows = fields_of("\"\",a,\n");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0], (std::vector<std::string>{"", "a", ""}));
}

TEST(Csv, BlankLinesAreNotRecords) {
    EXPECT_EQ(fields_of("a,b\n\n\r\nc,d\n").size(), 2u);
    EXPECT_TRUE(parse_csv("").empty());
    EXPECT_TRUE(parse_csv("\xEF\xBB\xBF").empty());
}

TEST(Csv, UnterminatedQuoteNamesTheLineItStarted) {
    try {
        parse_csv("a,b\nc,\"open\nstill open");
        FAIL() << "expected CsvError";
    } catch (const CsvError& e) {
        EXPECT_EQ(e.line(), 2u);
    }
}

TEST(Csv, QuoteInsideBareFieldIsAnError) {
    try {
        parse_csv("a,b\nc,d\"e\n");
        FAIL() << "expected CsvError";
    } catch (const CsvError& e) {
        EXPECT_EQ(e.line(), 2u);
    }
}

TEST(Csv, TextAfterClosingQuoteIsAnError) {
    EXPECT_THROW(parse_csv("\"a\"b,c\n"), CsvError);
}

}  // namespace
}  // namespace decklist
