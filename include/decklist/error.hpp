#pragma once
// One error vocabulary for the engine, the batch runner and the HTTP layer, so that a
// failure is described the same way in a JSON body, an SSE error event and the CLI.

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>

namespace decklist {

// The engine's own kinds of failure.
enum class ErrorType {
    validation,         // the input is not acceptable (bad image bytes, bad field)
    limit,              // a size or count limit was exceeded
    processing,         // the image is valid but holds no readable decklist
    timeout,            // processing took longer than allowed
    cancelled,          // the client went away or asked to stop
    upload_incomplete,  // the request body ended (stalled, cut off) before this file did
    not_found,
    internal,
};

constexpr std::string_view to_string(ErrorType type) noexcept {
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
        case ErrorType::internal:
            return "internal";
    }
    return "internal";
}

// What kind of failure an error is: one of the engine's types, or a kind that a layer above
// the engine names for itself (the HTTP layer's "unauthorized"), so that the engine holds no
// vocabulary of the layers that use it. The category is the nearest engine type, and all
// that the engine looks at; the name is what clients see as "error_type".
class ErrorKind {
  public:
    constexpr ErrorKind(ErrorType type) noexcept  // NOLINT: every engine type is a kind
        : category_(type), name_(to_string(type)) {}
    // `name` must outlive every error of this kind: a string literal.
    constexpr ErrorKind(ErrorType category, std::string_view name) noexcept
        : category_(category), name_(name) {}

    constexpr ErrorType category() const noexcept { return category_; }
    constexpr std::string_view name() const noexcept { return name_; }

    // Two kinds are the same when clients would see the same error_type.
    friend constexpr bool operator==(ErrorKind a, ErrorKind b) noexcept {
        return a.name_ == b.name_;
    }

  private:
    ErrorType category_;
    std::string_view name_;
};

class Error : public std::runtime_error {
  public:
    Error(ErrorKind kind, std::string message, nlohmann::json detail = nlohmann::json::object())
        : std::runtime_error(std::move(message)), kind_(kind), detail_(std::move(detail)) {}

    ErrorKind kind() const noexcept { return kind_; }
    ErrorType type() const noexcept { return kind_.category(); }
    // Machine-readable facts about the failure, an object. In the JSON body they become
    // top-level fields; the body's "detail" is the message.
    const nlohmann::json& detail() const noexcept { return detail_; }

    // The body every JSON error response carries: {"error": message, "error_type",
    // "detail": the message again (FastAPI clients show `detail`)}, plus each key of detail()
    // at the top level (e.g. "retry_after_s", "reason", "limit_bytes").
    nlohmann::json to_json() const;

  private:
    ErrorKind kind_;
    nlohmann::json detail_;
};

}  // namespace decklist
