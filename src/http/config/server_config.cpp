#include "http/config/server_config.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <thread>

#include "decklist/config/defaults.hpp"
#include "decklist/error.hpp"
#include "decklist/seconds.hpp"
#include "http/access/api_keys_file.hpp"
#include "http/config/config_fields.hpp"

namespace decklist::http {

using config_detail::config_fields;
using config_detail::env_name;
using config_detail::find_config_field;

namespace {

[[noreturn]] void invalid(const std::string& message) {
    throw Error(ErrorType::validation, message);
}

// Prefixes a field error with where the value came from ("config/server.json: port: ...").
template <class F>
void with_source(std::string_view source, F&& f) {
    try {
        f();
    } catch (const Error& e) {
        throw Error(e.kind(), std::string(source) + ": " + e.what(), e.detail());
    }
}

constexpr std::size_t kMiB = 1024 * 1024;

}  // namespace

nlohmann::json seconds_json(Milliseconds duration) {
    if (duration.count() % 1000 == 0) return duration.count() / 1000;
    return to_seconds(duration);
}

std::size_t ServerConfig::max_file_bytes() const noexcept {
    return static_cast<std::size_t>(max_file_size_mb) * kMiB;
}
std::size_t ServerConfig::max_body_bytes() const noexcept {
    return static_cast<std::size_t>(max_body_mb) * kMiB;
}
std::size_t ServerConfig::upload_memory_budget_bytes() const noexcept {
    return static_cast<std::size_t>(upload_memory_budget_mb) * kMiB;
}
unsigned ServerConfig::worker_count() const noexcept {
    if (max_workers > 0) return static_cast<unsigned>(max_workers);
    const unsigned hw = std::thread::hardware_concurrency();
    return hw > 0 ? hw : 1;
}

nlohmann::json ServerConfig::to_json() const {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& f : config_fields()) out[f.key] = f.read(*this);
    return out;
}

ServerConfig apply_config_json(const nlohmann::json& object, ServerConfig base,
                               std::string_view source) {
    if (!object.is_object()) invalid(std::string(source) + ": expected a JSON object");
    for (const auto& item : object.items()) {
        // Not a structured binding: clang 14 (the fuzz build) cannot capture those.
        const auto& key = item.key();
        const auto& value = item.value();
        const auto* field = find_config_field(key);
        if (!field) invalid(std::string(source) + ": unknown key \"" + key + "\"");
        with_source(source, [&] { field->assign(base, value); });
    }
    return base;
}

ServerConfig parse_config_text(std::string_view text, ServerConfig base, std::string_view source) {
    nlohmann::json parsed;
    try {
        parsed = nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::exception& e) {
        // Not only parse_error: a number too large for a double ("1e400") is out_of_range
        // (found by tests/fuzz fuzz_config). nlohmann's message is one line:
        // "[json.exception.parse_error.101] parse error at ..."
        std::string what = e.what();
        const auto bracket = what.find("] ");
        if (bracket != std::string::npos) what = what.substr(bracket + 2);
        invalid(std::string(source) + ": invalid JSON: " + what);
    }
    return apply_config_json(parsed, std::move(base), source);
}

ServerConfig load_config_file(const std::string& path, ServerConfig base) {
    std::ifstream in(path, std::ios::binary);
    if (!in) invalid("config file " + path + ": cannot open");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_config_text(text.str(), std::move(base), path);
}

ServerConfig apply_environment(ServerConfig base, const EnvLookup& getenv) {
    for (const auto& f : config_fields()) {
        const std::string name = env_name(f.key);
        const char* value = getenv(name.c_str());
        if (!value) continue;
        with_source("environment " + name, [&] { f.assign(base, f.from_text(value)); });
    }
    return base;
}

void validate_config(const ServerConfig& c) {
    if (c.max_body_mb < c.max_file_size_mb)
        invalid("max_body_mb (" + std::to_string(c.max_body_mb) +
                ") must be at least max_file_size_mb (" + std::to_string(c.max_file_size_mb) + ")");
    // A file that cannot fit in the budget would wait for memory forever.
    if (c.upload_memory_budget_mb < c.max_file_size_mb)
        invalid("upload_memory_budget_mb (" + std::to_string(c.upload_memory_budget_mb) +
                ") must be at least max_file_size_mb (" + std::to_string(c.max_file_size_mb) + ")");
    // Browsers refuse credentials with a wildcard origin; say so now rather than fail there.
    const bool wildcard = std::find(c.allowed_origins.begin(), c.allowed_origins.end(), "*") !=
                          c.allowed_origins.end();
    if (wildcard && c.cors_allow_credentials)
        invalid("allowed_origins \"*\" cannot be combined with cors_allow_credentials: true");
    // An unsigned webhook would let anyone who finds the receiver post decklists to it.
    if (!c.webhook_url.empty() && c.webhook_secret.empty())
        invalid("webhook_url needs webhook_secret (the key of X-Signature-256)");
    if (!c.store_url.empty() && !c.store_url.starts_with("postgresql://") &&
        !c.store_url.starts_with("postgres://"))
        invalid("store_url must be a postgresql:// URL (empty: SQLite under data_dir)");
}

