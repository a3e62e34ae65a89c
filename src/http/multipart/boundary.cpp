#include "http/multipart/boundary.hpp"

#include <cctype>

#include "http/multipart/header_params.hpp"
#include "http/multipart/multipart_error.hpp"

namespace decklist::http::multipart {
namespace {

// RFC 2046 bchars (without the space, which is allowed inside but not last).
bool is_boundary_char(char c) {
    if (std::isalnum(static_cast<unsigned char>(c))) return true;
    switch (c) {
        case '\'':
        case '(':
        case ')':
        case '+':
        case '_':
        case ',':
        case '-':
        case '.':
        case '/':
        case ':':
        case '=':
        case '?':
        case ' ':
            return true;
        default:
            return false;
    }
}

}  // namespace

std::string boundary_from_content_type(std::string_view content_type) {
    std::string_view media = content_type.substr(0, content_type.find(';'));
    while (!media.empty() && (media.front() == ' ' || media.front() == '\t'))
        media.remove_prefix(1);
    while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.remove_suffix(1);
    if (to_lower(media) != "multipart/form-data")
        throw MultipartError(ErrorCode::not_multipart,
                             "expected a multipart/form-data upload, got Content-Type \"" +
                                 std::string(content_type) + "\"",
                             {{"content_type", std::string(content_type)}});
    const auto parsed = parse_header_value(content_type);
    if (!parsed)
        throw MultipartError(ErrorCode::missing_boundary,
                             "the multipart Content-Type parameters do not parse");
    // RFC 2045 forbids a repeated parameter. A proxy that framed the body with the other
    // one would see different parts than we do, so neither is guessed.
    if (parsed->repeated.count("boundary"))
        throw MultipartError(ErrorCode::duplicate_boundary,
                             "the multipart Content-Type has more than one boundary parameter");
    const auto it = parsed->params.find("boundary");
    if (it == parsed->params.end())
        throw MultipartError(ErrorCode::missing_boundary,
                             "the multipart Content-Type has no boundary parameter");
    const std::string& boundary = it->second;
    if (boundary.size() > kMaxBoundaryLength)
        throw MultipartError(ErrorCode::boundary_too_long,
                             "the multipart boundary is longer than 70 characters",
                             {{"length", boundary.size()}});
    if (boundary.empty() || boundary.back() == ' ')
        throw MultipartError(ErrorCode::invalid_boundary,
                             "the multipart boundary is empty or ends with a space");
    for (char c : boundary)
        if (!is_boundary_char(c))
            throw MultipartError(ErrorCode::invalid_boundary,
                                 "the multipart boundary holds a character RFC 2046 forbids");
    return boundary;
}

}  // namespace decklist::http::multipart
