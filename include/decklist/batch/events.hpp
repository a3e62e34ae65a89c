#pragma once
// The events a batch emits, one type each, and the single place they become JSON.
// The SSE endpoints, the resumable batch store and /process-batch all speak these, and
// docs/schemas/<name>.json describes each one (the integration tests validate against them).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "decklist/decklist.hpp"
#include "decklist/error.hpp"

namespace decklist {

enum class ImageStatus { validating, processing };

// Sent once per image before its result or error (or, with ProgressDetail::per_stage, when
// it enters each stage). `current` is the image's 1-based position in the upload. `total` is
// the number of files in the request; only a full-duplex stream, which emits while the upload
// still arrives, sends the number known so far (the complete event carries the final count).
struct ProgressEvent {
    std::size_t index = 0;  // 0-based upload position
    std::size_t current = 0;
    std::size_t total = 0;
    std::string filename;
    ImageStatus status = ImageStatus::validating;
};

struct ResultEvent {
    std::size_t index = 0;
    std::string filename;
    Decklist decklist;
};

// error_type is one of the engine's ErrorTypes, or a kind the layer that started the batch
// named (the HTTP layer's rate_limited).
struct ErrorEvent {
    std::size_t index = 0;
    std::string filename;
    std::string error;
    ErrorKind error_type = ErrorType::internal;
    // The Error's detail, kept whole so that a one-image route answers with the error as it
    // was raised. The event itself publishes only `retry_after_s` from it (rate_limited: when
    // sending the file again may work).
    nlohmann::json detail = nlohmann::json::object();
};

// Always the last event of a batch, sent exactly once.
struct CompleteEvent {
    std::size_t total = 0;
    std::size_t successful = 0;
    std::size_t failed = 0;  // errors other than cancelled
    std::size_t cancelled = 0;
    std::optional<double> average_accuracy;  // mean of stats.accuracy over results; null if none
    double processing_time_seconds = 0;
    bool upload_complete = true;   // false: the upload broke off before its end
    std::size_t needs_review = 0;  // results whose decklist.needs_review is true
};

using BatchEvent = std::variant<ProgressEvent, ResultEvent, ErrorEvent, CompleteEvent>;

std::string_view to_string(ImageStatus status) noexcept;
// The SSE event name: "progress", "result", "error", "complete".
std::string_view event_name(const BatchEvent& event) noexcept;

nlohmann::json to_json(const ProgressEvent& event);
nlohmann::json to_json(const ResultEvent& event);
nlohmann::json to_json(const ErrorEvent& event);
nlohmann::json to_json(const CompleteEvent& event);
nlohmann::json to_json(const BatchEvent& event);

}  // namespace decklist
