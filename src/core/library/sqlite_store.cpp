// The library in one SQLite file, <data_dir>/decklists.sqlite3: the default, nothing to
// install. One connection behind a mutex: every call is a short transaction (a page of 50
// from 10,000 decklists takes about 4 ms, most of it parsing their JSON; a save under 1 ms),
// far below the OCR that precedes a save. Write transactions begin IMMEDIATE, so that a second
// process on the same file waits for the lock (busy_timeout) instead of failing halfway through.

#include <sqlite3.h>

#include <filesystem>
#include <mutex>
#include <unordered_map>
#include <variant>

#include "decklist/error.hpp"
#include "library/store_internal.hpp"

namespace decklist::library {
namespace {

// How long a write waits for another process's transaction on the same file.
constexpr int kSqliteBusyTimeoutMs = 5000;

// Every read selects these, in the order SqliteStore::read_row reads them.
constexpr std::string_view kSqliteColumns =
    R"sql(d.id, d.decklist, d.revision, d.created_at, d.updated_at, d.image_sha256,
          EXISTS (SELECT 1 FROM images i WHERE i.sha256 = d.image_sha256), d.batch_id,
          d.filename, d.owner, d.format_id, d.event, d."date", d.player, d.legend,
          d.deck_code, d.placement, d.needs_review, d.seq)sql";

using SqliteParam = std::variant<std::string, std::int64_t>;

class SqliteStore;

// A prepared statement from the store's cache: bound in order, reset and unbound when this
// object goes, so that an exception between two steps leaves nothing half-run.
class SqliteStatement {
  public:
    SqliteStatement(const SqliteStore& store, sqlite3_stmt* statement)
        : store_(store), statement_(statement) {}
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;
    ~SqliteStatement() {
        sqlite3_reset(statement_);
        sqlite3_clear_bindings(statement_);
    }

    SqliteStatement& bind(std::string_view text);
    SqliteStatement& bind(const std::string& text) { return bind(std::string_view(text)); }
    SqliteStatement& bind(std::int64_t number);
    SqliteStatement& bind(const std::optional<std::string>& text);
    SqliteStatement& bind(std::optional<int> number);
    SqliteStatement& bind_blob(std::span<const std::uint8_t> bytes);
    // The indexed columns, in the order every statement names them: event, date, player,
    // legend, deck_code, placement, needs_review, search_text.
    SqliteStatement& bind_columns(const DecklistColumns& c) {
        return bind(c.event)
            .bind(c.date)
            .bind(c.player)
            .bind(c.legend)
            .bind(c.deck_code)
            .bind(c.placement)
            .bind(std::int64_t{c.needs_review ? 1 : 0})
            .bind(c.search_text);
    }
    SqliteStatement& bind(const SqliteParam& param) {
        return std::visit([this](const auto& value) -> SqliteStatement& { return bind(value); },
                          param);
    }

    // True while there is a row to read.
    bool step();
    void run() {
        while (step()) {
        }
    }

    bool is_null(int column) const {
        return sqlite3_column_type(statement_, column) == SQLITE_NULL;
    }
    std::string text(int column) const {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
        return p ? std::string(p,
                               static_cast<std::size_t>(sqlite3_column_bytes(statement_, column)))
                 : std::string();
    }
    std::int64_t integer(int column) const { return sqlite3_column_int64(statement_, column); }
    std::vector<std::uint8_t> blob(int column) const {
        const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(statement_, column));
        const auto n = static_cast<std::size_t>(sqlite3_column_bytes(statement_, column));
        return p ? std::vector<std::uint8_t>(p, p + n) : std::vector<std::uint8_t>();
    }

  private:
    void check_bind(int rc);

    const SqliteStore& store_;
    sqlite3_stmt* statement_;
    int next_ = 1;
};

class SqliteStore final : public DecklistStore {
  public:
    explicit SqliteStore(const StoreOptions& options);
    ~SqliteStore() override;

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
    std::string_view backend() const noexcept override { return "sqlite"; }

    // `doing` is what failed, often the statement: its first words are enough to find it.
    [[noreturn]] void fail(std::string_view doing) const {
        std::string what;
        for (char ch : doing.substr(0, 60)) {
            const bool space = ch == ' ' || ch == '\n' || ch == '\t';
            if (!space || (!what.empty() && what.back() != ' ')) what += space ? ' ' : ch;
        }
        throw Error(ErrorType::internal,
                    "decklist library " + path_ + ": " + what + ": " + sqlite3_errmsg(db_));
    }
    void exec(const std::string& sql) {
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail(sql);
    }

