// The SSE encoder on arbitrary event names, ids and data. Whatever the values hold, a
// browser-conformant parser must read back exactly one event per encode_event call, with the
// data intact (line breaks normalised to "\n") and no smuggled fields.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/sse/sse_encoder.hpp"
#include "sse_parser.hpp"

namespace sse = decklist::http::sse;

namespace {

std::string normalise_breaks(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else {
            out += text[i];
        }
    }
    return out;
}

// What a single-line field must become: line breaks (and NUL in ids) turned into spaces.
std::string one_line(std::string_view text, bool strip_nul) {
    std::string out(text);
    for (char& c : out)
        if (c == '\r' || c == '\n' || (strip_nul && c == '\0')) c = ' ';
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    // Fields separated by 0xFF bytes (never valid UTF-8, so free to use as a separator).
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto first = input.find('\xff');
    if (first == std::string_view::npos) return 0;
    const auto second = input.find('\xff', first + 1);
    if (second == std::string_view::npos) return 0;
    const std::string_view event = input.substr(0, first);
    const std::string_view id = input.substr(first + 1, second - first - 1);
    const std::string_view payload = input.substr(second + 1);

    std::string wire = sse::encode_comment(payload);
    wire += sse::encode_event(event, id, payload);
    wire += sse::encode_event(event, static_cast<std::uint64_t>(size), payload);

    decklist::test::SseParser parser;
    const auto events = parser.feed(wire);
    if (events.size() != 2) std::abort();
    if (parser.comments() != 1) std::abort();
    const std::string expected_event = event.empty() ? "message" : one_line(event, false);
    const std::string expected_id = one_line(id, true);
    for (const auto& e : events) {
        if (e.data != normalise_breaks(payload)) std::abort();
        if (e.event != expected_event) std::abort();
    }
    if (events[0].id != expected_id) std::abort();
    if (events[1].id != std::to_string(size)) std::abort();
    return 0;
}
