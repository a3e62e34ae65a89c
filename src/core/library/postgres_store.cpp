// The library in PostgreSQL, for several server instances that share one library. Nothing
// is cached in the process: every call reads or writes the database in one transaction, so
// each instance sees the others' writes at once. A small pool of connections lets worker
// threads run their calls side by side; correctness under concurrency comes from the
// database (the unique index on image_sha256, the conditional UPDATE on revision), not from
// the pool.

#include <pqxx/pqxx>

#include <atomic>
#include <condition_variable>
#include <mutex>

#include "decklist/error.hpp"
#include "library/store_internal.hpp"

namespace decklist::library {
namespace {

// Two connections per core of the machines we run on; a call holds one for a millisecond or
// so, and a thread that finds none idle waits for one.
constexpr int kPgPoolSize = 4;

// Every this many saves an instance refreshes the planner's statistics of decklists itself.
// Autovacuum would, but only at its next round (a minute by default), and until then a
// library loaded in bulk is planned as if empty: a date range over 10,000 fresh rows took
// 18 ms through a bitmap scan and a sort instead of 5 ms walking seq backwards.
constexpr int kPgAnalyzeEverySaves = 1000;

// Taken by every migration transaction, so that two instances starting together on an
// empty database do not both create the tables ("decklist" in ASCII).
constexpr long long kPgMigrationLock = 0x6465636B6C697374LL;

// Every read selects these, in the order pg_read_row reads them. has_image is a scalar
// subquery rather than EXISTS, which the planner turns into a hash of the whole images table
// on every call (10 ms at 10,000 images, against 0.1 ms for index lookups of one page).
constexpr std::string_view kPgColumns =
    R"sql(d.id, d.decklist::text, d.revision,
          to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          to_char(d.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          d.image_sha256,
          (SELECT TRUE FROM images i WHERE i.sha256 = d.image_sha256) IS NOT NULL,
          d.batch_id, d.filename, d.owner, d.format_id, d.event, d."date", d.player, d.legend,
          d.deck_code, d.placement, d.needs_review, d.seq)sql";

std::string pg_text(const pqxx::field& field) {
    return field.is_null() ? std::string() : std::string(field.c_str(), field.size());
}

StoredDecklist pg_read_row(const pqxx::row& row, long long* seq = nullptr) {
    StoredDecklist d;
    d.id = pg_text(row[0]);
    d.decklist = parse_stored_json(std::string_view(row[1].c_str(), row[1].size()));
    d.revision = row[2].as<int>();
    d.created_at = pg_text(row[3]);
    d.updated_at = pg_text(row[4]);
    d.image_sha256 = pg_text(row[5]);
    d.has_image = row[6].as<bool>();
    d.batch_id = pg_text(row[7]);
    d.filename = pg_text(row[8]);
    d.owner = pg_text(row[9]);
    d.format_id = pg_text(row[10]);
    d.event = pg_text(row[11]);
    d.date = pg_text(row[12]);
    d.player = pg_text(row[13]);
    d.legend = pg_text(row[14]);
    d.deck_code = pg_text(row[15]);
    if (!row[16].is_null()) d.placement = row[16].as<int>();
    d.needs_review = row[17].as<bool>();
    if (seq) *seq = row[18].as<long long>();
    return d;
}

std::optional<StoredDecklist> pg_select_one(pqxx::work& tx, std::string_view where,
                                            const std::string& value) {
    const pqxx::result r = tx.exec_params(
        "SELECT " + std::string(kPgColumns) + " FROM decklists d WHERE " + std::string(where),
        value);
    if (r.empty()) return std::nullopt;
    return pg_read_row(r[0]);
}

class PgStore final : public DecklistStore {
  public:
    explicit PgStore(const StoreOptions& options);