  private:
    // A transaction that rolls back unless committed.
    class Transaction {
      public:
        Transaction(SqliteStore& store, bool write) : store_(store) {
            store_.exec(write ? "BEGIN IMMEDIATE" : "BEGIN");
        }
        Transaction(const Transaction&) = delete;
        Transaction& operator=(const Transaction&) = delete;
        ~Transaction() {
            if (!done_) sqlite3_exec(store_.db_, "ROLLBACK", nullptr, nullptr, nullptr);
        }
        void commit() {
            store_.exec("COMMIT");
            done_ = true;
        }

      private:
        SqliteStore& store_;
        bool done_ = false;
    };

    SqliteStatement statement(const std::string& sql);
    void migrate();
    StoredDecklist read_row(const SqliteStatement& row, std::int64_t* seq = nullptr) const;
    std::optional<StoredDecklist> select_one(std::string_view where, std::string_view value);
    // Inside the caller's write transaction, when the store keeps an outbox.
    void add_delivery(std::string_view kind, const std::string& decklist_id, int revision,
                      const nlohmann::json& decklist, const std::string& now);
    // One pending delivery's outcome: `assignments` after SET, then the parameters in order.
    void finish_attempt(std::string_view assignments, std::string_view delivery_id,
                        const std::vector<SqliteParam>& params);

    std::string path_;
    bool keep_images_ = true;
    bool webhook_outbox_ = false;
    sqlite3* db_ = nullptr;
    // Prepared once per distinct SQL text: the list query has one text per set of filters.
    std::unordered_map<std::string, sqlite3_stmt*> statements_;
    std::mutex mutex_;
};

SqliteStatement& SqliteStatement::bind(std::string_view text) {
    check_bind(sqlite3_bind_text(statement_, next_++, text.data(), static_cast<int>(text.size()),
                                 SQLITE_TRANSIENT));
    return *this;
}

SqliteStatement& SqliteStatement::bind(std::int64_t number) {
    check_bind(sqlite3_bind_int64(statement_, next_++, number));
    return *this;
}

SqliteStatement& SqliteStatement::bind(const std::optional<std::string>& text) {
    if (text) return bind(std::string_view(*text));
    check_bind(sqlite3_bind_null(statement_, next_++));
    return *this;
}

SqliteStatement& SqliteStatement::bind(std::optional<int> number) {
    if (number) return bind(static_cast<std::int64_t>(*number));
    check_bind(sqlite3_bind_null(statement_, next_++));
    return *this;
}

SqliteStatement& SqliteStatement::bind_blob(std::span<const std::uint8_t> bytes) {
    // A null pointer would bind NULL: empty bytes still need a non-null one.
    static const std::uint8_t kNone = 0;
    check_bind(sqlite3_bind_blob64(statement_, next_++, bytes.empty() ? &kNone : bytes.data(),
                                   bytes.size(), SQLITE_TRANSIENT));
    return *this;
}

void SqliteStatement::check_bind(int rc) {
    if (rc != SQLITE_OK) store_.fail("binding a parameter");
}

bool SqliteStatement::step() {
    const int rc = sqlite3_step(statement_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    store_.fail(sqlite3_sql(statement_));
}

SqliteStore::SqliteStore(const StoreOptions& options)
    : keep_images_(options.keep_images), webhook_outbox_(options.webhook_outbox) {
    const std::filesystem::path dir(options.data_dir.empty() ? "." : options.data_dir);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    path_ = (dir / "decklists.sqlite3").string();
    if (ec)
        throw Error(ErrorType::internal,
                    "decklist library " + path_ + ": cannot create its directory: " + ec.message());
    const int rc =
        sqlite3_open_v2(path_.c_str(), &db_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
        sqlite3_close_v2(db_);
        throw Error(ErrorType::internal, "decklist library " + path_ + ": " + message);
    }
    try {
        sqlite3_extended_result_codes(db_, 1);
        sqlite3_busy_timeout(db_, kSqliteBusyTimeoutMs);
        {
            SqliteStatement wal = statement("PRAGMA journal_mode=WAL");
            if (!wal.step() || wal.text(0) != "wal")
                throw Error(ErrorType::internal,
                            "decklist library " + path_ + ": cannot switch to WAL mode");
        }
        // FULL syncs the WAL at every commit: a save that returned survives a power cut, not
        // only a crash of the process (which NORMAL already survives). It costs one fsync
        // per save, next to about 200 ms of OCR.
        exec("PRAGMA synchronous=FULL");
        exec("PRAGMA foreign_keys=ON");
        migrate();
    } catch (...) {
        for (auto& [sql, prepared] : statements_) sqlite3_finalize(prepared);
        sqlite3_close_v2(db_);
        throw;
    }
}

SqliteStore::~SqliteStore() {
    for (auto& [sql, prepared] : statements_) sqlite3_finalize(prepared);
    // Lets SQLite refresh the planner's statistics where they went stale, as it advises.
    sqlite3_exec(db_, "PRAGMA optimize", nullptr, nullptr, nullptr);
    sqlite3_close_v2(db_);
}

SqliteStatement SqliteStore::statement(const std::string& sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) {
        sqlite3_stmt* prepared = nullptr;
        if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                               SQLITE_PREPARE_PERSISTENT, &prepared, nullptr) != SQLITE_OK)
            fail("preparing " + sql.substr(0, 40));
        it = statements_.emplace(sql, prepared).first;
    }
    return SqliteStatement(*this, it->second);
}

