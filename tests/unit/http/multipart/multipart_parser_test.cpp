// The streaming multipart parser: every case is fed whole and in chunks of 1, 2, 3, 7 and 64
// bytes, and must give the same parts (or the same specific error) every time.

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "http/multipart/boundary.hpp"
#include "http/multipart/multipart_parser.hpp"

namespace decklist::http::multipart {
namespace {

struct Part {
    std::string name;
    std::optional<std::string> filename;
    std::string content_type;
    std::string data;
    std::size_t header_count = 0;
    bool ended = false;
    bool operator==(const Part&) const = default;
};

struct Outcome {
    std::vector<Part> parts;
    std::optional<ErrorCode> error;
    bool complete = false;
};

Outcome parse(const std::string& boundary, std::string_view body, std::size_t chunk,
              Limits limits = {}) {
    Outcome out;
    Callbacks callbacks;
    callbacks.on_part_begin = [&](const PartInfo& info) {
        EXPECT_EQ(info.index, out.parts.size());
        out.parts.push_back({info.name, info.filename, info.content_type, "", info.headers.size()});
    };
    callbacks.on_part_data = [&](std::string_view data) {
        ASSERT_FALSE(data.empty());
        out.parts.back().data.append(data);
    };
    callbacks.on_part_end = [&] { out.parts.back().ended = true; };
    MultipartParser parser(boundary, limits, callbacks);
    try {
        for (std::size_t at = 0; at < body.size(); at += chunk)
            parser.feed(body.substr(at, std::min(chunk, body.size() - at)));
        parser.finish();
        out.complete = parser.complete();
    } catch (const MultipartError& e) {
        out.error = e.code();
    }
    return out;
}

const std::size_t kChunkSizes[] = {1, 2, 3, 7, 64};

// Parses whole, then checks every chunk size gives the same outcome.
Outcome parse_all_ways(const std::string& boundary, const std::string& body, Limits limits = {}) {
    const Outcome whole = parse(boundary, body, std::max<std::size_t>(body.size(), 1), limits);
    for (std::size_t chunk : kChunkSizes) {
        const Outcome chunked = parse(boundary, body, chunk, limits);
        EXPECT_EQ(chunked.error, whole.error) << "chunk size " << chunk;
        EXPECT_EQ(chunked.complete, whole.complete) << "chunk size " << chunk;
        // Also on error: what a handler saw before the error must not depend on the split.
        EXPECT_EQ(chunked.parts, whole.parts) << "chunk size " << chunk;
    }
    return whole;
}

std::string part(const std::string& boundary, const std::string& headers, const std::string& data) {
    return "--" + boundary + "\r\n" + headers + "\r\n" + data + "\r\n";
}

std::string field(const std::string& b, const std::string& name, const std::string& data) {
    return part(b, "Content-Disposition: form-data; name=\"" + name + "\"\r\n", data);
}

const std::string B = "----WebKitFormBoundaryA1b2C3d4";

TEST(MultipartParser, OneField) {
    const auto out = parse_all_ways(B, field(B, "a", "hello") + "--" + B + "--\r\n");
    ASSERT_FALSE(out.error);
    EXPECT_TRUE(out.complete);
    ASSERT_EQ(out.parts.size(), 1u);
    EXPECT_EQ(out.parts[0].name, "a");
    EXPECT_EQ(out.parts[0].data, "hello");
    EXPECT_FALSE(out.parts[0].filename);
    EXPECT_EQ(out.parts[0].content_type, "");
    EXPECT_TRUE(out.parts[0].ended);
}

TEST(MultipartParser, FilesWithBinaryDataThatResemblesTheBoundary) {
    // CRs, LFs, dashes and every prefix of the delimiter inside the data.
    std::string data = "\r\n--\r\n-\r\r\n\r\n--" + B.substr(0, B.size() - 1) + "x\r\n-" + B +
                       "X x--" + B + "--\r\n";
    data.push_back('\0');
    for (int i = 0; i < 256; ++i) data.push_back(static_cast<char>(i));
    const std::string body =
        part(B,
             "Content-Disposition: form-data; name=\"files\"; filename=\"a.jpg\"\r\n"
             "Content-Type: image/jpeg\r\n",
             data) +
        part(B, "Content-Disposition: form-data; name=\"files\"; filename=\"b.png\"\r\n", "") +
        "--" + B + "--";
    const auto out = parse_all_ways(B, body);
    ASSERT_FALSE(out.error);
    ASSERT_EQ(out.parts.size(), 2u);
    EXPECT_EQ(out.parts[0].data, data);
    EXPECT_EQ(out.parts[0].filename, "a.jpg");
    EXPECT_EQ(out.parts[0].content_type, "image/jpeg");
    EXPECT_EQ(out.parts[0].header_count, 2u);
    EXPECT_EQ(out.parts[1].filename, "b.png");
    EXPECT_EQ(out.parts[1].data, "");
    EXPECT_TRUE(out.parts[1].ended);
}

TEST(MultipartParser, LargeRandomPartSurvivesEveryChunking) {
    std::mt19937 rng(42);
    std::string data(100'000, '\0');
    for (auto& c : data) c = static_cast<char>(rng());
    const auto out = parse_all_ways(B, field(B, "big", data) + "--" + B + "--\r\n");
    ASSERT_FALSE(out.error);
    ASSERT_EQ(out.parts.size(), 1u);
    EXPECT_EQ(out.parts[0].data, data);
}

TEST(MultipartParser, PreambleAndEpilogueAreIgnored) {
    const std::string body = "This is the preamble.\r\nIt has --dashes-- too.\r\n" +
                             field(B, "x", "1") + field(B, "y", "2") + "--" + B +
                             "--\r\nepilogue --" + B + "\r\n more";
    const auto out = parse_all_ways(B, body);
    ASSERT_FALSE(out.error);
    ASSERT_EQ(out.parts.size(), 2u);
    EXPECT_EQ(out.parts[0].data, "1");
    EXPECT_EQ(out.parts[1].data, "2");
}

TEST(MultipartParser, TransportPaddingAfterTheBoundary) {
    const std::string body =
        "--" + B + " \t\r\nContent-Disposition: form-data; name=\"p\"\r\n\r\nv\r\n--" + B + "--";
    const auto out = parse_all_ways(B, body);
    ASSERT_FALSE(out.error);
    ASSERT_EQ(out.parts.size(), 1u);
    EXPECT_EQ(out.parts[0].data, "v");
}

TEST(MultipartParser, NoPartsAtAll) {
    const auto out = parse_all_ways(B, "--" + B + "--\r\n");
    ASSERT_FALSE(out.error);
    EXPECT_TRUE(out.complete);
    EXPECT_TRUE(out.parts.empty());
}

TEST(MultipartParser, FilenameStarWinsAndIsDecoded) {
    const std::string body =
        part(B,
             "Content-Disposition: form-data; name=\"files\"; filename=\"fallback.jpg\"; "
             "filename*=UTF-8''%E5%8D%A1%E7%BB%84%20A.jpg\r\n",
             "x") +
        part(B,
             "content-disposition: FORM-DATA; NAME=files; filename*=iso-8859-1'en'caf%E9.png\r\n",
             "y") +
        part(B,
             "Content-Disposition: form-data; name=\"q\"; filename=\"a \\\"quoted\\\" "
             "name.jpg\"\r\n",
             "z") +
        "--" + B + "--";
    const auto out = parse_all_ways(B, body);
    ASSERT_FALSE(out.error);
    ASSERT_EQ(out.parts.size(), 3u);
    EXPECT_EQ(out.parts[0].filename, "卡组 A.jpg");
    EXPECT_EQ(out.parts[1].name, "files");
    EXPECT_EQ(out.parts[1].filename, "caf\xC3\xA9.png");
    EXPECT_EQ(out.parts[2].filename, "a \"quoted\" name.jpg");
}

TEST(MultipartParser, FoldedHeaderContinuesThePreviousOne) {
    const std::string body =
        part(B, "Content-Disposition: form-data;\r\n name=\"folded\"\r\n", "v") + "--" + B + "--";
    const auto out = parse_all_ways(B, body);
    ASSERT_FALSE(out.error);
    EXPECT_EQ(out.parts.at(0).name, "folded");
}

TEST(MultipartParser, PartSizeLimitIsExact) {
    Limits limits;
    limits.max_part_bytes = 10;
    EXPECT_FALSE(parse_all_ways(B, field(B, "a", "0123456789") + "--" + B + "--", limits).error);
    const auto over = parse_all_ways(B, field(B, "a", "0123456789A") + "--" + B + "--", limits);
    EXPECT_EQ(over.error, ErrorCode::part_too_large);
    // The handler is given exactly the limit, then the error (found by fuzz_multipart).
    EXPECT_EQ(over.parts.at(0).data, "0123456789");
}

TEST(MultipartParser, TooManyParts) {
    Limits limits;
    limits.max_parts = 2;
    EXPECT_FALSE(
        parse_all_ways(B, field(B, "a", "1") + field(B, "b", "2") + "--" + B + "--", limits).error);
    EXPECT_EQ(parse_all_ways(
                  B, field(B, "a", "1") + field(B, "b", "2") + field(B, "c", "3") + "--" + B + "--",
                  limits)
                  .error,
              ErrorCode::too_many_parts);
}

TEST(MultipartParser, HeaderTooLong) {
    Limits limits;
    limits.max_header_bytes = 200;
    const std::string long_header = "X-Long: " + std::string(300, 'a') + "\r\n";
    EXPECT_EQ(parse_all_ways(
                  B,
                  part(B, "Content-Disposition: form-data; name=\"a\"\r\n" + long_header, "v") +
                      "--" + B + "--",
                  limits)
                  .error,
              ErrorCode::header_too_long);
}

struct MalformedCase {
    const char* what;
    std::string body;
    ErrorCode expected;
};

TEST(MultipartParser, EachMalformedInputHasItsOwnError) {
    const std::string cd = "Content-Disposition: form-data; name=\"a\"\r\n";
    const std::vector<MalformedCase> cases = {
        {"no boundary at all", "just some text", ErrorCode::missing_opening_delimiter},
        {"empty body", "", ErrorCode::missing_opening_delimiter},
        {"junk after the boundary", "--" + B + "xyz\r\n" + cd + "\r\nv\r\n--" + B + "--",
         ErrorCode::malformed_delimiter},
        {"single dash close", "--" + B + "-x", ErrorCode::malformed_delimiter},
        {"CR without LF after boundary", "--" + B + "\rX", ErrorCode::malformed_delimiter},
        {"ends inside headers", "--" + B + "\r\n" + cd, ErrorCode::missing_header_terminator},
        {"header without colon", "--" + B + "\r\nNoColonHere\r\n\r\nv\r\n--" + B + "--",
         ErrorCode::malformed_header},
        {"header line with bare LF", "--" + B + "\r\nContent-Disposition: form-data; name=a\n\r\n",
         ErrorCode::malformed_header},
        {"no content-disposition",
         "--" + B + "\r\nContent-Type: text/plain\r\n\r\nv\r\n--" + B + "--",
         ErrorCode::missing_content_disposition},
        {"not form-data",
         "--" + B + "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n--" + B + "--",
         ErrorCode::invalid_content_disposition},
        {"unterminated quote",
         "--" + B + "\r\nContent-Disposition: form-data; name=\"a\r\n\r\nv\r\n--" + B + "--",
         ErrorCode::invalid_content_disposition},
        {"no name",
         "--" + B + "\r\nContent-Disposition: form-data; filename=\"a.jpg\"\r\n\r\nv\r\n--" + B +
             "--",
         ErrorCode::missing_name},
        {"bad filename*",
         "--" + B +
             "\r\nContent-Disposition: form-data; name=a; filename*=UTF-8''%ZZ\r\n\r\nv\r\n--" + B +
             "--",
         ErrorCode::invalid_filename},
        {"filename* with unknown charset",
         "--" + B +
             "\r\nContent-Disposition: form-data; name=a; filename*=koi8-r''x\r\n\r\nv\r\n--" + B +
             "--",
         ErrorCode::invalid_filename},
        {"ends inside a part", "--" + B + "\r\n" + cd + "\r\npartial data",
         ErrorCode::missing_close_delimiter},
        {"ends after a boundary line", "--" + B + "\r\n" + cd + "\r\nv\r\n--" + B,
         ErrorCode::missing_close_delimiter},
        {"ends after a part's boundary CRLF", field(B, "a", "v") + "--" + B + "\r\n",
         ErrorCode::missing_header_terminator},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.what);
        const auto out = parse_all_ways(B, c.body);
        ASSERT_TRUE(out.error.has_value());
        EXPECT_EQ(to_string(*out.error), to_string(c.expected));
    }
}

TEST(MultipartParser, AfterAnErrorTheParserRethrows) {
    MultipartParser parser(B, {}, {});
    EXPECT_THROW(parser.feed("--" + B + "zz"), MultipartError);
    EXPECT_THROW(parser.feed("more"), MultipartError);
    EXPECT_THROW(parser.finish(), MultipartError);
}

TEST(MultipartError, StatusAndErrorType) {
    const MultipartError limit(ErrorCode::part_too_large, "too big");
    EXPECT_EQ(limit.http_status(), 413);
    EXPECT_EQ(limit.type(), ErrorType::limit);
    EXPECT_EQ(limit.to_json()["reason"], "part_too_large");
    const MultipartError malformed(ErrorCode::missing_name, "no name");
    EXPECT_EQ(malformed.http_status(), 400);
    EXPECT_EQ(malformed.type(), ErrorType::validation);
    const MultipartError media(ErrorCode::not_multipart, "json");
    EXPECT_EQ(media.http_status(), 415);
    EXPECT_EQ(media.to_json()["error_type"], "unsupported_media_type");
}

ErrorCode boundary_error(std::string_view content_type) {
    try {
        boundary_from_content_type(content_type);
    } catch (const MultipartError& e) {
        return e.code();
    }
    ADD_FAILURE() << "no error for " << content_type;
    return ErrorCode::not_multipart;
}

TEST(Boundary, QuotedAndUnquoted) {
    EXPECT_EQ(boundary_from_content_type("multipart/form-data; boundary=abc123"), "abc123");
    EXPECT_EQ(boundary_from_content_type("Multipart/Form-Data;boundary=\"a b'():,./=?_+-\""),
              "a b'():,./=?_+-");
    EXPECT_EQ(boundary_from_content_type("multipart/form-data; charset=utf-8; BOUNDARY=x"), "x");
    EXPECT_EQ(boundary_from_content_type("multipart/form-data; boundary=" + std::string(70, 'b')),
              std::string(70, 'b'));
}

TEST(Boundary, EachProblemHasItsOwnError) {
    EXPECT_EQ(boundary_error("application/json"), ErrorCode::not_multipart);
    EXPECT_EQ(boundary_error(""), ErrorCode::not_multipart);
    EXPECT_EQ(boundary_error("multipart/mixed; boundary=x"), ErrorCode::not_multipart);
    EXPECT_EQ(boundary_error("multipart/form-data"), ErrorCode::missing_boundary);
    EXPECT_EQ(boundary_error("multipart/form-data; charset=utf-8"), ErrorCode::missing_boundary);
    EXPECT_EQ(boundary_error("multipart/form-data; boundary=\"unterminated"),
              ErrorCode::missing_boundary);
    EXPECT_EQ(boundary_error("multipart/form-data; boundary=" + std::string(71, 'b')),
              ErrorCode::boundary_too_long);
    EXPECT_EQ(boundary_error("multipart/form-data; boundary=\"\""), ErrorCode::invalid_boundary);
    EXPECT_EQ(boundary_error("multipart/form-data; boundary=\"ends with space \""),
              ErrorCode::invalid_boundary);
    EXPECT_EQ(boundary_error("multipart/form-data; boundary=\"semi;colon\""),
              ErrorCode::invalid_boundary);
}

}  // namespace
}  // namespace decklist::http::multipart
