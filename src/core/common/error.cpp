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
    return {{"error", what()}, {"error_type", to_string(type_)}, {"detail", detail_}};
}

}  // namespace decklist
