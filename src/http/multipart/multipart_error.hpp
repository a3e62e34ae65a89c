#pragma once
// One specific error per malformed multipart input, so a client learns exactly what is wrong
// with its upload (error_type "validation" → 400, "limit" → 413, not multipart → 415).

#include <string_view>

#include "decklist/error.hpp"

namespace decklist::http::multipart {

enum class ErrorCode {
    not_multipart,                // Content-Type is not multipart/form-data
    missing_boundary,             // no boundary parameter
    boundary_too_long,            // longer than the 70 characters RFC 2046 allows
    invalid_boundary,             // empty or holding characters RFC 2046 does not allow
    duplicate_boundary,           // two boundary parameters: which one frames the body?
    missing_opening_delimiter,    // the body ended before the first boundary line
    malformed_delimiter,          // a boundary line followed by something else than CRLF or "--"
    header_too_long,              // a part's header block exceeds the limit
    malformed_header,             // a header line without "name:" form
    missing_header_terminator,    // the body ended inside a part's headers
    missing_content_disposition,  // a part without Content-Disposition
    invalid_content_disposition,  // not "form-data", or parameters that do not parse
    missing_name,                 // Content-Disposition without a name parameter
    invalid_filename,             // a filename* that is not RFC 5987 (charset'lang'%XX)
    part_too_large,               // a part's body exceeds the per-part limit
    too_many_parts,               // more parts than allowed
    missing_close_delimiter,      // the body ended without the closing "--boundary--"
};

std::string_view to_string(ErrorCode code) noexcept;
// 400, 413 or 415.
int http_status(ErrorCode code) noexcept;

class MultipartError : public Error {
  public:
    MultipartError(ErrorCode code, std::string message, nlohmann::json detail = {});
    ErrorCode code() const noexcept { return code_; }
    int http_status() const noexcept { return multipart::http_status(code_); }

  private:
    ErrorCode code_;
};

}  // namespace decklist::http::multipart
