// Hostile multipart framing over real sockets, each with its exact answer: batch-level
// problems are 4xx JSON before any stream starts; a file past max_batch_size inside a running
// stream is an error event of type limit.

#include "hostile_fixture.hpp"

namespace decklist::test {
namespace {

HttpResponse post_raw(const std::string& target, const std::string& content_type,
                      const std::string& body) {
    return http_request(
        Hostile::port_for_tests(), "POST", target,
        {{"Content-Type", content_type}, {"Content-Length", std::to_string(body.size())}}, body);
}

const std::string kStream = "/api/v1/process-batch-stream";
const std::string kTypePrefix = "multipart/form-data; boundary=";

std::string reason_of(const HttpResponse& r) {
    const auto body = json::parse(r.body, nullptr, false);
    if (body.is_discarded() || !body.contains("reason")) return "";
    return body["reason"];
}

TEST_F(Hostile, NoFilesIs400) {
    const auto r = post_files(kStream, {UploadFile{"note", "", "text/plain", "hello"}});
    expect_error(r, 400, "validation", "no files");
    expect_error(post_files(kStream, {}), 400, "validation", "no files");
}

TEST_F(Hostile, MaxBatchSizePlusOneFiles) {
    std::vector<UploadFile> files;
    for (int i = 0; i <= kMaxBatch; ++i) files.push_back(text_file(std::to_string(i) + ".txt"));
    // The JSON batch answers after the whole body: 413.
    expect_error(post_files("/api/v1/process-batch", files), 413, "limit", "too many files");
    // The event stream is already running when the extra file arrives: an error event.
    const std::string body = multipart_body(files);
    HttpConnection c("127.0.0.1", port());
    c.send(HttpConnection::format_request("POST", kStream, multipart_headers(body.size()), body));
    ASSERT_EQ(c.read_head().status, 200);
    const auto events = SseReader(c).rest();
    expect_event_order(events, files.size());
    for (const auto& e : events)
        if (e.event == "error") {
            EXPECT_EQ(data_of(e)["error_type"],
                      data_of(e)["index"] == kMaxBatch ? "limit" : "validation")
                << e.data;
        }
    EXPECT_EQ(data_of(events.back())["failed"], kMaxBatch + 1);
}

TEST_F(Hostile, DuplicatedBoundaryParameterIs400) {
    // RFC 2045 forbids repeated parameters; whichever one frames the body, it is refused
    // before any of it is read.
    for (const std::string framing : {"A", "B"}) {
        const std::string body = "--" + framing +
                                 "\r\nContent-Disposition: form-data; name=\"files\"; "
                                 "filename=\"a.txt\"\r\n\r\nx\r\n--" +
                                 framing + "--\r\n";
        const auto r = post_raw(kStream, kTypePrefix + "A; boundary=B", body);
        expect_error(r, 400, "validation");
        EXPECT_EQ(reason_of(r), "duplicate_boundary") << r.body;
    }
    // Same value twice is still two parameters.
    const auto r = post_raw(kStream, kTypePrefix + "A; BOUNDARY=A", "--A--\r\n");
    EXPECT_EQ(reason_of(r), "duplicate_boundary") << r.body;
}

TEST_F(Hostile, MissingOrMalformedBoundaryIs400) {
    const std::string body = multipart_body({text_file()});
    auto r = post_raw(kStream, "multipart/form-data", body);
    expect_error(r, 400, "validation");
    EXPECT_EQ(reason_of(r), "missing_boundary");

    r = post_raw(kStream, kTypePrefix + std::string(71, 'b'), body);
    expect_error(r, 400, "validation");
    EXPECT_EQ(reason_of(r), "boundary_too_long");

    r = post_raw(kStream, kTypePrefix + "\"bad<>boundary\"", body);
    expect_error(r, 400, "validation");
    EXPECT_EQ(reason_of(r), "invalid_boundary");

    r = post_raw(kStream, kTypePrefix + "\"unterminated", body);
    expect_error(r, 400, "validation");
    EXPECT_EQ(reason_of(r), "missing_boundary");

    // A boundary the body never uses.
    r = post_raw(kStream, kTypePrefix + "other-boundary", body);
    expect_error(r, 400, "validation");
    EXPECT_EQ(reason_of(r), "missing_opening_delimiter");

    // Not multipart at all.
    r = post_raw(kStream, "application/octet-stream", body);
    expect_error(r, 415, "unsupported_media_type");
}

TEST_F(Hostile, MalformedDelimiterLineIs400) {
    const std::string body = "--" + kBoundary + "garbage\r\n" + closing_bytes();
    const auto r = post_raw(kStream, kTypePrefix + kBoundary, body);
    expect_error(r, 400, "validation");
    EXPECT_EQ(reason_of(r), "malformed_delimiter");
}

TEST_F(Hostile, PartWithoutANameIs400) {
    const std::string body = "--" + kBoundary +
                             "\r\nContent-Disposition: form-data; filename=\"a.jpg\"\r\n\r\n" +
                             screenshot_bytes(0) + "\r\n" + closing_bytes();
    const auto r = post_raw(kStream, kTypePrefix + kBoundary, body);
    expect_error(r, 400, "validation");
    EXPECT_EQ(reason_of(r), "missing_name");
}

TEST_F(Hostile, PartHeadersOverTheLimitAre413) {
    const std::string body = "--" + kBoundary +
                             "\r\nContent-Disposition: form-data; name=\"files\"\r\nX-Pad: " +
                             std::string(64 * 1024, 'p') + "\r\n\r\nx\r\n" + closing_bytes();
    const auto r = post_raw(kStream, kTypePrefix + kBoundary, body);
    expect_error(r, 413, "limit");
    EXPECT_EQ(reason_of(r), "header_too_long") << r.body;
}

}  // namespace
}  // namespace decklist::test
