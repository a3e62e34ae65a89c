#include "decklist/error.hpp"

namespace decklist {

std::string_view to_string(ErrorType type) noexcept {
    switch (type) {
        case ErrorType::validation:
            return "validation";
        case ErrorType::limit:
            return "limit";
        case ErrorType::processing:
            return "processing";
        case ErrorType::timeout:
            return "timeout";
        case ErrorType::cancelled:
            return "cancelled";
        case ErrorType::upload_incomplete:
            return "upload_incomplete";
        case ErrorType::not_found:
            return "not_found";
        case ErrorType::method:
            return "method";
        case ErrorType::unsupported_media_type:
            return "unsupported_media_type";
        case ErrorType::unauthorized:
            return "unauthorized";
        case ErrorType::rate_limited:
            return "rate_limited";
        case ErrorType::internal:
            return "internal";
    }
    return "internal";
}

nlohmann::json Error::to_json() const {
    // The facts sit beside the message, as retry_after_s does in an error event; the three
    // message fields are written last, so that no fact can replace them.
    nlohmann::json out = detail_.is_object() ? detail_ : nlohmann::json::object();
    out["error"] = what();
    out["error_type"] = to_string(type_);
    out["detail"] = what();
    return out;
}

}  // namespace decklist