void SqliteStore::migrate() {
    exec(R"sql(CREATE TABLE IF NOT EXISTS schema_migrations (
                   version INTEGER PRIMARY KEY,
                   description TEXT NOT NULL,
                   applied_at TEXT NOT NULL))sql");
    const auto& migrations = sqlite_migrations();
    {
        SqliteStatement newest = statement("SELECT MAX(version) FROM schema_migrations");
        if (newest.step() && !newest.is_null(0) && newest.integer(0) > migrations.back().version)
            throw Error(ErrorType::internal, "decklist library " + path_ + ": its schema version " +
                                                 std::to_string(newest.integer(0)) +
                                                 " is newer than this build's " +
                                                 std::to_string(migrations.back().version));
    }
    for (const Migration& migration : migrations) {
        Transaction tx(*this, true);
        bool applied = false;
        {
            SqliteStatement check = statement("SELECT 1 FROM schema_migrations WHERE version = ?");
            applied = check.bind(std::int64_t{migration.version}).step();
        }
        if (!applied) {
            for (std::string_view sql : migration.statements) exec(std::string(sql));
            statement(
                "INSERT INTO schema_migrations (version, description, applied_at) "
                "VALUES (?, ?, ?)")
                .bind(std::int64_t{migration.version})
                .bind(migration.description)
                .bind(utc_now_iso8601())
                .run();
        }
        tx.commit();
    }
}

StoredDecklist SqliteStore::read_row(const SqliteStatement& row, std::int64_t* seq) const {
    StoredDecklist d;
    d.id = row.text(0);
    d.decklist = parse_stored_json(row.text(1));
    d.revision = static_cast<int>(row.integer(2));
    d.created_at = row.text(3);
    d.updated_at = row.text(4);
    d.image_sha256 = row.text(5);
    d.has_image = row.integer(6) != 0;
    d.batch_id = row.text(7);
    d.filename = row.text(8);
    d.owner = row.text(9);
    d.format_id = row.text(10);
    d.event = row.text(11);
    d.date = row.text(12);
    d.player = row.text(13);
    d.legend = row.text(14);
    d.deck_code = row.text(15);
    if (!row.is_null(16)) d.placement = static_cast<int>(row.integer(16));
    d.needs_review = row.integer(17) != 0;
    if (seq) *seq = row.integer(18);
    return d;
}

std::optional<StoredDecklist> SqliteStore::select_one(std::string_view where,
                                                      std::string_view value) {
    SqliteStatement st = statement("SELECT " + std::string(kSqliteColumns) +
                                   " FROM decklists d WHERE " + std::string(where));
    if (!st.bind(value).step()) return std::nullopt;
    return read_row(st);
}

