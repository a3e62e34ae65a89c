// The streaming multipart parser on arbitrary bodies. Input: the Content-Type value up to the
// first '\n', one byte choosing the chunk size, then the body. Beyond "no crash", the parser
// must not depend on how the body is split: fed whole or in small chunks it reports the same
// parts, the same bytes and the same error.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "http/multipart/boundary.hpp"
#include "http/multipart/multipart_parser.hpp"

namespace mp = decklist::http::multipart;

namespace {

// Everything the callbacks saw, as one string, plus the error code when it failed.
std::string run(const std::string& boundary, std::string_view body, std::size_t chunk) {
    std::string trace;
    mp::Limits limits;
    limits.max_part_bytes = 4096;
    limits.max_parts = 8;
    limits.max_header_bytes = 512;
    mp::Callbacks callbacks;
    callbacks.on_part_begin = [&](const mp::PartInfo& part) {
        trace += "<begin " + std::to_string(part.index) + " " + part.name + " " +
                 part.filename.value_or("-") + " " + part.content_type + ">";
    };
    callbacks.on_part_data = [&](std::string_view data) { trace.append(data); };
    callbacks.on_part_end = [&] { trace += "<end>"; };
    mp::MultipartParser parser(boundary, limits, callbacks);
    try {
        for (std::size_t at = 0; at < body.size(); at += chunk) parser.feed(body.substr(at, chunk));
        parser.finish();
        trace += "<complete>";
    } catch (const mp::MultipartError& e) {
        trace += "<error " + std::string(mp::to_string(e.code())) + ">";
    }
    return trace;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto newline = input.find('\n');
    if (newline == std::string_view::npos || newline + 1 >= input.size()) return 0;
    const std::string_view content_type = input.substr(0, newline);
    const std::size_t chunk = 1 + static_cast<std::uint8_t>(input[newline + 1]) % 17;
    const std::string_view body = input.substr(newline + 2);

    std::string boundary;
    try {
        boundary = mp::boundary_from_content_type(content_type);
    } catch (const mp::MultipartError&) {
        return 0;
    }
    if (boundary.empty() || boundary.size() > mp::kMaxBoundaryLength) std::abort();

    const std::string whole = run(boundary, body, body.size() + 1);
    const std::string split = run(boundary, body, chunk);
    if (whole != split) std::abort();  // the result depends on the chunking
    return 0;
}
