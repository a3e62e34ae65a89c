#include "http/multipart/content_disposition.hpp"

#include "http/core/url.hpp"
#include "http/multipart/header_params.hpp"
#include "http/multipart/multipart_error.hpp"

namespace decklist::http::multipart {
namespace {

std::string latin1_to_utf8(std::string_view bytes) {
    std::string out;
    for (unsigned char c : bytes) {
        if (c < 0x80) {
            out += static_cast<char>(c);
        } else {
            out += static_cast<char>(0xC0 | (c >> 6));
            out += static_cast<char>(0x80 | (c & 0x3F));
        }
    }
    return out;
}

}  // namespace

std::optional<std::string> decode_ext_value(std::string_view value) {
    const auto first = value.find('\'');
    if (first == std::string_view::npos) return std::nullopt;
    const auto second = value.find('\'', first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    const std::string charset = to_lower(value.substr(0, first));
    if (charset != "utf-8" && charset != "iso-8859-1") return std::nullopt;
    const auto bytes = percent_decode(value.substr(second + 1));
    if (!bytes) return std::nullopt;
    return charset == "utf-8" ? *bytes : latin1_to_utf8(*bytes);
}

Disposition parse_content_disposition(std::string_view value) {
    const auto parsed = parse_header_value(value);
    if (!parsed)
        throw MultipartError(ErrorCode::invalid_content_disposition,
                             "a part's Content-Disposition parameters do not parse",
                             {{"content_disposition", std::string(value)}});
    if (parsed->value != "form-data")
        throw MultipartError(
            ErrorCode::invalid_content_disposition,
            "a part's Content-Disposition is \"" + parsed->value + "\", expected \"form-data\"");
    Disposition d;
    const auto name = parsed->params.find("name");
    if (name == parsed->params.end() || name->second.empty())
        throw MultipartError(ErrorCode::missing_name,
                             "a part's Content-Disposition has no name parameter");
    d.name = name->second;
    if (auto star = parsed->params.find("filename*"); star != parsed->params.end()) {
        auto decoded = decode_ext_value(star->second);
        if (!decoded)
            throw MultipartError(ErrorCode::invalid_filename,
                                 "a part's filename* is not charset'language'percent-encoded "
                                 "UTF-8 or ISO-8859-1",
                                 {{"filename*", star->second}});
        d.filename = std::move(*decoded);
    } else if (auto plain = parsed->params.find("filename"); plain != parsed->params.end()) {
        d.filename = plain->second;
    }
    return d;
}

}  // namespace decklist::http::multipart
