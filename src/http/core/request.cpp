#include "http/core/request.hpp"

#include <array>

#include "decklist/error.hpp"

namespace decklist::http {

std::string RequestInfo::header(std::string_view name) const {
    auto it = headers.find(beast::string_view(name.data(), name.size()));
    return it == headers.end() ? std::string() : std::string(it->value());
}

std::optional<std::string> RequestInfo::query_value(const std::string& key) const {
    auto it = query.find(key);
    if (it == query.end()) return std::nullopt;
    return it->second;
}

std::optional<bool> RequestInfo::query_flag(const std::string& key) const {
    const auto value = query_value(key);
    if (!value) return std::nullopt;
    constexpr std::array<const char*, 5> yes = {"", "1", "true", "yes", "on"};
    constexpr std::array<const char*, 4> no = {"0", "false", "no", "off"};
    for (const char* word : yes)
        if (beast::iequals(*value, word)) return true;
    for (const char* word : no)
        if (beast::iequals(*value, word)) return false;
    throw Error(ErrorType::validation, "?" + key + "= takes 1/true/yes/on or 0/false/no/off",
                {{"parameter", key}, {"value", *value}});
}

std::optional<std::string> RequestInfo::param(const std::string& key) const {
    auto it = params.find(key);
    if (it == params.end()) return std::nullopt;
    return it->second;
}

}  // namespace decklist::http
