// The library's schema, one list of versions per backend. The two lists describe the same
// logical schema and must grow together: a new version is appended to both, never edited
// once released, since stores already at that version will not run it again.
//
// The differences are the dialects': SQLite's seq is the rowid (INTEGER PRIMARY KEY
// AUTOINCREMENT never reuses a number) with id UNIQUE beside it, PostgreSQL's id is the
// primary key with an identity seq beside it; times are ISO 8601 text in SQLite and
// timestamptz in PostgreSQL; JSON is text in SQLite and jsonb in PostgreSQL; search_text
// is stored lowercased in PostgreSQL (LIKE is five times faster than ILIKE over Chinese text)
// and as written in SQLite (whose LIKE folds ASCII itself).
//
// The decklist JSON is the last column: SQLite reads a row's columns in order and keeps a
// large value in overflow pages, so a filter on a column after it would read the whole JSON
// of every row it looks at.

#include "library/store_internal.hpp"

namespace decklist::library {

const std::vector<Migration>& sqlite_migrations() {
    static const std::vector<Migration> migrations = {
        {1,
         "decklists, images and revisions",
         {
             R"sql(CREATE TABLE images (
                 sha256 TEXT PRIMARY KEY NOT NULL,
                 bytes BLOB NOT NULL))sql",
             R"sql(CREATE TABLE decklists (
                 seq INTEGER PRIMARY KEY AUTOINCREMENT,
                 id TEXT NOT NULL UNIQUE,
                 revision INTEGER NOT NULL DEFAULT 1,
                 created_at TEXT NOT NULL,
                 updated_at TEXT NOT NULL,
                 image_sha256 TEXT NOT NULL,
                 batch_id TEXT NOT NULL DEFAULT '',
                 filename TEXT NOT NULL DEFAULT '',
                 owner TEXT NOT NULL DEFAULT '',
                 format_id TEXT NOT NULL DEFAULT '',
                 event TEXT,
                 "date" TEXT,
                 player TEXT,
                 legend TEXT,
                 deck_code TEXT,
                 placement INTEGER,
                 needs_review INTEGER NOT NULL DEFAULT 0 CHECK (needs_review IN (0, 1)),
                 search_text TEXT NOT NULL DEFAULT '',
                 decklist TEXT NOT NULL))sql",
             // One row per image bytes: what makes a second save of them a duplicate, also
             // across processes and threads.
             "CREATE UNIQUE INDEX decklists_image_sha256 ON decklists (image_sha256)",
             R"sql(CREATE TABLE revisions (
                 decklist_id TEXT NOT NULL REFERENCES decklists (id) ON DELETE CASCADE,
                 number INTEGER NOT NULL,
                 author TEXT NOT NULL DEFAULT '',
                 at TEXT NOT NULL,
                 changes TEXT NOT NULL,
                 PRIMARY KEY (decklist_id, number)))sql",
         }},
        {2,
         "filter indexes",
         {
             // Each filter's index ends in seq, so that one filter and the newest-first
             // keyset read one index range in order, without a sort.
             "CREATE INDEX decklists_event ON decklists (event, seq)",
             R"sql(CREATE INDEX decklists_date ON decklists ("date", seq))sql",
             "CREATE INDEX decklists_legend ON decklists (legend, seq)",
             "CREATE INDEX decklists_player ON decklists (player, seq)",
             "CREATE INDEX decklists_needs_review ON decklists (needs_review, seq)",
             // events() reads only this index (31 ms → 1 ms at 10,000 decklists).
             R"sql(CREATE INDEX decklists_event_date ON decklists (event, "date"))sql",
             // A text search that matches few rows reads every row's search_text: from this
             // index, in seq order, rather than from table rows that are mostly JSON
             // (27 ms → 6 ms at 10,000). PostgreSQL has no such index: a B-tree entry there is
             // limited to about 2.7 KB, and its heap scan is fast enough.
             "CREATE INDEX decklists_search ON decklists (seq, search_text)",
         }},
        {3,
         "webhook outbox",
         {
             // One row per webhook delivery, written in the transaction of the save or
             // correction it announces. No foreign key: a delivery still goes out after its
             // decklist is removed, since the payload carries the decklist.
             R"sql(CREATE TABLE webhook_outbox (
                 delivery_id TEXT PRIMARY KEY NOT NULL,
                 decklist_id TEXT NOT NULL,
                 revision INTEGER NOT NULL,
                 kind TEXT NOT NULL,
                 state TEXT NOT NULL DEFAULT 'pending'
                     CHECK (state IN ('pending', 'delivered', 'abandoned')),
                 attempts INTEGER NOT NULL DEFAULT 0,
                 created_at TEXT NOT NULL,
                 next_attempt_at TEXT NOT NULL,
                 lease_until TEXT,
                 finished_at TEXT,
                 last_error TEXT NOT NULL DEFAULT '',
                 payload TEXT NOT NULL))sql",
             // What claim_deliveries reads: the pending rows in due order, nothing else.
             R"sql(CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at)
                 WHERE state = 'pending')sql",
         }},
    };
    return migrations;
}

