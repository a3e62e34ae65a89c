#pragma once
// What the two backends of the decklist library share: the columns a decklist's JSON fills,
// the cursor and query checks, and the migrations (docs/LIBRARY_STORE.md). Private to
// src/core/library.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "decklist/library/decklist_store.hpp"

namespace decklist::library {

// The indexed columns of one decklist, read from its JSON (src/core/decklist/to_json.cpp).
// Absent metadata is nullopt and stored as NULL, so that filters and date ranges skip it.
struct DecklistColumns {
    std::string id;  // decklist_id
    std::string filename;
    std::optional<std::string> event, date, player, legend, deck_code;
    std::optional<int> placement;
    bool needs_review = false;
    // Deck name, event, player and every card's names, one per line: what `text` searches.
    // A column of its own rather than the JSON text, so that a query such as "name" does not
    // match every JSON key, and the scan reads about 1 KB per row instead of the whole JSON.
    std::string search_text;
};

DecklistColumns decklist_columns(const nlohmann::json& decklist);

// The JSON as stored: invalid UTF-8 (which the engine never produces) is replaced rather
// than thrown on, so that a stored decklist can always be read back.
std::string stored_json(const nlohmann::json& decklist);
nlohmann::json parse_stored_json(std::string_view text);

// Now, ISO 8601 UTC with milliseconds: 2026-12-05T09:30:00.123Z. Text in this one form
// sorts as the times do, which the SQLite outbox's due and lease comparisons rely on.
std::string utc_now_iso8601();
std::string utc_iso8601(std::chrono::system_clock::time_point time);
// The inverse of utc_iso8601; Error(internal) for anything else.
std::chrono::system_clock::time_point parse_utc_iso8601(std::string_view text);

// A webhook delivery about to be written to the outbox together with the save or correction
// it announces: its id and the request body, fixed now so that every attempt sends the same
// bytes under the same signature.
struct OutboxEntry {
    std::string delivery_id;
    std::string kind;  // kOutboxSaved or kOutboxCorrected
    std::string payload;
};
constexpr std::string_view kOutboxSaved = "decklist.saved";
constexpr std::string_view kOutboxCorrected = "decklist.corrected";
// {"event", "delivery_id", "decklist_id", "revision", "decklist", "created_at"}.
OutboxEntry outbox_entry(std::string_view kind, const std::string& decklist_id, int revision,
                         const nlohmann::json& decklist, const std::string& created_at);

// The cursor is the last row's seq in decimal; empty means the first page. A malformed one
// throws Error(validation).
std::string encode_cursor(std::int64_t seq);
std::optional<std::int64_t> decode_cursor(std::string_view cursor);

constexpr int kMaxListLimit = 200;
int clamp_limit(int limit) noexcept;

// A LIKE pattern matching `text` anywhere, with %, _ and the escape character \ escaped.
// Used with ESCAPE '\' on both backends.
std::string like_contains_pattern(std::string_view text);

// Lowercase 64-digit hex, or Error(validation).
std::string checked_sha256(std::string_view sha256);

// Throws Error(validation) on a date bound that is not YYYY-MM-DD.
void check_query(const DecklistQuery& query);

// The URL with its password, if any, replaced by "***", for error messages and logs.
std::string redacted_url(std::string_view url);

// One schema version: its statements run in one transaction together with the row that
// records it in schema_migrations.
struct Migration {
    int version;
    std::string_view description;
    std::vector<std::string_view> statements;
};
const std::vector<Migration>& sqlite_migrations();
const std::vector<Migration>& postgres_migrations();

std::unique_ptr<DecklistStore> open_sqlite_store(const StoreOptions& options);
std::unique_ptr<DecklistStore> open_postgres_store(const StoreOptions& options);

}  // namespace decklist::library