    SaveResult save(const NewDecklist& decklist) override;
    std::optional<StoredDecklist> find_by_image(std::string_view sha256) override;
    std::optional<StoredDecklist> get(std::string_view id) override;
    std::optional<std::vector<std::uint8_t>> image(std::string_view id) override;
    DecklistPage list(const DecklistQuery& query) override;
    bool remove(std::string_view id) override;
    UpdateResult update(std::string_view id, const Correction& correction) override;
    std::vector<Revision> revisions(std::string_view id) override;
    std::vector<EventSummary> events() override;
    std::vector<StoredDecklist> event_decklists(std::string_view event) override;
    std::vector<OutboxDelivery> claim_deliveries(int limit, std::chrono::seconds lease) override;
    void delivery_succeeded(std::string_view delivery_id) override;
    void delivery_failed(std::string_view delivery_id, std::string_view error,
                         std::chrono::system_clock::time_point next_attempt) override;
    void delivery_abandoned(std::string_view delivery_id, std::string_view error) override;
    OutboxCounts outbox_counts() override;
    std::string_view backend() const noexcept override { return "postgresql"; }

  private:
    // A pooled connection for one call; back to the pool when the call ends, unless it broke.
    class Lease {
      public:
        Lease(PgStore& store, std::unique_ptr<pqxx::connection> connection)
            : store_(store), connection_(std::move(connection)) {}
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease() { store_.release(std::move(connection_)); }
        pqxx::connection& connection() { return *connection_; }

      private:
        PgStore& store_;
        std::unique_ptr<pqxx::connection> connection_;
    };

    // Runs `work` in one read-committed transaction and commits; a database failure becomes
    // Error(internal) naming the URL without its password. decklist::Errors pass unchanged.
    template <typename Work>
    auto transact(Work&& work) -> decltype(work(std::declval<pqxx::work&>()));

    std::unique_ptr<pqxx::connection> acquire();
    void release(std::unique_ptr<pqxx::connection> connection) noexcept;
    [[noreturn]] void fail(std::string_view what) const {
        throw Error(ErrorType::internal,
                    "decklist library " + shown_url_ + ": " + std::string(what));
    }
    void migrate();
    // Inside the caller's transaction, when the store keeps an outbox.
    void add_delivery(pqxx::work& tx, std::string_view kind, const std::string& decklist_id,
                      int revision, const nlohmann::json& decklist, const std::string& now);

    std::string url_, shown_url_;
    bool keep_images_ = true;
    bool webhook_outbox_ = false;
    std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<pqxx::connection>> idle_;
    int open_ = 0;  // idle and leased
    std::atomic<int> saves_since_analyze_{0};
};

PgStore::PgStore(const StoreOptions& options)
    : url_(options.store_url),
      shown_url_(redacted_url(options.store_url)),
      keep_images_(options.keep_images),
      webhook_outbox_(options.webhook_outbox) {
    migrate();
}

std::unique_ptr<pqxx::connection> PgStore::acquire() {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || open_ < kPgPoolSize; });
    if (!idle_.empty()) {
        std::unique_ptr<pqxx::connection> connection = std::move(idle_.back());
        idle_.pop_back();
        return connection;
    }
    ++open_;
    lock.unlock();
    try {
        return std::make_unique<pqxx::connection>(url_);
    } catch (const std::exception& e) {
        lock.lock();
        --open_;
        available_.notify_one();
        fail(std::string("cannot connect: ") + e.what());
    }
}

void PgStore::release(std::unique_ptr<pqxx::connection> connection) noexcept {
    std::lock_guard lock(mutex_);
    if (connection && connection->is_open())
        idle_.push_back(std::move(connection));
    else
        --open_;  // a broken connection is dropped; the next call opens a new one
    available_.notify_one();
}

template <typename Work>
auto PgStore::transact(Work&& work) -> decltype(work(std::declval<pqxx::work&>())) {
    Lease lease(*this, acquire());
    try {
        pqxx::work tx(lease.connection());
        auto result = work(tx);
        tx.commit();
        return result;
    } catch (const pqxx::pqxx_exception& e) {
        fail(e.base().what());
    }
}

