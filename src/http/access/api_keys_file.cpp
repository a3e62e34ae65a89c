#include "http/access/api_keys_file.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "decklist/error.hpp"

namespace decklist::http {
namespace {

[[noreturn]] void bad_line(std::size_t number, const std::string& why) {
    throw Error(ErrorType::validation, "line " + std::to_string(number) + ": " + why,
                {{"line", number}});
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

}  // namespace

bool valid_api_key_label(std::string_view label) noexcept {
    if (label.empty() || label.size() > 64) return false;
    return std::all_of(label.begin(), label.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
    });
}

std::vector<ApiKeyEntry> parse_api_keys(std::string_view text) {
    constexpr const char* kShape =
        "expected \"<sha256 of the key, 64 hex digits> <label> [read-only]\"";
    std::vector<ApiKeyEntry> entries;
    std::size_t number = 0;
    while (!text.empty()) {
        ++number;
        const auto eol = text.find('\n');
        const auto line = trim(text.substr(0, eol));
        text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
        if (line.empty() || line.front() == '#') continue;

        const auto gap = std::find_if(line.begin(), line.end(), is_space) - line.begin();
        const auto hash_text = line.substr(0, static_cast<std::size_t>(gap));
        auto label = trim(line.substr(static_cast<std::size_t>(gap)));
        ApiKeyEntry entry;
        const auto digest = digest_from_hex(hash_text);
        if (!digest || label.empty()) bad_line(number, kShape);
        entry.hash = *digest;
        const auto flag_gap = std::find_if(label.begin(), label.end(), is_space) - label.begin();
        if (static_cast<std::size_t>(flag_gap) < label.size()) {
            const auto flag = trim(label.substr(static_cast<std::size_t>(flag_gap)));
            if (flag != "read-only")
                bad_line(number, "unknown flag \"" + std::string(flag) +
                                     "\" after the label (the only one is read-only)");
            entry.read_only = true;
            label = label.substr(0, static_cast<std::size_t>(flag_gap));
        }
        if (!valid_api_key_label(label))
            bad_line(number, "label \"" + std::string(label) +
                                 "\" must be 1-64 characters of [A-Za-z0-9._-]");
        for (const auto& earlier : entries)
            if (earlier.hash == entry.hash)
                bad_line(number,
                         "this key hash is already listed (label \"" + earlier.label + "\")");
        entry.label = std::string(label);
        entries.push_back(std::move(entry));
    }
    return entries;
}

std::vector<ApiKeyEntry> load_api_keys_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorType::validation, path + ": cannot open", {{"path", path}});
    std::ostringstream text;
    text << in.rdbuf();
    try {
        return parse_api_keys(text.str());
    } catch (const Error& e) {
        throw Error(e.kind(), path + ": " + e.what(), e.detail());
    }
}

}  // namespace decklist::http
