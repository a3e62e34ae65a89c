#pragma once
// The server's settings: built-in defaults, overridden by config/server.json, then by
// DECKLIST_* environment variables, then by command-line flags (later wins).
// Every key is described once in the table in src/http/config/config_fields.cpp, so a key
// added there is accepted in the file, in the environment and in the documentation dump.

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "decklist/config/defaults.hpp"

namespace decklist::http {

using Milliseconds = std::chrono::milliseconds;

// A duration as the config file writes it: seconds, whole when they are (15, 0.5).
nlohmann::json seconds_json(Milliseconds duration);

struct ServerConfig {
    // network
    std::string bind = "0.0.0.0";
    int port = 8080;  // 0: an ephemeral port, printed on stdout ("listening on ADDR:PORT")
    int io_threads = 2;
    // processing
    int max_workers = 0;  // 0: one worker per hardware thread
    bool enable_parallel = true;
    int max_file_size_mb = 10;
    int max_batch_size = 50;
    int max_body_mb = 520;  // a whole multipart request; >= max_batch_size files plus framing
    int upload_memory_budget_mb = 256;  // buffered upload bytes over all requests
    // Durations are given in seconds (keys *_s, fractions allowed down to 0.001) and held
    // in milliseconds, so that timers take them as they are.
    Milliseconds image_timeout = std::chrono::seconds(60);  // image_timeout_s: per image
    Milliseconds batch_ttl = std::chrono::seconds(900);     // batch_ttl_s: finished batches expire
    Milliseconds heartbeat = std::chrono::seconds(15);      // heartbeat_s: SSE heartbeat interval
    // POST event streams start while the upload still arrives (each request may say ?duplex=).
    // Off by default: proxies such as nginx stop forwarding the body once a response begins.
    bool full_duplex_streams = false;
    // Prefix of resumable batch ids, for sticky routing behind a proxy ([A-Za-z0-9_], at most
    // 32). Empty: derived at start-up from "<hostname>:<port>" (see decklist/batch/batch_id.hpp).
    std::string instance_id;
    // connection timeouts
    // header_timeout_s: from a request's first byte to the end of its headers
    Milliseconds header_timeout = std::chrono::seconds(10);
    // read_timeout_s: longest silence while a request body is being read
    Milliseconds read_timeout = std::chrono::seconds(30);
    // idle_timeout_s: keep-alive, longest wait for the next request
    Milliseconds idle_timeout = std::chrono::seconds(60);
    // shutdown_grace_s: SIGINT/SIGTERM, time left to in-flight requests
    Milliseconds shutdown_grace = std::chrono::seconds(10);
    // files
    std::string cards_csv = std::string(kDefaultCardsCsv);
    std::string tessdata_dir;  // empty: Tesseract's default
    std::string web_root = "web";
    // access (docs/CONFIGURATION.md "Access"). Origins allowed to call the API from a browser
    // (CORS), besides the service's own; "*" allows any origin.
    std::vector<std::string> allowed_origins = {"http://localhost:3000"};
    bool cors_allow_credentials = false;        // Access-Control-Allow-Credentials; never with "*"
    std::string api_keys_file;                  // empty: API keys are off (no key needed)
    int max_concurrent_batches_per_client = 4;  // 0: unlimited
    int images_per_minute_per_client = 600;     // 0: unlimited
    // the decklist library (docs/LIBRARY_STORE.md)
    std::string data_dir = "var";  // the SQLite library file (decklists.sqlite3) lives here
    std::string store_url;         // postgresql://user@host/db: a shared library; empty: SQLite
    bool keep_images = true;       // false: only each screenshot's SHA-256 is kept
    bool save_by_default = false;  // upload routes save without ?save=true (?save=false opts out)
    // Without API keys, clients other than loopback may PATCH and DELETE saved decklists.
    bool library_writes_from_any_client = false;
    // Each saved or corrected decklist is POSTed there, signed with the secret (HMAC-SHA256).
    std::string webhook_url;  // empty: no webhook
    std::string webhook_secret;
    // logging
    std::string log_level = "info";   // trace, debug, info, warn, error, critical, off
    std::string log_format = "text";  // text or json

    std::size_t max_file_bytes() const noexcept;
    std::size_t max_body_bytes() const noexcept;
    std::size_t upload_memory_budget_bytes() const noexcept;
    unsigned worker_count() const noexcept;  // max_workers, or the hardware thread count

    nlohmann::json to_json() const;
};

// Applies the keys of one JSON object over `base`. Unknown keys, wrong types and values out
// of range throw Error(validation) whose message names `source` and the key.
ServerConfig apply_config_json(const nlohmann::json& object, ServerConfig base,
                               std::string_view source);
// Parses JSON text (the fuzz target and the file loader share this).
ServerConfig parse_config_text(std::string_view text, ServerConfig base = {},
                               std::string_view source = "config");
ServerConfig load_config_file(const std::string& path, ServerConfig base = {});

// DECKLIST_<KEY in upper case> for every key, e.g. DECKLIST_PORT, DECKLIST_LOG_FORMAT.
using EnvLookup = std::function<const char*(const char* name)>;
ServerConfig apply_environment(ServerConfig base, const EnvLookup& getenv);

// Checks that hold between keys (a file must fit in the upload budget, ...).
void validate_config(const ServerConfig& config);

struct LoadedConfig {
    ServerConfig config;
    bool show_help = false;
    bool show_version = false;
    std::string config_path;  // empty when no file was read
};

// defaults < --config FILE (or DECKLIST_CONFIG) < DECKLIST_* < --port --bind --cards --workers.
// Throws Error(validation) with a one-line message for anything invalid.
LoadedConfig load_server_config(int argc, const char* const* argv, const EnvLookup& getenv);

std::string usage_text(std::string_view program);

}  // namespace decklist::http