void PgStore::migrate() {
    const auto& migrations = postgres_migrations();
    const int newest = transact([&](pqxx::work& tx) {
        tx.exec_params("SELECT pg_advisory_xact_lock($1)", kPgMigrationLock);
        tx.exec(R"sql(CREATE TABLE IF NOT EXISTS schema_migrations (
                          version INTEGER PRIMARY KEY,
                          description TEXT NOT NULL,
                          applied_at TIMESTAMPTZ NOT NULL DEFAULT now()))sql");
        const pqxx::result r = tx.exec("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
        return r[0][0].as<int>();
    });
    if (newest > migrations.back().version)
        fail("its schema version " + std::to_string(newest) + " is newer than this build's " +
             std::to_string(migrations.back().version));
    for (const Migration& migration : migrations) {
        transact([&](pqxx::work& tx) {
            tx.exec_params("SELECT pg_advisory_xact_lock($1)", kPgMigrationLock);
            if (!tx.exec_params("SELECT 1 FROM schema_migrations WHERE version = $1",
                                migration.version)
                     .empty())
                return false;
            for (std::string_view sql : migration.statements) tx.exec(std::string(sql));
            tx.exec_params("INSERT INTO schema_migrations (version, description) VALUES ($1, $2)",
                           migration.version, std::string(migration.description));
            return true;
        });
    }
}

SaveResult PgStore::save(const NewDecklist& decklist) {
    const std::string sha = checked_sha256(decklist.image_sha256);
    const DecklistColumns c = decklist_columns(decklist.decklist);
    if (c.id.empty())
        throw Error(ErrorType::validation, "the decklist has no decklist_id",
                    {{"field", "decklist_id"}});
    const std::string json = stored_json(decklist.decklist);
    const std::string now = utc_now_iso8601();

    SaveResult result = transact([&](pqxx::work& tx) -> SaveResult {
        // ON CONFLICT waits for a concurrent save of the same bytes to commit and then does
        // nothing, so the row it made is visible to the next statement. Should that row be
        // removed in between, the insert is tried again.
        for (int attempt = 0; attempt < 3; ++attempt) {
            pqxx::result inserted;
            try {
                inserted = tx.exec_params(
                    R"sql(INSERT INTO decklists (id, decklist, revision, created_at, updated_at,
                              image_sha256, batch_id, filename, owner, format_id, event, "date",
                              player, legend, deck_code, placement, needs_review, search_text)
                          VALUES ($1, $2::jsonb, 1, $3::timestamptz, $3::timestamptz, $4, $5, $6,
                                  $7, $8, $9, $10, $11, $12, $13, $14::integer, $15::boolean,
                                  lower($16))
                          ON CONFLICT (image_sha256) DO NOTHING RETURNING seq)sql",
                    c.id, json, now, sha, decklist.batch_id, c.filename, decklist.owner,
                    decklist.format_id, c.event, c.date, c.player, c.legend, c.deck_code,
                    c.placement, c.needs_review, c.search_text);
            } catch (const pqxx::unique_violation&) {
                // The only other unique key a new row can collide on is its id.
                throw Error(ErrorType::validation,
                            "decklist " + c.id + " is already saved, from other image bytes",
                            {{"field", "decklist_id"}});
            }
            if (inserted.empty()) {
                if (auto existing = pg_select_one(tx, "d.image_sha256 = $1", sha))
                    return {std::move(*existing), true};
                continue;
            }
            if (keep_images_)
                tx.exec_params(
                    "INSERT INTO images (sha256, bytes) VALUES ($1, $2) "
                    "ON CONFLICT (sha256) DO NOTHING",
                    sha, pqxx::binarystring(decklist.image.data(), decklist.image.size()));
            tx.exec_params(
                "INSERT INTO revisions (decklist_id, number, author, at, changes) "
                R"(VALUES ($1, 1, $2, $3::timestamptz, '{"kind":"saved"}'::jsonb))",
                c.id, decklist.saved_by, now);
            add_delivery(tx, kOutboxSaved, c.id, 1, decklist.decklist, now);
            return {std::move(*pg_select_one(tx, "d.id = $1", c.id)), false};
        }
        fail("image " + sha + " was saved and removed again while saving it; try again");
    });
    if (!result.duplicate && ++saves_since_analyze_ % kPgAnalyzeEverySaves == 0) {
        try {
            transact([](pqxx::work& tx) {
                tx.exec("ANALYZE decklists");
                return true;
            });
        } catch (const Error&) {
            // Only the statistics are late; autovacuum refreshes them too.
        }
    }
    return result;
}

std::optional<StoredDecklist> PgStore::find_by_image(std::string_view sha256) {
    std::string sha(sha256);
    for (char& ch : sha)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return transact([&](pqxx::work& tx) { return pg_select_one(tx, "d.image_sha256 = $1", sha); });
}