SaveResult SqliteStore::save(const NewDecklist& decklist) {
    const std::string sha = checked_sha256(decklist.image_sha256);
    const DecklistColumns c = decklist_columns(decklist.decklist);
    if (c.id.empty())
        throw Error(ErrorType::validation, "the decklist has no decklist_id",
                    {{"field", "decklist_id"}});
    const std::string json = stored_json(decklist.decklist);
    const std::string now = utc_now_iso8601();

    std::lock_guard lock(mutex_);
    Transaction tx(*this, true);
    if (auto existing = select_one("d.image_sha256 = ?", sha)) {
        tx.commit();
        return {std::move(*existing), true};
    }
    if (select_one("d.id = ?", c.id))
        throw Error(ErrorType::validation,
                    "decklist " + c.id + " is already saved, from other image bytes",
                    {{"field", "decklist_id"}});
    statement(R"sql(INSERT INTO decklists (id, decklist, revision, created_at, updated_at,
                        image_sha256, batch_id, filename, owner, format_id, event, "date", player,
                        legend, deck_code, placement, needs_review, search_text)
                    VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql")
        .bind(c.id)
        .bind(json)
        .bind(now)
        .bind(now)
        .bind(sha)
        .bind(decklist.batch_id)
        .bind(c.filename)
        .bind(decklist.owner)
        .bind(decklist.format_id)
        .bind_columns(c)
        .run();
    if (keep_images_)
        statement(
            "INSERT INTO images (sha256, bytes) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING")
            .bind(sha)
            .bind_blob(decklist.image)
            .run();
    statement(
        "INSERT INTO revisions (decklist_id, number, author, at, changes) "
        "VALUES (?, 1, ?, ?, ?)")
        .bind(c.id)
        .bind(decklist.saved_by)
        .bind(now)
        .bind(std::string_view(R"({"kind":"saved"})"))
        .run();
    add_delivery(kOutboxSaved, c.id, 1, decklist.decklist, now);
    std::optional<StoredDecklist> stored = select_one("d.id = ?", c.id);
    tx.commit();
    return {std::move(*stored), false};
}

std::optional<StoredDecklist> SqliteStore::find_by_image(std::string_view sha256) {
    std::string sha(sha256);
    for (char& ch : sha)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    std::lock_guard lock(mutex_);
    return select_one("d.image_sha256 = ?", sha);
}

std::optional<StoredDecklist> SqliteStore::get(std::string_view id) {
    std::lock_guard lock(mutex_);
    return select_one("d.id = ?", id);
}

std::optional<std::vector<std::uint8_t>> SqliteStore::image(std::string_view id) {
    std::lock_guard lock(mutex_);
    SqliteStatement st = statement(
        "SELECT i.bytes FROM decklists d JOIN images i ON i.sha256 = d.image_sha256 "
        "WHERE d.id = ?");
    if (!st.bind(id).step()) return std::nullopt;
    return st.blob(0);
}

DecklistPage SqliteStore::list(const DecklistQuery& query) {
    check_query(query);
    const std::optional<std::int64_t> after = decode_cursor(query.cursor);
    const int limit = clamp_limit(query.limit);

    // The filters pick the page's seqs first, and only those rows are read whole: when the
    // planner filters through an index and sorts (a date range), it then sorts seqs instead
    // of rows with their JSON (7 ms → 1.5 ms at 10,000 decklists).
    std::string sql = "SELECT " + std::string(kSqliteColumns) +
                      " FROM decklists d WHERE d.seq IN (SELECT f.seq FROM decklists f WHERE 1 = 1";
    std::vector<SqliteParam> params;
    auto where = [&](std::string_view condition, SqliteParam value) {
        sql += " AND ";
        sql += condition;
        params.push_back(std::move(value));
    };
    if (query.event) where("f.event = ?", *query.event);
    if (query.legend) where("f.legend = ?", *query.legend);
    if (query.player) where("f.player = ?", *query.player);
    if (query.date_from) where(R"(f."date" >= ?)", *query.date_from);
    if (query.date_to) where(R"(f."date" <= ?)", *query.date_to);
    if (query.needs_review) where("f.needs_review = ?", std::int64_t{*query.needs_review ? 1 : 0});
    // LIKE folds ASCII letters only; Chinese has no case to fold.
    if (query.text && !query.text->empty())
        where(R"(f.search_text LIKE ? ESCAPE '\')", like_contains_pattern(*query.text));
    if (after) where("f.seq < ?", *after);
    sql += " ORDER BY f.seq DESC LIMIT ?) ORDER BY d.seq DESC";
    params.emplace_back(std::int64_t{limit + 1});  // one more tells whether a next page exists

    DecklistPage page;
    std::lock_guard lock(mutex_);
    SqliteStatement st = statement(sql);
    for (const SqliteParam& param : params) st.bind(param);
    std::int64_t last_seq = 0;
    while (st.step()) {
        if (static_cast<int>(page.items.size()) == limit) {
            page.next_cursor = encode_cursor(last_seq);
            break;
        }
        page.items.push_back(read_row(st, &last_seq));
    }
    return page;
}

