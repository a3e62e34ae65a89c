#pragma once
// The decklist library: every saved decklist with its screenshot, its corrections and the
// columns that queries filter on. One interface, two backends: SQLite in a file under the
// data directory (the default, nothing to install) and PostgreSQL for several instances
// that share one library.
//
// Threading: a DecklistStore is shared by every thread of the process; each call is one
// transaction and may block on disk or on the database server, so the server calls it from
// its worker threads, never from a socket's strand. Writes are durable when a call returns.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace decklist {

// Where the library lives. An empty store_url means SQLite at <data_dir>/decklists.sqlite3.
struct StoreOptions {
    std::string data_dir = "data/library";
    std::string store_url;    // postgresql://user@host:port/db (libpq's URI form)
    bool keep_images = true;  // false: screenshots are not stored, only their SHA-256
    // true: every new save and every correction also writes a webhook delivery to the outbox,
    // in the same transaction, for a WebhookDispatcher to send (docs/LIBRARY_STORE.md).
    bool webhook_outbox = false;
};

// A decklist as the engine produced it, about to be saved.
struct NewDecklist {
    nlohmann::json decklist;              // the full decklist JSON (to_json(Decklist))
    std::span<const std::uint8_t> image;  // the screenshot as uploaded
    std::string image_sha256;             // lowercase hex of `image`
    std::string batch_id;                 // empty for single-image routes
    std::string owner, format_id;         // the Python service's form fields, may be empty
    std::string saved_by;                 // the author of revision 1
};

// One saved decklist. `decklist` is the JSON as last saved (the engine's, or a reviewer's
// correction of it); the other fields are its indexed columns.
struct StoredDecklist {
    std::string id;  // the decklist's decklist_id
    nlohmann::json decklist;
    int revision = 1;                    // 1 when saved, +1 per correction: the ETag
    std::string created_at, updated_at;  // ISO 8601 UTC, e.g. 2026-12-05T09:30:00.123Z
    std::string image_sha256;
    bool has_image = false;
    std::string batch_id, filename, owner, format_id;
    // Indexed copies of fields of `decklist`, for filters.
    std::string event, date, player, legend, deck_code;
    std::optional<int> placement;
    bool needs_review = false;
};

struct SaveResult {
    StoredDecklist stored;
    bool duplicate = false;  // the same image bytes were saved before: `stored` is that one
};

// A correction: the new decklist JSON (already checked and recomputed by the caller).
struct Correction {
    nlohmann::json decklist;
    int expected_revision = 0;  // from If-Match; the update is refused when it is stale
    std::string author;         // who made it (API key name, or the client's address)
    nlohmann::json changes;     // what changed, for the revision list
};

struct Revision {
    int number = 1;
    std::string author, at;
    nlohmann::json changes;  // {"kind": "saved"} for revision 1
};

enum class UpdateOutcome { updated, not_found, stale };
struct UpdateResult {
    UpdateOutcome outcome = UpdateOutcome::not_found;
    std::optional<StoredDecklist> stored;  // the new state when updated, the current when stale
};

// Filters of GET /api/v1/decklists; every set field must match. Newest first.
struct DecklistQuery {
    std::optional<std::string> event, legend, player;
    std::optional<std::string> date_from, date_to;  // YYYY-MM-DD, inclusive
    std::optional<bool> needs_review;
    std::optional<std::string> text;  // substring of deck name, event, player or a card name
    std::string cursor;               // from the previous page's next_cursor; empty: first page
    int limit = 50;                   // clamped to 1..200
};

struct DecklistPage {
    std::vector<StoredDecklist> items;
    std::string next_cursor;  // empty on the last page
};

struct EventSummary {
    std::string event;
    int decklists = 0;
    std::string first_date, last_date;
};

// One webhook delivery waiting in the outbox, as claim_deliveries() hands it out.
struct OutboxDelivery {
    std::string delivery_id;  // a UUID, the X-Delivery-ID of every attempt
    std::string decklist_id;
    int revision = 1;
    std::string kind;     // "decklist.saved" or "decklist.corrected"
    std::string payload;  // the request body, byte for byte the same on every attempt
    int attempts = 0;     // attempts made before this one
    std::chrono::system_clock::time_point created_at;
    std::string last_error;  // why the previous attempt failed; empty before the first
};

// Outbox rows by state, over the whole store (every instance sharing it).
struct OutboxCounts {
    std::int64_t pending = 0, delivered = 0, abandoned = 0;
};

class DecklistStore {
  public:
    virtual ~DecklistStore() = default;

    // Saves a decklist, or finds the one saved from the same image bytes (duplicate).
    // Error(validation) when the JSON has no decklist_id, when image_sha256 is not 64 hex
    // digits, or when that decklist_id was already saved from other bytes.
    virtual SaveResult save(const NewDecklist& decklist) = 0;
    // The decklist saved from an image with this SHA-256, if any: lets a route skip the OCR.
    virtual std::optional<StoredDecklist> find_by_image(std::string_view sha256) = 0;
    virtual std::optional<StoredDecklist> get(std::string_view id) = 0;
    // The screenshot's bytes; nullopt when unknown or not kept.
    virtual std::optional<std::vector<std::uint8_t>> image(std::string_view id) = 0;
    // Error(validation) for a cursor this store did not return or a date not YYYY-MM-DD.
    virtual DecklistPage list(const DecklistQuery& query) = 0;
    // False when there was no such decklist. Its revisions go with it, and its image.
    virtual bool remove(std::string_view id) = 0;
    virtual UpdateResult update(std::string_view id, const Correction& correction) = 0;
    virtual std::vector<Revision> revisions(std::string_view id) = 0;
    virtual std::vector<EventSummary> events() = 0;
    // Every decklist of one event, oldest first (exports and the meta view).
    virtual std::vector<StoredDecklist> event_decklists(std::string_view event) = 0;

    // The webhook outbox (written only with StoreOptions::webhook_outbox). Due pending
    // deliveries whose lease is free, oldest due first, at most `limit`; each is leased for
    // `lease`, so that no other caller (another instance on the same database included)
    // claims it until the lease runs out or its outcome is recorded.
    virtual std::vector<OutboxDelivery> claim_deliveries(int limit, std::chrono::seconds lease) = 0;
    // The outcome of one attempt. delivered and abandoned are final; a failure makes the
    // delivery due again at `next_attempt`. Each counts one attempt and frees the lease.
    virtual void delivery_succeeded(std::string_view delivery_id) = 0;
    virtual void delivery_failed(std::string_view delivery_id, std::string_view error,
                                 std::chrono::system_clock::time_point next_attempt) = 0;
    virtual void delivery_abandoned(std::string_view delivery_id, std::string_view error) = 0;
    virtual OutboxCounts outbox_counts() = 0;

    // "sqlite" or "postgresql", for /health and stats.
    virtual std::string_view backend() const noexcept = 0;
};

// Opens (creating when needed) and migrates the library. Throws decklist::Error(internal)
// naming the path or URL when it cannot.
std::unique_ptr<DecklistStore> open_decklist_store(const StoreOptions& options);

}  // namespace decklist
