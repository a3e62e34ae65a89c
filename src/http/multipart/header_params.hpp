#pragma once
// Header values of the form `value; name=token; name="quoted \"string\""` (RFC 9110
// parameters), as used by Content-Type and Content-Disposition.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace decklist::http::multipart {

struct HeaderValue {
    std::string value;                          // lower-cased, e.g. "multipart/form-data"
    std::map<std::string, std::string> params;  // names lower-cased, values unquoted
    std::set<std::string> repeated;             // names that appeared more than once
};

// nullopt when the parameters do not parse (unterminated quote, missing '=', bad token).
// A repeated parameter keeps its first value and is listed in `repeated`.
std::optional<HeaderValue> parse_header_value(std::string_view text);

std::string to_lower(std::string_view s);
// Optional whitespace in header values (RFC 9110 OWS): space and horizontal tab.
bool is_space(char c);

}  // namespace decklist::http::multipart