namespace {

struct Flag {
    const char* name;
    const char* key;  // config key the flag sets; nullptr for --config
};
constexpr Flag kFlags[] = {{"--config", nullptr},
                           {"--port", "port"},
                           {"--bind", "bind"},
                           {"--cards", "cards_csv"},
                           {"--workers", "max_workers"}};

}  // namespace

LoadedConfig load_server_config(int argc, const char* const* argv, const EnvLookup& getenv) {
    LoadedConfig loaded;
    std::vector<std::pair<const Flag*, std::string>> overrides;
    std::string config_path;
    if (const char* from_env = getenv("DECKLIST_CONFIG")) config_path = from_env;

    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (arg == "--help" || arg == "-h") {
            loaded.show_help = true;
            return loaded;
        }
        if (arg == "--version") {
            loaded.show_version = true;
            return loaded;
        }
        std::string value;
        const auto eq = arg.find('=');
        const bool inline_value = arg.rfind("--", 0) == 0 && eq != std::string::npos;
        if (inline_value) {
            value = arg.substr(eq + 1);
            arg.resize(eq);
        }
        const Flag* flag = nullptr;
        for (const auto& f : kFlags)
            if (arg == f.name) flag = &f;
        if (!flag) invalid("unknown option " + arg + " (see --help)");
        if (!inline_value) {
            if (i + 1 >= argc) invalid("option " + arg + " needs a value");
            value = argv[++i];
        }
        if (!flag->key)
            config_path = value;
        else
            overrides.emplace_back(flag, value);
    }

    ServerConfig config;
    if (!config_path.empty()) config = load_config_file(config_path, std::move(config));
    config = apply_environment(std::move(config), getenv);
    for (const auto& override_ : overrides) {
        const auto& [flag, value] = override_;
        const auto* field = find_config_field(flag->key);
        const std::string& text = value;  // clang 14 cannot capture a structured binding
        with_source(std::string("option ") + flag->name,
                    [&] { field->assign(config, field->from_text(text)); });
    }
    validate_config(config);
    // Relative paths are taken from the application root (installed share/ folder or source
    // tree), wherever the server starts.
    config.cards_csv = resolve_application_path(config.cards_csv);
    config.web_root = resolve_application_path(config.web_root);
    config.data_dir = resolve_application_path(config.data_dir);
    if (!config.tessdata_dir.empty())
        config.tessdata_dir = resolve_application_path(config.tessdata_dir);
    if (!config.api_keys_file.empty()) {
        config.api_keys_file = resolve_application_path(config.api_keys_file);
        // A keys file that cannot be read would lock every client out: refuse to start.
        with_source("api_keys_file", [&] { load_api_keys_file(config.api_keys_file); });
    }
    loaded.config = std::move(config);
    loaded.config_path = config_path;
    return loaded;
}

std::string usage_text(std::string_view program) {
    std::ostringstream out;
    out << "usage: " << program << " [--config FILE] [--port N] [--bind ADDR] [--cards CSV]"
        << " [--workers N] [--version]\n\n"
        << "Serves the decklist OCR API. Settings come from built-in defaults, then the\n"
        << "config file, then DECKLIST_* environment variables, then these options.\n\n"
        << "  --config FILE   JSON config file (also DECKLIST_CONFIG)\n"
        << "  --port N        TCP port, 0 = any free port\n"
        << "  --bind ADDR     address to listen on\n"
        << "  --cards CSV     card database\n"
        << "  --workers N     image-processing threads, 0 = one per hardware thread\n"
        << "  --version       print the version and exit\n"
        << "  --help          this text\n\n"
        << "config keys (environment variable, default):\n";
    const ServerConfig defaults;
    for (const auto& f : config_fields())
        out << "  " << f.key << " (" << env_name(f.key) << ", " << f.read(defaults).dump()
            << "): " << f.help << "\n";
    out << "\nExit codes: 0 after a clean shutdown, 2 for an invalid configuration or a\n"
        << "missing card database.\n";
    return out.str();
}

}  // namespace decklist::http