bool SqliteStore::remove(std::string_view id) {
    std::lock_guard lock(mutex_);
    Transaction tx(*this, true);
    std::string sha;
    {
        SqliteStatement st = statement("SELECT image_sha256 FROM decklists WHERE id = ?");
        if (!st.bind(id).step()) return false;
        sha = st.text(0);
    }
    // Its revisions go with it (ON DELETE CASCADE); its image only when nobody else uses it.
    statement("DELETE FROM decklists WHERE id = ?").bind(id).run();
    statement(
        "DELETE FROM images WHERE sha256 = ? AND NOT EXISTS "
        "(SELECT 1 FROM decklists WHERE image_sha256 = ?)")
        .bind(sha)
        .bind(sha)
        .run();
    tx.commit();
    return true;
}

UpdateResult SqliteStore::update(std::string_view id, const Correction& correction) {
    const DecklistColumns c = decklist_columns(correction.decklist);
    const std::string json = stored_json(correction.decklist);
    const std::string changes =
        stored_json(correction.changes.is_null() ? nlohmann::json::object() : correction.changes);
    const std::string now = utc_now_iso8601();

    std::lock_guard lock(mutex_);
    Transaction tx(*this, true);
    // The revision check is part of the UPDATE itself, so that of two reviewers holding the
    // same revision exactly one changes the row, whatever else runs.
    statement(R"sql(UPDATE decklists SET decklist = ?, revision = revision + 1, updated_at = ?,
                        event = ?, "date" = ?, player = ?, legend = ?, deck_code = ?,
                        placement = ?, needs_review = ?, search_text = ?
                    WHERE id = ? AND revision = ?)sql")
        .bind(json)
        .bind(now)
        .bind_columns(c)
        .bind(id)
        .bind(std::int64_t{correction.expected_revision})
        .run();
    if (sqlite3_changes(db_) == 0) {
        std::optional<StoredDecklist> current = select_one("d.id = ?", id);
        tx.commit();
        if (!current) return {UpdateOutcome::not_found, std::nullopt};
        return {UpdateOutcome::stale, std::move(current)};
    }
    statement(
        "INSERT INTO revisions (decklist_id, number, author, at, changes) "
        "VALUES (?, ?, ?, ?, ?)")
        .bind(id)
        .bind(std::int64_t{correction.expected_revision + 1})
        .bind(correction.author)
        .bind(now)
        .bind(changes)
        .run();
    add_delivery(kOutboxCorrected, std::string(id), correction.expected_revision + 1,
                 correction.decklist, now);
    std::optional<StoredDecklist> stored = select_one("d.id = ?", id);
    tx.commit();
    return {UpdateOutcome::updated, std::move(stored)};
}

std::vector<Revision> SqliteStore::revisions(std::string_view id) {
    std::lock_guard lock(mutex_);
    SqliteStatement st = statement(
        "SELECT number, author, at, changes FROM revisions WHERE decklist_id = ? ORDER BY number");
    st.bind(id);
    std::vector<Revision> out;
    while (st.step()) {
        Revision r;
        r.number = static_cast<int>(st.integer(0));
        r.author = st.text(1);
        r.at = st.text(2);
        r.changes = parse_stored_json(st.text(3));
        out.push_back(std::move(r));
    }
    return out;
}

std::vector<EventSummary> SqliteStore::events() {
    std::lock_guard lock(mutex_);
    SqliteStatement st = statement(
        R"sql(SELECT event, COUNT(*), MIN("date"), MAX("date") FROM decklists
              WHERE event IS NOT NULL AND event <> ''
              GROUP BY event ORDER BY MAX("date") DESC NULLS LAST, event)sql");
    std::vector<EventSummary> out;
    while (st.step())
        out.push_back({st.text(0), static_cast<int>(st.integer(1)), st.text(2), st.text(3)});
    return out;
}

std::vector<StoredDecklist> SqliteStore::event_decklists(std::string_view event) {
    std::lock_guard lock(mutex_);
    SqliteStatement st = statement("SELECT " + std::string(kSqliteColumns) +
                                   " FROM decklists d WHERE d.event = ? ORDER BY d.seq");
    st.bind(event);
    std::vector<StoredDecklist> out;
    while (st.step()) out.push_back(read_row(st));
    return out;
}

