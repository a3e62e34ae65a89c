#pragma once
// The store suite's fixture: every test runs once on SQLite (a fresh file in a temporary
// directory) and once on PostgreSQL (a fresh database in a cluster the suite starts once,
// tests/support/postgres_cluster.hpp), through the same DecklistStore interface.

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <pqxx/pqxx>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "decklist/error.hpp"
#include "decklist/library/decklist_store.hpp"
#include "decklist/sha256.hpp"
#include "postgres_cluster.hpp"

namespace decklist::store_test {

enum class Backend { sqlite, postgresql };

inline void PrintTo(Backend backend, std::ostream* os) {
    *os << (backend == Backend::sqlite ? "sqlite" : "postgresql");
}

inline std::string backend_name(const ::testing::TestParamInfo<Backend>& info) {
    return info.param == Backend::sqlite ? "sqlite" : "postgresql";
}

// Bytes that stand for a screenshot: a PNG signature and something unique to `seed`.
inline std::vector<std::uint8_t> image_bytes(const std::string& seed) {
    const std::string text = std::string("\x89PNG\r\n\x1a\n\0\xff", 10) + seed;
    return std::vector<std::uint8_t>(text.begin(), text.end());
}

struct Card {
    std::string name_cn;
    std::optional<std::string> name_en;
    int quantity = 1;
};

// What a test says about a decklist; the rest of the JSON is filled as to_json fills it.
struct DeckSpec {
    std::string id;
    std::optional<std::string> deck_name, event, date, player;
    std::optional<int> placement;
    std::optional<Card> legend;
    std::vector<Card> main_deck;
    std::optional<std::string> deck_code;
    bool needs_review = false;
    std::string filename = "deck.png";
};

inline nlohmann::json or_null(const std::optional<std::string>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

inline nlohmann::json card_json(const Card& card) {
    return {{"name_cn", card.name_cn},   {"ocr_text", card.name_cn},
            {"quantity", card.quantity}, {"name_en", or_null(card.name_en)},
            {"card_number", "OGN-001"},  {"type_en", "Unit"},
            {"domain_en", "Fury"},       {"cost", 2},
            {"rarity_en", "Common"},     {"image_url_en", nullptr},
            {"match_score", 97.5},       {"match_type", "exact"}};
}

// Shaped like src/core/decklist/to_json.cpp's output.
inline nlohmann::json decklist_json(const DeckSpec& spec) {
    nlohmann::json legend = nlohmann::json::array();
    if (spec.legend) legend.push_back(card_json(*spec.legend));
    nlohmann::json main_deck = nlohmann::json::array();
    for (const Card& card : spec.main_deck) main_deck.push_back(card_json(card));
    nlohmann::json placement =
        spec.placement ? nlohmann::json(*spec.placement) : nlohmann::json(nullptr);
    return {{"decklist_id", spec.id},
            {"filename", spec.filename},
            {"metadata",
             {{"deck_name", or_null(spec.deck_name)},
              {"event", or_null(spec.event)},
              {"date", or_null(spec.date)},
              {"placement", placement},
              {"player", or_null(spec.player)},
              {"legend_name_en", spec.legend ? or_null(spec.legend->name_en) : nullptr}}},
            {"stats", {{"total_cards", 56}, {"matched_cards", 56}, {"accuracy", 100.0}}},
            {"warnings", nlohmann::json::array()},
            {"needs_review", spec.needs_review},
            {"timing_ms", {{"total", 201.5}}},
            {"deck_code", or_null(spec.deck_code)},
            {"text", "1 something"},
            {"review_reasons", nlohmann::json::array()},
            {"legend", legend},
            {"main_deck", main_deck},
            {"battlefields", nlohmann::json::array()},
            {"runes", nlohmann::json::array()},
            {"side_deck", nlohmann::json::array()},
            {"unmatched", nlohmann::json::object()}};
}

class StoreTest : public ::testing::TestWithParam<Backend> {
  protected:
    static void TearDownTestSuite() { cluster_.reset(); }

    void SetUp() override {
        if (GetParam() == Backend::sqlite) {
            char pattern[] = "/tmp/decklist-store-XXXXXX";
            ASSERT_NE(::mkdtemp(pattern), nullptr);
            dir_ = pattern;
            options_.data_dir = dir_ + "/library";  // missing: the store creates it
        } else {
            if (!cluster_ && cluster_error_.empty()) {
                try {
                    cluster_ = test::PostgresCluster::start();
                } catch (const std::exception& e) {
                    cluster_error_ = e.what();
                }
            }
            if (!cluster_) {
                // Installed but broken is always a failure; missing is one only in CI.
                if (test::running_in_ci() || !test::postgres_bin_dir().empty())
                    FAIL() << cluster_error_;
                GTEST_SKIP() << cluster_error_ << " (with CI=true this fails)";
            }
            database_ = "store_" + std::to_string(++databases_);
            options_.store_url = cluster_->create_database(database_);
        }
        store_ = open_decklist_store(options_);
    }

    void TearDown() override {
        store_.reset();
        std::error_code ec;
        if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
        if (cluster_ && !database_.empty()) cluster_->drop_database(database_);
    }

    // A second store object on the same file or database, as a restarted or a second server
    // instance would open it.
    std::unique_ptr<DecklistStore> open_again(bool keep_images = true) const {
        StoreOptions options = options_;
        options.keep_images = keep_images;
        return open_decklist_store(options);
    }

    // The same store with the webhook outbox on: what the server opens when a webhook is set.
    std::unique_ptr<DecklistStore> open_with_outbox() const {
        StoreOptions options = options_;
        options.webhook_outbox = true;
        return open_decklist_store(options);
    }

    // The first column of a query run straight on the database, as text ("" for NULL).
    std::vector<std::string> column(const std::string& sql) const {
        std::vector<std::string> out;
        if (GetParam() == Backend::postgresql) {
            pqxx::connection connection(options_.store_url);
            pqxx::nontransaction tx(connection);
            for (const pqxx::row& row : tx.exec(sql)) out.push_back(row[0].c_str());
            return out;
        }
        const std::string path = options_.data_dir + "/decklists.sqlite3";
        sqlite3* db = nullptr;
        if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
            sqlite3_close(db);
            ADD_FAILURE() << "cannot open " << path;
            return out;
        }
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
            ADD_FAILURE() << sqlite3_errmsg(db) << " in " << sql;
        } else {
            while (sqlite3_step(st) == SQLITE_ROW) {
                const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
                out.push_back(text ? text : "");
            }
        }
        sqlite3_finalize(st);
        sqlite3_close(db);
        return out;
    }