const std::vector<Migration>& postgres_migrations() {
    static const std::vector<Migration> migrations = {
        {1,
         "decklists, images and revisions",
         {
             R"sql(CREATE TABLE images (
                 sha256 TEXT PRIMARY KEY,
                 bytes BYTEA NOT NULL))sql",
             R"sql(CREATE TABLE decklists (
                 id TEXT PRIMARY KEY,
                 seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,
                 revision INTEGER NOT NULL DEFAULT 1,
                 created_at TIMESTAMPTZ NOT NULL,
                 updated_at TIMESTAMPTZ NOT NULL,
                 image_sha256 TEXT NOT NULL,
                 batch_id TEXT NOT NULL DEFAULT '',
                 filename TEXT NOT NULL DEFAULT '',
                 owner TEXT NOT NULL DEFAULT '',
                 format_id TEXT NOT NULL DEFAULT '',
                 event TEXT,
                 "date" TEXT,
                 player TEXT,
                 legend TEXT,
                 deck_code TEXT,
                 placement INTEGER,
                 needs_review BOOLEAN NOT NULL DEFAULT FALSE,
                 search_text TEXT NOT NULL DEFAULT '',
                 decklist JSONB NOT NULL))sql",
             "CREATE UNIQUE INDEX decklists_image_sha256 ON decklists (image_sha256)",
             R"sql(CREATE TABLE revisions (
                 decklist_id TEXT NOT NULL REFERENCES decklists (id) ON DELETE CASCADE,
                 number INTEGER NOT NULL,
                 author TEXT NOT NULL DEFAULT '',
                 at TIMESTAMPTZ NOT NULL,
                 changes JSONB NOT NULL,
                 PRIMARY KEY (decklist_id, number)))sql",
         }},
        {2,
         "filter indexes",
         {
             "CREATE INDEX decklists_event ON decklists (event, seq)",
             R"sql(CREATE INDEX decklists_date ON decklists ("date", seq))sql",
             "CREATE INDEX decklists_legend ON decklists (legend, seq)",
             "CREATE INDEX decklists_player ON decklists (player, seq)",
             "CREATE INDEX decklists_needs_review ON decklists (needs_review, seq)",
             R"sql(CREATE INDEX decklists_event_date ON decklists (event, "date"))sql",
         }},
        {3,
         "webhook outbox",
         {
             // payload is TEXT, not JSONB: jsonb would reorder and respace it, and every
             // attempt must send the bytes its signature was computed over.
             R"sql(CREATE TABLE webhook_outbox (
                 delivery_id TEXT PRIMARY KEY,
                 decklist_id TEXT NOT NULL,
                 revision INTEGER NOT NULL,
                 kind TEXT NOT NULL,
                 state TEXT NOT NULL DEFAULT 'pending'
                     CHECK (state IN ('pending', 'delivered', 'abandoned')),
                 attempts INTEGER NOT NULL DEFAULT 0,
                 created_at TIMESTAMPTZ NOT NULL,
                 next_attempt_at TIMESTAMPTZ NOT NULL,
                 lease_until TIMESTAMPTZ,
                 finished_at TIMESTAMPTZ,
                 last_error TEXT NOT NULL DEFAULT '',
                 payload TEXT NOT NULL))sql",
             R"sql(CREATE INDEX webhook_outbox_due ON webhook_outbox (next_attempt_at)
                 WHERE state = 'pending')sql",
         }},
    };
    return migrations;
}

}  // namespace decklist::library