std::optional<StoredDecklist> PgStore::get(std::string_view id) {
    const std::string key(id);
    return transact([&](pqxx::work& tx) { return pg_select_one(tx, "d.id = $1", key); });
}

std::optional<std::vector<std::uint8_t>> PgStore::image(std::string_view id) {
    const std::string key(id);
    return transact([&](pqxx::work& tx) -> std::optional<std::vector<std::uint8_t>> {
        const pqxx::result r = tx.exec_params(
            "SELECT i.bytes FROM decklists d JOIN images i ON i.sha256 = d.image_sha256 "
            "WHERE d.id = $1",
            key);
        if (r.empty()) return std::nullopt;
        const pqxx::binarystring bytes(r[0][0]);
        return std::vector<std::uint8_t>(bytes.data(), bytes.data() + bytes.size());
    });
}

DecklistPage PgStore::list(const DecklistQuery& query) {
    check_query(query);
    const std::optional<std::int64_t> after = decode_cursor(query.cursor);
    const int limit = clamp_limit(query.limit);

    // The filters pick the page's seqs first, and only those rows are read whole. Until the
    // table has statistics (a fresh or bulk-loaded library, before autovacuum analyses it)
    // the planner may filter through an index and sort; it then converts the JSON of every
    // matching row to text before sorting (200 ms for 7,700 rows), where this sorts seqs.
    std::string sql = "SELECT " + std::string(kPgColumns) +
                      " FROM decklists d WHERE d.seq IN (SELECT f.seq FROM decklists f WHERE TRUE";
    std::vector<std::string> params;
    // `condition` holds "{}" where the parameter's placeholder goes.
    auto where = [&](std::string_view condition, std::string value) {
        params.push_back(std::move(value));
        const std::string placeholder = "$" + std::to_string(params.size());
        const auto at = condition.find("{}");
        sql += " AND ";
        sql += condition.substr(0, at);
        sql += placeholder;
        sql += condition.substr(at + 2);
    };
    if (query.event) where("f.event = {}", *query.event);
    if (query.legend) where("f.legend = {}", *query.legend);
    if (query.player) where("f.player = {}", *query.player);
    if (query.date_from) where(R"(f."date" >= {})", *query.date_from);
    if (query.date_to) where(R"(f."date" <= {})", *query.date_to);
    if (query.needs_review)
        where("f.needs_review = {}::boolean", *query.needs_review ? "true" : "false");
    // search_text is stored lowercased: LIKE on lower(text) is what ILIKE does, without
    // lowercasing every row's text again on every call.
    if (query.text && !query.text->empty())
        where(R"(f.search_text LIKE lower({}) ESCAPE '\')", like_contains_pattern(*query.text));
    if (after) where("f.seq < {}::bigint", std::to_string(*after));
    params.push_back(std::to_string(limit + 1));  // one more tells whether a next page exists
    sql += " ORDER BY f.seq DESC LIMIT $" + std::to_string(params.size()) +
           "::integer) ORDER BY d.seq DESC";

    return transact([&](pqxx::work& tx) {
        const pqxx::result r = tx.exec_params(sql, pqxx::prepare::make_dynamic_params(params));
        DecklistPage page;
        long long last_seq = 0;
        for (const pqxx::row& row : r) {
            if (static_cast<int>(page.items.size()) == limit) {
                page.next_cursor = encode_cursor(last_seq);
                break;
            }
            page.items.push_back(pg_read_row(row, &last_seq));
        }
        return page;
    });
}

bool PgStore::remove(std::string_view id) {
    const std::string key(id);
    return transact([&](pqxx::work& tx) {
        // Its revisions go with it (ON DELETE CASCADE); its image only when nobody else uses
        // it.
        const pqxx::result r =
            tx.exec_params("DELETE FROM decklists WHERE id = $1 RETURNING image_sha256", key);
        if (r.empty()) return false;
        tx.exec_params(
            "DELETE FROM images WHERE sha256 = $1 AND NOT EXISTS "
            "(SELECT 1 FROM decklists WHERE image_sha256 = $1)",
            pg_text(r[0][0]));
        return true;
    });
}

