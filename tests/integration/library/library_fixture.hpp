#pragma once
// What the decklist library's end-to-end tests share: a real decklist-server whose library is
// a temporary directory (of its own, or one a test keeps across a restart), screenshots saved
// through the upload routes, and the library's JSON answers read and checked against
// docs/schemas. Each test starts its own server (ctest runs every test in a process of its
// own), so every test saves the few screenshots it needs.

#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "streaming_fixture.hpp"

namespace decklist::test {

using Headers = std::vector<std::pair<std::string, std::string>>;

// A library directory that outlives one server, for tests that restart on the same library.
class LibraryDataDir {
  public:
    LibraryDataDir() {
        char path[] = "/tmp/decklist-library-test-XXXXXX";
        if (!::mkdtemp(path)) throw std::runtime_error("mkdtemp failed");
        path_ = path;
    }
    ~LibraryDataDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    LibraryDataDir(const LibraryDataDir&) = delete;
    LibraryDataDir& operator=(const LibraryDataDir&) = delete;

    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

// A server on the repository's config (save_by_default false, SQLite, images kept), whatever
// the environment running the tests says about the library; `env` adds to that.
inline std::unique_ptr<ServerProcess> start_library_server(Headers env = {}) {
    ServerProcess::Options options;
    options.env = std::move(env);
    options.env.emplace_back("DECKLIST_LOG_LEVEL", "warn");
    options.unset_env = {"DECKLIST_SAVE_BY_DEFAULT", "DECKLIST_STORE_URL", "DECKLIST_KEEP_IMAGES",
                         "DECKLIST_API_KEYS_FILE", "DECKLIST_WEBHOOK_URL"};
    return std::make_unique<ServerProcess>(std::move(options));
}

// The body as JSON; a failure (and null) when it is not JSON.
inline json library_json_of(const HttpResponse& r) {
    auto body = json::parse(r.body, nullptr, false);
    if (body.is_discarded()) {
        ADD_FAILURE() << "not JSON (HTTP " << r.status << "): " << r.body;
        return nullptr;
    }
    return body;
}

inline void expect_library_schema(const std::string& schema_file, const json& value) {
    EXPECT_EQ(schemas().explain(schema_file, value), "") << schema_file << ": " << value.dump();
}

// A JSON error answer of this status and error_type.
inline void expect_library_error(const HttpResponse& r, int status, const std::string& error_type) {
    EXPECT_EQ(r.status, status) << r.body;
    const json body = library_json_of(r);
    EXPECT_EQ(body.value("error_type", ""), error_type) << r.body;
}

inline HttpResponse post_upload(int port, const std::string& target,
                                const std::vector<UploadFile>& files) {
    const std::string body = multipart_body(files);
    return http_request(port, "POST", target, multipart_headers(body.size()), body);
}

// One screenshot through POST /process (field "file") at `target`; the decklist answered.
inline json process_one(int port, const std::string& target, const UploadFile& file) {
    const auto r = post_upload(port, target, {file});
    EXPECT_EQ(r.status, 200) << target << ": " << r.body;
    return library_json_of(r);
}

// Saves the screenshots `indices` in one POST /process-batch?save=true; their decklists.
inline std::vector<json> save_batch(int port, const std::vector<std::size_t>& indices) {
    std::vector<UploadFile> files;
    for (std::size_t i : indices) files.push_back(screenshot_file(i));
    const auto r = post_upload(port, "/api/v1/process-batch?save=true", files);
    EXPECT_EQ(r.status, 200) << r.body;
    const json body = library_json_of(r);
    std::vector<json> saved;
    if (!body.is_object() || !body.contains("results")) return saved;
    for (const json& decklist : body["results"]) {
        EXPECT_TRUE(decklist.contains("saved")) << decklist.dump();
        saved.push_back(decklist);
    }
    EXPECT_EQ(saved.size(), indices.size()) << r.body;
    return saved;
}

inline std::string decklist_path(const std::string& id) {
    return "/api/v1/decklists/" + id;
}

// RFC 3986 percent-encoding of everything but the unreserved characters: for event and
// legend names (Chinese, spaces) in a path segment or a query value.
inline std::string percent_encoded(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char hex[4];
            std::snprintf(hex, sizeof hex, "%%%02X", c);
            out += hex;
        }
    }
    return out;
}

// One page of GET /api/v1/decklists (schema-checked).
inline json list_page(int port, const std::string& query = "") {
    const auto r = http_request(port, "GET", "/api/v1/decklists" + query);
    EXPECT_EQ(r.status, 200) << query << ": " << r.body;
    const json page = library_json_of(r);
    expect_library_schema("decklist_page.json", page);
    return page;
}

inline std::vector<std::string> ids_of(const json& items) {
    std::vector<std::string> ids;
    for (const json& item : items) ids.push_back(item.value("id", ""));
    return ids;
}

// GET /api/v1/decklists/{id} (schema-checked record).
inline json get_record(int port, const std::string& id) {
    const auto r = http_request(port, "GET", decklist_path(id));
    EXPECT_EQ(r.status, 200) << r.body;
    const json record = library_json_of(r);
    expect_library_schema("decklist_record.json", record);
    return record;
}

// Matched cards plus unmatched tiles over every section: one CSV row each.
inline std::size_t card_entries(const json& decklist) {
    std::size_t n = 0;
    for (const char* section : {"legend", "main_deck", "battlefields", "runes", "side_deck"}) {
        n += decklist.value(section, json::array()).size();
        if (decklist.contains("unmatched"))
            n += decklist["unmatched"].value(section, json::array()).size();
    }
    return n;
}

// RFC 4180 records (quoted fields may hold commas, quotes and line breaks).
inline std::vector<std::vector<std::string>> csv_records(const std::string& text) {
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    bool quoted = false, field_started = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
            field_started = true;
        } else if (c == ',') {
            record.push_back(std::move(field));
            field.clear();
            field_started = true;
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            record.push_back(std::move(field));
            records.push_back(std::move(record));
            record.clear();
            field.clear();
            field_started = false;
        } else {
            field += c;
            field_started = true;
        }
    }
    if (field_started || !record.empty()) {
        record.push_back(std::move(field));
        records.push_back(std::move(record));
    }
    return records;
}

}  // namespace decklist::test
