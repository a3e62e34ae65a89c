#include "http/multipart/multipart_error.hpp"

#include "http/core/request_errors.hpp"

namespace decklist::http::multipart {

std::string_view to_string(ErrorCode code) noexcept {
    switch (code) {
        case ErrorCode::not_multipart:
            return "not_multipart";
        case ErrorCode::missing_boundary:
            return "missing_boundary";
        case ErrorCode::boundary_too_long:
            return "boundary_too_long";
        case ErrorCode::invalid_boundary:
            return "invalid_boundary";
        case ErrorCode::duplicate_boundary:
            return "duplicate_boundary";
        case ErrorCode::missing_opening_delimiter:
            return "missing_opening_delimiter";
        case ErrorCode::malformed_delimiter:
            return "malformed_delimiter";
        case ErrorCode::header_too_long:
            return "header_too_long";
        case ErrorCode::malformed_header:
            return "malformed_header";
        case ErrorCode::missing_header_terminator:
            return "missing_header_terminator";
        case ErrorCode::missing_content_disposition:
            return "missing_content_disposition";
        case ErrorCode::invalid_content_disposition:
            return "invalid_content_disposition";
        case ErrorCode::missing_name:
            return "missing_name";
        case ErrorCode::invalid_filename:
            return "invalid_filename";
        case ErrorCode::part_too_large:
            return "part_too_large";
        case ErrorCode::too_many_parts:
            return "too_many_parts";
        case ErrorCode::missing_close_delimiter:
            return "missing_close_delimiter";
    }
    return "malformed";
}

int http_status(ErrorCode code) noexcept {
    switch (code) {
        case ErrorCode::not_multipart:
            return 415;
        case ErrorCode::header_too_long:
        case ErrorCode::part_too_large:
        case ErrorCode::too_many_parts:
            return 413;
        default:
            return 400;
    }
}

namespace {
ErrorKind error_kind_of(ErrorCode code) {
    switch (http_status(code)) {
        case 415:
            return request_error::unsupported_media_type;
        case 413:
            return ErrorType::limit;
        default:
            return ErrorType::validation;
    }
}
nlohmann::json with_reason(ErrorCode code, nlohmann::json detail) {
    if (!detail.is_object()) detail = nlohmann::json::object();
    detail["reason"] = to_string(code);
    return detail;
}
}  // namespace

MultipartError::MultipartError(ErrorCode code, std::string message, nlohmann::json detail)
    : Error(error_kind_of(code), std::move(message), with_reason(code, std::move(detail))),
      code_(code) {}

}  // namespace decklist::http::multipart