    int count(const std::string& table) const {
        const auto rows = column("SELECT COUNT(*) FROM " + table);
        return rows.empty() ? -1 : std::stoi(rows[0]);
    }

    // Saves `spec` from `bytes` (which the call does not keep).
    static SaveResult save(DecklistStore& store, const DeckSpec& spec,
                           const std::vector<std::uint8_t>& bytes, std::string owner = "") {
        NewDecklist d;
        d.decklist = decklist_json(spec);
        d.image = bytes;
        d.image_sha256 = sha256_hex(bytes);
        d.owner = std::move(owner);
        return store.save(d);
    }
    SaveResult save(const DeckSpec& spec) { return save(*store_, spec, image_bytes(spec.id)); }

    static std::vector<std::string> ids(const std::vector<StoredDecklist>& items) {
        std::vector<std::string> out;
        for (const auto& item : items) out.push_back(item.id);
        return out;
    }
    std::vector<std::string> list_ids(DecklistQuery query) {
        query.limit = 200;
        return ids(store_->list(query).items);
    }

    StoreOptions options_;
    std::unique_ptr<DecklistStore> store_;
    std::string dir_, database_;

    static inline std::unique_ptr<test::PostgresCluster> cluster_;
    static inline std::string cluster_error_;
    static inline int databases_ = 0;
};

}  // namespace decklist::store_test
