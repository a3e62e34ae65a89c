#include "decklist/batch/events.hpp"

namespace decklist {

std::string_view to_string(ImageStatus status) noexcept {
    switch (status) {
        case ImageStatus::validating:
            return "validating";
        case ImageStatus::processing:
            return "processing";
    }
    return "processing";
}

std::string_view event_name(const BatchEvent& event) noexcept {
    struct Name {
        std::string_view operator()(const ProgressEvent&) const { return "progress"; }
        std::string_view operator()(const ResultEvent&) const { return "result"; }
        std::string_view operator()(const ErrorEvent&) const { return "error"; }
        std::string_view operator()(const CompleteEvent&) const { return "complete"; }
    };
    return std::visit(Name{}, event);
}

nlohmann::json to_json(const ProgressEvent& event) {
    return {{"index", event.index},
            {"current", event.current},
            {"total", event.total},
            {"filename", event.filename},
            {"status", to_string(event.status)}};
}

nlohmann::json to_json(const ResultEvent& event) {
    return {{"index", event.index},
            {"filename", event.filename},
            {"decklist", to_json(event.decklist)}};
}

nlohmann::json to_json(const ErrorEvent& event) {
    nlohmann::json out = {{"index", event.index},
                          {"filename", event.filename},
                          {"error", event.error},
                          {"error_type", event.error_type.name()}};
    if (const auto wait = event.detail.find("retry_after_s");
        wait != event.detail.end() && wait->is_number_integer())
        out["retry_after_s"] = *wait;
    return out;
}

nlohmann::json to_json(const CompleteEvent& event) {
    nlohmann::json accuracy = nullptr;
    if (event.average_accuracy) accuracy = *event.average_accuracy;
    return {{"total", event.total},
            {"successful", event.successful},
            {"failed", event.failed},
            {"cancelled", event.cancelled},
            {"average_accuracy", accuracy},
            {"processing_time_seconds", event.processing_time_seconds},
            {"upload_complete", event.upload_complete},
            {"needs_review", event.needs_review}};
}

nlohmann::json to_json(const BatchEvent& event) {
    return std::visit([](const auto& e) { return to_json(e); }, event);
}

}  // namespace decklist
