#pragma once
// The table of config keys: one entry per key, with its type, range and documentation.

#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/config/server_config.hpp"

namespace decklist::http::config_detail {

struct ConfigField {
    std::string key;
    std::string help;
    // Reads the value (already parsed from JSON or from an environment string) into the
    // config; throws Error(validation) naming the key when the type or range is wrong.
    std::function<void(ServerConfig&, const nlohmann::json&)> assign;
    // Converts an environment variable's text to the JSON value `assign` expects.
    std::function<nlohmann::json(const std::string&)> from_text;
    std::function<nlohmann::json(const ServerConfig&)> read;
};

const std::vector<ConfigField>& config_fields();
const ConfigField* find_config_field(const std::string& key);
std::string env_name(const std::string& key);  // "log_format" -> "DECKLIST_LOG_FORMAT"

}  // namespace decklist::http::config_detail