void SqliteStore::add_delivery(std::string_view kind, const std::string& decklist_id, int revision,
                               const nlohmann::json& decklist, const std::string& now) {
    if (!webhook_outbox_) return;
    const OutboxEntry entry = outbox_entry(kind, decklist_id, revision, decklist, now);
    statement(R"sql(INSERT INTO webhook_outbox (delivery_id, decklist_id, revision, kind,
                        created_at, next_attempt_at, payload)
                    VALUES (?, ?, ?, ?, ?, ?, ?))sql")
        .bind(entry.delivery_id)
        .bind(decklist_id)
        .bind(std::int64_t{revision})
        .bind(entry.kind)
        .bind(now)
        .bind(now)
        .bind(entry.payload)
        .run();
}

std::vector<OutboxDelivery> SqliteStore::claim_deliveries(int limit, std::chrono::seconds lease) {
    const auto now = std::chrono::system_clock::now();
    const std::string now_text = utc_iso8601(now);
    const std::string lease_until = utc_iso8601(now + lease);
    std::vector<OutboxDelivery> out;
    std::lock_guard lock(mutex_);
    // One IMMEDIATE transaction: a second process on the file waits for it, then sees the
    // leases this one set.
    Transaction tx(*this, true);
    {
        SqliteStatement st = statement(
            R"sql(SELECT delivery_id, decklist_id, revision, kind, payload, attempts, created_at,
                         last_error
                  FROM webhook_outbox
                  WHERE state = 'pending' AND next_attempt_at <= ?
                    AND (lease_until IS NULL OR lease_until <= ?)
                  ORDER BY next_attempt_at LIMIT ?)sql");
        st.bind(now_text).bind(now_text).bind(std::int64_t{limit < 1 ? 1 : limit});
        while (st.step()) {
            OutboxDelivery d;
            d.delivery_id = st.text(0);
            d.decklist_id = st.text(1);
            d.revision = static_cast<int>(st.integer(2));
            d.kind = st.text(3);
            d.payload = st.text(4);
            d.attempts = static_cast<int>(st.integer(5));
            d.created_at = parse_utc_iso8601(st.text(6));
            d.last_error = st.text(7);
            out.push_back(std::move(d));
        }
    }
    for (const OutboxDelivery& d : out)
        statement("UPDATE webhook_outbox SET lease_until = ? WHERE delivery_id = ?")
            .bind(lease_until)
            .bind(d.delivery_id)
            .run();
    tx.commit();
    return out;
}

void SqliteStore::finish_attempt(std::string_view assignments, std::string_view delivery_id,
                                 const std::vector<SqliteParam>& params) {
    std::lock_guard lock(mutex_);
    SqliteStatement st =
        statement("UPDATE webhook_outbox SET attempts = attempts + 1, lease_until = NULL, " +
                  std::string(assignments) + " WHERE delivery_id = ? AND state = 'pending'");
    for (const SqliteParam& param : params) st.bind(param);
    st.bind(delivery_id).run();
}

void SqliteStore::delivery_succeeded(std::string_view delivery_id) {
    finish_attempt("state = 'delivered', finished_at = ?", delivery_id, {utc_now_iso8601()});
}

void SqliteStore::delivery_failed(std::string_view delivery_id, std::string_view error,
                                  std::chrono::system_clock::time_point next_attempt) {
    finish_attempt("last_error = ?, next_attempt_at = ?", delivery_id,
                   {std::string(error), utc_iso8601(next_attempt)});
}

void SqliteStore::delivery_abandoned(std::string_view delivery_id, std::string_view error) {
    finish_attempt("state = 'abandoned', last_error = ?, finished_at = ?", delivery_id,
                   {std::string(error), utc_now_iso8601()});
}

OutboxCounts SqliteStore::outbox_counts() {
    std::lock_guard lock(mutex_);
    SqliteStatement st = statement("SELECT state, COUNT(*) FROM webhook_outbox GROUP BY state");
    OutboxCounts counts;
    while (st.step()) {
        const std::string state = st.text(0);
        (state == "pending"     ? counts.pending
         : state == "delivered" ? counts.delivered
                                : counts.abandoned) = st.integer(1);
    }
    return counts;
}

}  // namespace

std::unique_ptr<DecklistStore> open_sqlite_store(const StoreOptions& options) {
    return std::make_unique<SqliteStore>(options);
}

}  // namespace decklist::library
