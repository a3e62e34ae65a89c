#pragma once
// One error vocabulary for the engine, the batch runner and the HTTP layer, so that a
// failure is described the same way in a JSON body, an SSE error event and the CLI.

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace decklist {

enum class ErrorType {
    validation,              // the input is not acceptable (bad image bytes, bad field)
    limit,                   // a size or count limit was exceeded
    processing,              // the image is valid but holds no readable decklist
    timeout,                 // processing took longer than allowed
    cancelled,               // the client went away or asked to stop
    upload_incomplete,       // the request body ended (stalled, cut off) before this file did
    not_found,
    method,
    unsupported_media_type,
    unauthorized,
    rate_limited,
    internal,
};

std::string_view to_string(ErrorType type) noexcept;

class Error : public std::runtime_error {
public:
    Error(ErrorType type, std::string message, nlohmann::json detail = nlohmann::json::object())
        : std::runtime_error(std::move(message)), type_(type), detail_(std::move(detail)) {}

    ErrorType type() const noexcept { return type_; }
    // Machine-readable facts about the failure, an object. In the JSON body they become
    // top-level fields; the body's "detail" is the message.
    const nlohmann::json& detail() const noexcept { return detail_; }

    // The body every JSON error response carries: {"error": message, "error_type",
    // "detail": the message again (FastAPI clients show `detail`)}, plus each key of detail()
    // at the top level (e.g. "retry_after_s", "reason", "limit_bytes").
    nlohmann::json to_json() const;

private:
    ErrorType type_;
    nlohmann::json detail_;
};

}  // namespace decklist