UpdateResult PgStore::update(std::string_view id, const Correction& correction) {
    const std::string key(id);
    const DecklistColumns c = decklist_columns(correction.decklist);
    const std::string json = stored_json(correction.decklist);
    const std::string changes =
        stored_json(correction.changes.is_null() ? nlohmann::json::object() : correction.changes);
    const std::string now = utc_now_iso8601();

    return transact([&](pqxx::work& tx) -> UpdateResult {
        // The revision check is part of the UPDATE: a concurrent update of the row makes this
        // one wait, then re-check the condition against the committed row and change nothing.
        const pqxx::result updated = tx.exec_params(
            R"sql(UPDATE decklists SET decklist = $1::jsonb, revision = revision + 1,
                      updated_at = $2::timestamptz, event = $3, "date" = $4, player = $5,
                      legend = $6, deck_code = $7, placement = $8::integer,
                      needs_review = $9::boolean, search_text = lower($10)
                  WHERE id = $11 AND revision = $12::integer)sql",
            json, now, c.event, c.date, c.player, c.legend, c.deck_code, c.placement,
            c.needs_review, c.search_text, key, correction.expected_revision);
        if (updated.affected_rows() == 0) {
            std::optional<StoredDecklist> current = pg_select_one(tx, "d.id = $1", key);
            if (!current) return {UpdateOutcome::not_found, std::nullopt};
            return {UpdateOutcome::stale, std::move(current)};
        }
        tx.exec_params(
            "INSERT INTO revisions (decklist_id, number, author, at, changes) "
            "VALUES ($1, $2::integer, $3, $4::timestamptz, $5::jsonb)",
            key, correction.expected_revision + 1, correction.author, now, changes);
        add_delivery(tx, kOutboxCorrected, key, correction.expected_revision + 1,
                     correction.decklist, now);
        return {UpdateOutcome::updated, pg_select_one(tx, "d.id = $1", key)};
    });
}

std::vector<Revision> PgStore::revisions(std::string_view id) {
    const std::string key(id);
    return transact([&](pqxx::work& tx) {
        const pqxx::result r = tx.exec_params(
            R"sql(SELECT number, author,
                         to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                         changes::text
                  FROM revisions WHERE decklist_id = $1 ORDER BY number)sql",
            key);
        std::vector<Revision> out;
        for (const pqxx::row& row : r) {
            Revision revision;
            revision.number = row[0].as<int>();
            revision.author = pg_text(row[1]);
            revision.at = pg_text(row[2]);
            revision.changes = parse_stored_json(std::string_view(row[3].c_str(), row[3].size()));
            out.push_back(std::move(revision));
        }
        return out;
    });
}

std::vector<EventSummary> PgStore::events() {
    return transact([&](pqxx::work& tx) {
        const pqxx::result r = tx.exec(
            R"sql(SELECT event, COUNT(*), MIN("date"), MAX("date") FROM decklists
                  WHERE event IS NOT NULL AND event <> ''
                  GROUP BY event ORDER BY MAX("date") DESC NULLS LAST, event)sql");
        std::vector<EventSummary> out;
        for (const pqxx::row& row : r)
            out.push_back({pg_text(row[0]), row[1].as<int>(), pg_text(row[2]), pg_text(row[3])});
        return out;
    });
}

std::vector<StoredDecklist> PgStore::event_decklists(std::string_view event) {
    const std::string key(event);
    return transact([&](pqxx::work& tx) {
        const pqxx::result r =
            tx.exec_params("SELECT " + std::string(kPgColumns) +
                               " FROM decklists d WHERE d.event = $1 ORDER BY d.seq",
                           key);
        std::vector<StoredDecklist> out;
        for (const pqxx::row& row : r) out.push_back(pg_read_row(row));
        return out;
    });
}

void PgStore::add_delivery(pqxx::work& tx, std::string_view kind, const std::string& decklist_id,
                           int revision, const nlohmann::json& decklist, const std::string& now) {
    if (!webhook_outbox_) return;
    const OutboxEntry entry = outbox_entry(kind, decklist_id, revision, decklist, now);
    tx.exec_params(
        R"sql(INSERT INTO webhook_outbox (delivery_id, decklist_id, revision, kind, created_at,
                  next_attempt_at, payload)
              VALUES ($1, $2, $3::integer, $4, $5::timestamptz, $5::timestamptz, $6))sql",
        entry.delivery_id, decklist_id, revision, entry.kind, now, entry.payload);
}

