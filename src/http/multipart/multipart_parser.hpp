#pragma once
// A streaming multipart/form-data parser (RFC 7578, RFC 2046 §5.1). It is fed the body in
// chunks of any size, as they arrive from the socket, and reports each part as it goes:
// begin (headers, name, filename), data (zero or more pieces), end. It holds at most one
// part's header block and a few bytes of a possible boundary, never the body.
//
//   MultipartParser parser(boundary_from_content_type(content_type), limits, callbacks);
//   for each chunk: parser.feed(chunk);   // callbacks fire inside feed()
//   at end of body: parser.finish();      // throws when the close delimiter is missing
//
// Every malformed input throws a MultipartError naming what is wrong (see multipart_error.hpp);
// after that the parser is spent and rethrows the same error.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "http/multipart/multipart_error.hpp"

namespace decklist::http::multipart {

struct PartInfo {
    std::size_t index = 0;                // 0-based position in the body
    std::string name;                     // Content-Disposition name
    std::optional<std::string> filename;  // UTF-8 (filename* decoded), when sent
    std::string content_type;             // as sent; empty when absent (RFC 7578: text/plain)
    std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
};

struct Limits {
    // A part larger than this is a fatal error for the whole body. Consumers that want to
    // refuse one oversized file and go on should set this high and count bytes themselves.
    std::size_t max_part_bytes = 10 * 1024 * 1024;
    std::size_t max_parts = 100;
    std::size_t max_header_bytes = 8 * 1024;  // one part's header block
};

struct Callbacks {
    std::function<void(const PartInfo&)> on_part_begin;
    std::function<void(std::string_view data)> on_part_data;  // valid only during the call
    std::function<void()> on_part_end;
};

class MultipartParser {
  public:
    MultipartParser(std::string boundary, Limits limits, Callbacks callbacks);

    void feed(std::string_view chunk);
    void finish();

    bool complete() const noexcept { return state_ == State::epilogue; }
    std::size_t part_count() const noexcept { return part_count_; }

  private:
    enum class State {
        preamble,
        after_delimiter,  // just after "--boundary": "--", padding or CRLF follows
        close_dash,       // saw the first '-' of "--"
        padding,          // transport padding (spaces, tabs) before CRLF
        delimiter_lf,     // saw CR, expect LF
        headers,
        body,
        epilogue,
        failed,
    };

    void consume(std::string_view in);
    std::string_view scan_for_delimiter(std::string_view in);
    std::string_view consume_delimiter_line(std::string_view in);
    std::string_view consume_headers(std::string_view in);
    void emit(std::string_view data);
    void begin_part();
    void add_header_line(std::string_view line);
    void end_headers();
    [[noreturn]] void fail(ErrorCode code, std::string message, nlohmann::json detail = {});

    std::string delimiter_;  // "\r\n--" + boundary
    Limits limits_;
    Callbacks callbacks_;
    State state_ = State::preamble;
    std::string held_;     // tail that may start a delimiter; decided by the next chunk
    std::string scratch_;  // held_ + chunk when a delimiter may straddle two chunks
    std::string line_;     // the header line being read
    std::size_t header_bytes_ = 0;
    std::size_t part_bytes_ = 0;
    std::size_t part_count_ = 0;
    PartInfo part_;
    std::optional<MultipartError> error_;
};

}  // namespace decklist::http::multipart
