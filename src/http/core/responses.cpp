#include "http/core/responses.hpp"

#include <algorithm>

#include "http/core/request_errors.hpp"

namespace decklist::http {

bhttp::status status_for(ErrorKind kind) noexcept {
    if (kind == request_error::method) return bhttp::status::method_not_allowed;
    if (kind == request_error::unsupported_media_type) return bhttp::status::unsupported_media_type;
    if (kind == request_error::unauthorized) return bhttp::status::unauthorized;
    if (kind == request_error::rate_limited) return bhttp::status::too_many_requests;
    if (kind == request_error::forbidden) return bhttp::status::forbidden;
    if (kind == request_error::precondition_required) return bhttp::status::precondition_required;
    if (kind == request_error::precondition_failed) return bhttp::status::precondition_failed;
    switch (kind.category()) {
        case ErrorType::validation:
            return bhttp::status::bad_request;
        case ErrorType::limit:
            return bhttp::status::payload_too_large;
        case ErrorType::processing:
            return bhttp::status::unprocessable_entity;
        case ErrorType::timeout:
            return bhttp::status::gateway_timeout;
        case ErrorType::cancelled:
        case ErrorType::upload_incomplete:
            return bhttp::status::bad_request;
        case ErrorType::not_found:
            return bhttp::status::not_found;
        case ErrorType::internal:
            return bhttp::status::internal_server_error;
    }
    return bhttp::status::internal_server_error;
}

Response json_response(bhttp::status status, const nlohmann::json& body) {
    Response res{status, 11};
    res.set(bhttp::field::content_type, "application/json");
    res.set(bhttp::field::cache_control, "no-store");
    // Replace invalid UTF-8 (e.g. from a filename) instead of throwing mid-response.
    res.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return res;
}

Response error_response(const Error& error) {
    return error_response(error, status_for(error.kind()));
}

Response error_response(const Error& error, bhttp::status status) {
    Response response = json_response(status, error.to_json());
    // Wherever a limit was hit (the access check, or a token gone by the time an image
    // arrived), the error names the wait; the header says it to clients and proxies too.
    const auto& detail = error.detail();
    if (status == bhttp::status::too_many_requests && detail.is_object() &&
        detail.contains("retry_after_s") && detail["retry_after_s"].is_number_integer())
        response.set(bhttp::field::retry_after, std::to_string(std::max<long long>(
                                                    1, detail["retry_after_s"].get<long long>())));
    return response;
}

}  // namespace decklist::http
