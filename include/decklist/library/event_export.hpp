#pragma once
// One event's saved decklists as a file to download (GET /api/v1/events/{event}/export):
// a CSV for spreadsheets, the decklists' JSON, or their text lists one after the other.
// Pure functions over what the store returned; docs/EXPORTS.md describes every format.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "decklist/library/decklist_store.hpp"

namespace decklist {

enum class EventExportFormat { csv, json, txt };

// "csv", "json" or "txt"; nullopt for any other name.
std::optional<EventExportFormat> event_export_format(std::string_view name);

struct EventExport {
    std::string body;
    std::string content_type;    // "text/csv; charset=utf-8", "application/json", ...
    std::string file_extension;  // "csv", "json", "txt" (no dot)
};

// The decklists in the order given (the store's: oldest first). Tolerates decklist JSON
// that lacks a section or a field: what is missing is left empty, never an error.
EventExport export_event(std::string_view event, const std::vector<StoredDecklist>& decklists,
                         EventExportFormat format);

}  // namespace decklist
