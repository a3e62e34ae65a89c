#pragma once
// Server-Sent Events framing (WHATWG HTML, "event stream format"). Pure functions from
// fields to bytes, so the framing rules are tested in one place:
//  - each field is "name: value\n"; an event ends with an empty line;
//  - data holding line breaks (CRLF, LF or CR) becomes one data line per line, which the
//    client joins back with "\n";
//  - event names and ids cannot hold line breaks (and ids no NUL, or the browser ignores
//    them): those characters are replaced by spaces rather than letting a value break the
//    framing and smuggle in fields;
//  - fields come in the order event, data, id: clients written for the Python service split
//    each block into lines and take the first as "event:" and the second as "data:";
//  - a line starting with ':' is a comment (EventSource's heartbeat); such naive clients
//    need a heartbeat that is an event of its own ("event: ping", "data: {}").

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace decklist::http::sse {

// "retry: <ms>\n\n": how long EventSource waits before reconnecting. Sent first.
std::string encode_retry(std::chrono::milliseconds delay);

// One event. Empty event name: the field is omitted (the client sees "message").
// Empty id: the field is omitted.
std::string encode_event(std::string_view event, std::string_view id, std::string_view data);
std::string encode_event(std::string_view event, std::uint64_t id, std::string_view data);

// ": <text>\n\n" (line breaks in text become spaces).
std::string encode_comment(std::string_view text);
inline std::string encode_heartbeat_comment() {
    return encode_comment("heartbeat");
}
// "event: ping\ndata: {}\n\n": a heartbeat that line-splitting clients parse and ignore.
inline std::string encode_ping_event() {
    return encode_event("ping", std::string_view(), "{}");
}

}  // namespace decklist::http::sse
