#include "http/config/config_fields.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <limits>

#include "decklist/error.hpp"

namespace decklist::http::config_detail {
namespace {

[[noreturn]] void invalid(const std::string& key, const std::string& why) {
    throw Error(ErrorType::validation, key + ": " + why, {{"key", key}, {"reason", why}});
}

ConfigField int_field(std::string key, int ServerConfig::*member, int min, int max,
                      std::string help) {
    ConfigField f;
    f.key = key;
    f.help = std::move(help);
    f.assign = [key, member, min, max](ServerConfig& c, const nlohmann::json& v) {
        if (!v.is_number_integer() && !v.is_number_unsigned())
            invalid(key, "expected an integer, got " + v.dump());
        const auto wide = v.get<long long>();
        if (wide < min || wide > max)
            invalid(key, "must be between " + std::to_string(min) + " and " + std::to_string(max) +
                             ", got " + std::to_string(wide));
        c.*member = static_cast<int>(wide);
    };
    f.from_text = [key](const std::string& text) -> nlohmann::json {
        long long value = 0;
        const auto* end = text.data() + text.size();
        auto [ptr, ec] = std::from_chars(text.data(), end, value);
        if (ec != std::errc() || ptr != end || text.empty())
            invalid(key, "expected an integer, got \"" + text + "\"");
        return value;
    };
    f.read = [member](const ServerConfig& c) { return nlohmann::json(c.*member); };
    return f;
}

ConfigField seconds_field(std::string key, Milliseconds ServerConfig::*member, std::string help) {
    constexpr double kMin = 0.001, kMax = 7 * 24 * 3600.0;
    ConfigField f;
    f.key = key;
    f.help = std::move(help);
    f.assign = [key, member](ServerConfig& c, const nlohmann::json& v) {
        if (!v.is_number()) invalid(key, "expected a number of seconds, got " + v.dump());
        const double s = v.get<double>();
        if (!std::isfinite(s) || s < kMin || s > kMax)
            invalid(key, "must be between 0.001 and 604800 seconds, got " + v.dump());
        c.*member = Milliseconds(std::llround(s * 1000.0));
    };
    f.from_text = [key](const std::string& text) -> nlohmann::json {
        auto parsed = nlohmann::json::parse(text, nullptr, false);
        if (parsed.is_discarded() || !parsed.is_number())
            invalid(key, "expected a number of seconds, got \"" + text + "\"");
        return parsed;
    };
    f.read = [member](const ServerConfig& c) { return seconds_json(c.*member); };
    return f;
}

ConfigField bool_field(std::string key, bool ServerConfig::*member, std::string help) {
    ConfigField f;
    f.key = key;
    f.help = std::move(help);
    f.assign = [key, member](ServerConfig& c, const nlohmann::json& v) {
        if (!v.is_boolean()) invalid(key, "expected true or false, got " + v.dump());
        c.*member = v.get<bool>();
    };
    f.from_text = [key](const std::string& text) -> nlohmann::json {
        if (text == "true" || text == "1") return true;
        if (text == "false" || text == "0") return false;
        invalid(key, "expected true, false, 1 or 0, got \"" + text + "\"");
    };
    f.read = [member](const ServerConfig& c) { return nlohmann::json(c.*member); };
    return f;
}

// `choices` empty: any string; `allow_empty` false: the empty string is refused.
ConfigField string_field(std::string key, std::string ServerConfig::*member, std::string help,
                         std::vector<std::string> choices = {}, bool allow_empty = false) {
    ConfigField f;
    f.key = key;
    f.help = std::move(help);
    f.assign = [key, member, choices, allow_empty](ServerConfig& c, const nlohmann::json& v) {
        if (!v.is_string()) invalid(key, "expected a string, got " + v.dump());
        auto s = v.get<std::string>();
        if (s.empty() && !allow_empty) invalid(key, "must not be empty");
        if (!choices.empty() && std::find(choices.begin(), choices.end(), s) == choices.end()) {
            std::string list;
            for (const auto& choice : choices) list += (list.empty() ? "" : "|") + choice;
            invalid(key, "must be one of " + list + ", got \"" + s + "\"");
        }
        c.*member = std::move(s);
    };
    f.from_text = [](const std::string& text) -> nlohmann::json { return text; };
    f.read = [member](const ServerConfig& c) { return nlohmann::json(c.*member); };
    return f;
}

// A list of strings: a JSON array in files, comma-separated in the environment. Each entry
// must pass `check` (which returns why it does not, or "").
ConfigField list_field(std::string key, std::vector<std::string> ServerConfig::*member,
                       std::string help, std::function<std::string(const std::string&)> check) {
    ConfigField f;
    f.key = key;
    f.help = std::move(help);
    f.assign = [key, member, check](ServerConfig& c, const nlohmann::json& v) {
        if (!v.is_array()) invalid(key, "expected a list of strings, got " + v.dump());
        std::vector<std::string> items;
        for (const auto& item : v) {
            if (!item.is_string()) invalid(key, "expected a list of strings, got " + v.dump());
            auto text = item.get<std::string>();
            if (auto why = check(text); !why.empty()) invalid(key, "\"" + text + "\": " + why);
            items.push_back(std::move(text));
        }
        c.*member = std::move(items);
    };
    f.from_text = [](const std::string& text) -> nlohmann::json {
        nlohmann::json items = nlohmann::json::array();
        std::size_t start = 0;
        while (start <= text.size()) {
            auto end = text.find(',', start);
            if (end == std::string::npos) end = text.size();
            auto item = text.substr(start, end - start);
            item.erase(0, item.find_first_not_of(" \t"));
            item.erase(item.find_last_not_of(" \t") + 1);
            if (!item.empty()) items.push_back(item);
            start = end + 1;
        }
        return items;
    };
    f.read = [member](const ServerConfig& c) { return nlohmann::json(c.*member); };
    return f;
}

// "*", "null" (sandboxed pages), or scheme://host[:port] with nothing after it: the form of a
// browser's Origin header.
std::string origin_problem(const std::string& origin) {
    if (origin == "*" || origin == "null") return "";
    const auto scheme_end = origin.find("://");
    if (scheme_end == std::string::npos || scheme_end == 0)
        return "expected scheme://host[:port] (e.g. https://decks.example.com), \"*\" or \"null\"";
    const auto host = origin.substr(scheme_end + 3);
    if (host.empty() || host.find_first_of("/?# \t") != std::string::npos)
        return "expected scheme://host[:port] with no path or trailing slash";
    return "";
}

std::vector<ConfigField> make_fields() {
    using C = ServerConfig;
    std::vector<ConfigField> f;
    f.push_back(string_field("bind", &C::bind, "address to listen on"));
    f.push_back(int_field("port", &C::port, 0, 65535, "TCP port; 0 picks a free one"));
    f.push_back(int_field("io_threads", &C::io_threads, 1, 256, "threads running network I/O"));
    f.push_back(int_field("max_workers", &C::max_workers, 0, 256,
                          "image-processing threads; 0 = one per hardware thread"));
    f.push_back(bool_field("enable_parallel", &C::enable_parallel,
                           "allow /process-batch-fast (parallel processing)"));
    f.push_back(int_field("max_file_size_mb", &C::max_file_size_mb, 1, 1024,
                          "largest accepted image file"));
    f.push_back(int_field("max_batch_size", &C::max_batch_size, 1, 10000,
                          "most files in one batch request"));
    f.push_back(int_field("max_body_mb", &C::max_body_mb, 1, 1 << 20,
                          "largest request body (a whole multipart upload)"));
    f.push_back(int_field("upload_memory_budget_mb", &C::upload_memory_budget_mb, 1, 1 << 20,
                          "upload bytes buffered over all requests before reading pauses"));
    f.push_back(seconds_field("image_timeout_s", &C::image_timeout,
                              "longest processing time of one image"));
    f.push_back(seconds_field("batch_ttl_s", &C::batch_ttl,
                              "how long a finished resumable batch stays readable"));
    f.push_back(seconds_field("heartbeat_s", &C::heartbeat, "interval of SSE heartbeats"));
    f.push_back(bool_field("full_duplex_streams", &C::full_duplex_streams,
                           "POST event streams start before the upload has ended (only for "
                           "clients that read while they send, never behind nginx); a request's "
                           "?duplex= overrides it"));
    f.push_back(string_field("instance_id", &C::instance_id,
                             "prefix of resumable batch ids; empty = derived from host:port", {},
                             true));
    f.push_back(seconds_field("header_timeout_s", &C::header_timeout,
                              "from a request's first byte to the end of its headers"));
    f.push_back(seconds_field("read_timeout_s", &C::read_timeout,
                              "longest silence while a request body is read"));
    f.push_back(seconds_field("idle_timeout_s", &C::idle_timeout,
                              "keep-alive: longest wait for the next request"));
    f.push_back(seconds_field("shutdown_grace_s", &C::shutdown_grace,
                              "time in-flight requests get after SIGINT/SIGTERM"));
    f.push_back(string_field("cards_csv", &C::cards_csv, "card database (cards.csv)"));
    f.push_back(string_field("tessdata_dir", &C::tessdata_dir,
                             "Tesseract models; empty = Debian's default", {}, true));
    f.push_back(string_field("web_root", &C::web_root, "folder served at /"));
    f.push_back(list_field("allowed_origins", &C::allowed_origins,
                           "browser origins allowed to call the API (CORS) besides the service's "
                           "own; \"*\" = any; comma-separated in the environment",
                           origin_problem));
    f.push_back(bool_field("cors_allow_credentials", &C::cors_allow_credentials,
                           "send Access-Control-Allow-Credentials: true (not with \"*\")"));
    f.push_back(string_field("api_keys_file", &C::api_keys_file,
                             "file of SHA-256 key hashes and labels; empty = no API keys needed",
                             {}, true));
    f.push_back(int_field("max_concurrent_batches_per_client",
                          &C::max_concurrent_batches_per_client, 0, 100000,
                          "batch requests one client may run at once; 0 = unlimited"));
    f.push_back(int_field("images_per_minute_per_client", &C::images_per_minute_per_client, 0,
                          10000000, "images one client may send per minute; 0 = unlimited"));
    f.push_back(string_field("data_dir", &C::data_dir,
                             "folder of the decklist library's SQLite file (and its screenshots)"));
    f.push_back(string_field("store_url", &C::store_url,
                             "postgresql://user@host/db to share one library between instances; "
                             "empty = SQLite under data_dir",
                             {}, true));
    f.push_back(bool_field("keep_images", &C::keep_images,
                           "store each saved decklist's screenshot (false: only its SHA-256)"));
    f.push_back(bool_field("save_by_default", &C::save_by_default,
                           "upload routes save their decklists unless a request says ?save=false"));
    f.push_back(bool_field("library_writes_from_any_client", &C::library_writes_from_any_client,
                           "without API keys, let clients not on this machine PATCH and DELETE "
                           "saved decklists"));
    f.push_back(string_field(
        "webhook_url", &C::webhook_url,
        "http:// URL each saved or corrected decklist is POSTed to; empty = none", {}, true));
    f.push_back(string_field("webhook_secret", &C::webhook_secret,
                             "key of the webhook's X-Signature-256 (HMAC-SHA256 of the body)", {},
                             true));
    f.push_back(string_field("log_level", &C::log_level, "least severe level logged",
                             {"trace", "debug", "info", "warn", "error", "critical", "off"}));
    f.push_back(string_field("log_format", &C::log_format, "log line format", {"text", "json"}));
    return f;
}

}  // namespace

const std::vector<ConfigField>& config_fields() {
    static const std::vector<ConfigField> fields = make_fields();
    return fields;
}

const ConfigField* find_config_field(const std::string& key) {
    for (const auto& f : config_fields())
        if (f.key == key) return &f;
    return nullptr;
}

std::string env_name(const std::string& key) {
    std::string name = "DECKLIST_";
    for (char c : key) name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

}  // namespace decklist::http::config_detail
