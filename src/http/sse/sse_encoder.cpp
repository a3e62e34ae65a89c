#include "http/sse/sse_encoder.hpp"

namespace decklist::http::sse {
namespace {

// A value that must stay on one line.
void append_single_line(std::string& out, std::string_view value, bool strip_nul) {
    for (char c : value) {
        if (c == '\r' || c == '\n' || (strip_nul && c == '\0'))
            out.push_back(' ');
        else
            out.push_back(c);
    }
}

void append_field(std::string& out, std::string_view name, std::string_view value,
                  bool strip_nul = false) {
    out.append(name);
    out.append(": ");
    append_single_line(out, value, strip_nul);
    out.push_back('\n');
}

}  // namespace

std::string encode_retry(std::chrono::milliseconds delay) {
    return "retry: " + std::to_string(delay.count()) + "\n\n";
}

std::string encode_event(std::string_view event, std::string_view id, std::string_view data) {
    std::string out;
    out.reserve(data.size() + event.size() + id.size() + 32);
    if (!event.empty()) append_field(out, "event", event);
    // Split data on CRLF, LF or CR; each piece is its own data line. Empty data still sends
    // one "data:" line so that the event is dispatched.
    std::size_t start = 0;
    for (std::size_t i = 0; i <= data.size(); ++i) {
        if (i < data.size() && data[i] != '\n' && data[i] != '\r') continue;
        out.append("data: ");
        out.append(data.substr(start, i - start));
        out.push_back('\n');
        if (i < data.size() && data[i] == '\r' && i + 1 < data.size() && data[i + 1] == '\n') ++i;
        start = i + 1;
    }
    if (!id.empty()) append_field(out, "id", id, true);
    out.push_back('\n');
    return out;
}

std::string encode_event(std::string_view event, std::uint64_t id, std::string_view data) {
    return encode_event(event, std::to_string(id), data);
}

std::string encode_comment(std::string_view text) {
    std::string out = ": ";
    append_single_line(out, text, false);
    out.append("\n\n");
    return out;
}

}  // namespace decklist::http::sse
