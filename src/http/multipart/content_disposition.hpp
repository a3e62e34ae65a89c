#pragma once
// Content-Disposition of a form-data part (RFC 7578 §4.2): name, filename and filename*.

#include <optional>
#include <string>
#include <string_view>

namespace decklist::http::multipart {

struct Disposition {
    std::string name;
    std::optional<std::string> filename;  // UTF-8; filename* (RFC 5987) wins over filename
};

// Throws MultipartError: invalid_content_disposition, missing_name, invalid_filename.
Disposition parse_content_disposition(std::string_view value);

// RFC 5987 ext-value: charset'language'percent-encoded. UTF-8 and ISO-8859-1 are decoded
// to UTF-8; nullopt for anything else or a bad escape.
std::optional<std::string> decode_ext_value(std::string_view value);

}  // namespace decklist::http::multipart
