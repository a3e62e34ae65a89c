// The encoder's bytes, read back by an independent WHATWG parser (tests/support), in chunks
// of every size, must give back exactly what was sent.

#include <gtest/gtest.h>

#include "http/sse/sse_encoder.hpp"
#include "sse_parser.hpp"

namespace sse = decklist::http::sse;
using decklist::test::SseEvent;
using decklist::test::SseParser;

namespace {

std::vector<SseEvent> parse_in_chunks(const std::string& bytes, std::size_t chunk) {
    SseParser parser;
    std::vector<SseEvent> events;
    for (std::size_t i = 0; i < bytes.size(); i += chunk) {
        auto got = parser.feed(std::string_view(bytes).substr(i, chunk));
        events.insert(events.end(), got.begin(), got.end());
    }
    return events;
}

}  // namespace

TEST(SseEncoder, PlainEventHasEventThenDataThenIdAndBlankLine) {
    // Clients that split a block into lines read the first as "event:", the second as "data:".
    EXPECT_EQ(sse::encode_event("progress", 7, R"({"index":0})"),
              "event: progress\ndata: {\"index\":0}\nid: 7\n\n");
}

TEST(SseEncoder, OmitsEmptyEventNameAndId) {
    EXPECT_EQ(sse::encode_event("", "", "x"), "data: x\n\n");
}

TEST(SseEncoder, RetryAndHeartbeatFraming) {
    EXPECT_EQ(sse::encode_retry(std::chrono::milliseconds(3000)), "retry: 3000\n\n");
    EXPECT_EQ(sse::encode_heartbeat_comment(), ": heartbeat\n\n");
    EXPECT_EQ(sse::encode_ping_event(), "event: ping\ndata: {}\n\n");
    EXPECT_EQ(sse::encode_comment("a\nb\rc"), ": a b c\n\n");
}

TEST(SseEncoder, DataWithEveryKindOfLineBreakBecomesSeveralDataLines) {
    const std::string encoded = sse::encode_event("e", "", "one\ntwo\r\nthree\rfour");
    EXPECT_EQ(encoded, "event: e\ndata: one\ndata: two\ndata: three\ndata: four\n\n");
}

TEST(SseEncoder, FieldsCannotInjectLinesOrEvents) {
    const std::string encoded =
        sse::encode_event("evil\n\ndata: injected", std::string("1\r\nid: 9\0x", 10), "ok");
    SseParser parser;
    auto events = parser.feed(encoded);
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0].data, "ok");
    EXPECT_EQ(events[0].event, "evil  data: injected");
    EXPECT_EQ(events[0].id, "1  id: 9 x");
}

TEST(SseEncoder, RoundTripsThroughAWhatwgParserInAnyChunking) {
    const std::vector<std::string> payloads = {
        "",
        "simple",
        "{\"json\": \"with \\n escaped newline\"}",
        "trailing newline\n",
        "\nleading newline",
        "crlf\r\nlines\r\n\r\nand blank ones",
        " leading space is kept",
        ": looks like a comment",
        "data: looks like a field",
        "中文 UTF-8 卡组详情",
    };
    std::string stream = sse::encode_retry(std::chrono::milliseconds(1500));
    for (std::size_t i = 0; i < payloads.size(); ++i) {
        stream += sse::encode_event("ev" + std::to_string(i), i + 1, payloads[i]);
        stream += sse::encode_heartbeat_comment();
    }
    for (std::size_t chunk : {1, 2, 3, 7, 64, 100000}) {
        SCOPED_TRACE("chunk " + std::to_string(chunk));
        const auto events = parse_in_chunks(stream, chunk);
        ASSERT_EQ(events.size(), payloads.size());
        for (std::size_t i = 0; i < payloads.size(); ++i) {
            // The only lossy step of the format: a CR or CRLF in data comes back as LF.
            std::string expected;
            for (std::size_t k = 0; k < payloads[i].size(); ++k) {
                if (payloads[i][k] == '\r') {
                    expected.push_back('\n');
                    if (k + 1 < payloads[i].size() && payloads[i][k + 1] == '\n') ++k;
                } else {
                    expected.push_back(payloads[i][k]);
                }
            }
            EXPECT_EQ(events[i].data, expected);
            EXPECT_EQ(events[i].event, "ev" + std::to_string(i));
            EXPECT_EQ(events[i].id, std::to_string(i + 1));
        }
    }
    SseParser parser;
    parser.feed(stream);
    EXPECT_EQ(parser.retry_ms(), 1500);
    EXPECT_EQ(parser.comments(), payloads.size());
}
