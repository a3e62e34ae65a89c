#pragma once
// Header values of the form `value; name=token; name="quoted \"string\""` (RFC 9110
// parameters), as used by Content-Type and Content-Disposition.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace decklist::http::multipart {

struct HeaderValue {
    std::string value;                          // lower-cased, e.g. "multipart/form-data"
    std::map<std::string, std::string> params;  // names lower-cased, values unquoted
};

// nullopt when the parameters do not parse (unterminated quote, missing '=', bad token).
// A repeated parameter keeps its first value.
std::optional<HeaderValue> parse_header_value(std::string_view text);

std::string to_lower(std::string_view s);

}  // namespace decklist::http::multipart