std::vector<OutboxDelivery> PgStore::claim_deliveries(int limit, std::chrono::seconds lease) {
    const auto now = std::chrono::system_clock::now();
    const std::string now_text = utc_iso8601(now);
    const std::string lease_until = utc_iso8601(now + lease);
    return transact([&](pqxx::work& tx) {
        // SKIP LOCKED: an instance claiming at the same moment passes over the rows this one
        // is leasing instead of waiting for them, and takes the next ones.
        const pqxx::result r = tx.exec_params(
            R"sql(UPDATE webhook_outbox o SET lease_until = $2::timestamptz
                  FROM (SELECT delivery_id FROM webhook_outbox
                        WHERE state = 'pending' AND next_attempt_at <= $1::timestamptz
                          AND (lease_until IS NULL OR lease_until <= $1::timestamptz)
                        ORDER BY next_attempt_at LIMIT $3::integer
                        FOR UPDATE SKIP LOCKED) due
                  WHERE o.delivery_id = due.delivery_id
                  RETURNING o.delivery_id, o.decklist_id, o.revision, o.kind, o.payload,
                            o.attempts,
                            (extract(epoch FROM o.created_at) * 1000)::bigint,
                            o.last_error)sql",
            now_text, lease_until, limit < 1 ? 1 : limit);
        std::vector<OutboxDelivery> out;
        for (const pqxx::row& row : r) {
            OutboxDelivery d;
            d.delivery_id = pg_text(row[0]);
            d.decklist_id = pg_text(row[1]);
            d.revision = row[2].as<int>();
            d.kind = pg_text(row[3]);
            d.payload = pg_text(row[4]);
            d.attempts = row[5].as<int>();
            d.created_at = std::chrono::system_clock::time_point(
                std::chrono::milliseconds(row[6].as<long long>()));
            d.last_error = pg_text(row[7]);
            out.push_back(std::move(d));
        }
        return out;
    });
}

void PgStore::delivery_succeeded(std::string_view delivery_id) {
    const std::string key(delivery_id);
    const std::string now = utc_now_iso8601();
    transact([&](pqxx::work& tx) {
        tx.exec_params(
            R"sql(UPDATE webhook_outbox SET state = 'delivered', attempts = attempts + 1,
                      lease_until = NULL, finished_at = $2::timestamptz
                  WHERE delivery_id = $1 AND state = 'pending')sql",
            key, now);
        return true;
    });
}

void PgStore::delivery_failed(std::string_view delivery_id, std::string_view error,
                              std::chrono::system_clock::time_point next_attempt) {
    const std::string key(delivery_id), reason(error);
    const std::string when = utc_iso8601(next_attempt);
    transact([&](pqxx::work& tx) {
        tx.exec_params(
            R"sql(UPDATE webhook_outbox SET attempts = attempts + 1, lease_until = NULL,
                      last_error = $2, next_attempt_at = $3::timestamptz
                  WHERE delivery_id = $1 AND state = 'pending')sql",
            key, reason, when);
        return true;
    });
}

void PgStore::delivery_abandoned(std::string_view delivery_id, std::string_view error) {
    const std::string key(delivery_id), reason(error);
    const std::string now = utc_now_iso8601();
    transact([&](pqxx::work& tx) {
        tx.exec_params(
            R"sql(UPDATE webhook_outbox SET state = 'abandoned', attempts = attempts + 1,
                      lease_until = NULL, last_error = $2, finished_at = $3::timestamptz
                  WHERE delivery_id = $1 AND state = 'pending')sql",
            key, reason, now);
        return true;
    });
}

OutboxCounts PgStore::outbox_counts() {
    return transact([&](pqxx::work& tx) {
        const pqxx::result r = tx.exec("SELECT state, COUNT(*) FROM webhook_outbox GROUP BY state");
        OutboxCounts counts;
        for (const pqxx::row& row : r) {
            const std::string state = pg_text(row[0]);
            (state == "pending"     ? counts.pending
             : state == "delivered" ? counts.delivered
                                    : counts.abandoned) = row[1].as<long long>();
        }
        return counts;
    });
}

}  // namespace

std::unique_ptr<DecklistStore> open_postgres_store(const StoreOptions& options) {
    return std::make_unique<PgStore>(options);
}

}  // namespace decklist::library
