#include <chrono>
#include <cstdio>
#include <ctime>
#include <set>

#include "decklist/assemble/uuid.hpp"
#include "decklist/error.hpp"
#include "library/store_internal.hpp"

namespace decklist::library {
namespace {

// A non-empty string member of an object, or nothing (null, absent, another type).
std::optional<std::string> columns_string_at(const nlohmann::json& object, const char* key) {
    if (!object.is_object()) return std::nullopt;
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string()) return std::nullopt;
    std::string value = it->get<std::string>();
    if (value.empty()) return std::nullopt;
    return value;
}

constexpr const char* kColumnsSections[] = {"legend", "main_deck", "battlefields", "runes",
                                            "side_deck"};

bool columns_is_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

}  // namespace

DecklistColumns decklist_columns(const nlohmann::json& decklist) {
    DecklistColumns c;
    c.id = columns_string_at(decklist, "decklist_id").value_or("");
    c.filename = columns_string_at(decklist, "filename").value_or("");
    const nlohmann::json empty = nlohmann::json::object();
    const nlohmann::json& metadata =
        decklist.is_object() && decklist.contains("metadata") ? decklist.at("metadata") : empty;
    c.event = columns_string_at(metadata, "event");
    c.date = columns_string_at(metadata, "date");
    c.player = columns_string_at(metadata, "player");
    if (metadata.is_object()) {
        const auto it = metadata.find("placement");
        if (it != metadata.end() && it->is_number_integer()) c.placement = it->get<int>();
    }
    c.deck_code = columns_string_at(decklist, "deck_code");
    if (decklist.is_object()) {
        const auto review = decklist.find("needs_review");
        c.needs_review = review != decklist.end() && review->is_boolean() && review->get<bool>();
        const auto legend = decklist.find("legend");
        if (legend != decklist.end() && legend->is_array() && !legend->empty()) {
            const nlohmann::json& first = legend->front();
            c.legend = columns_string_at(first, "name_en");
            if (!c.legend) c.legend = columns_string_at(first, "name_cn");
        }
    }

    // Each name once: a main deck lists a card once per printing, and the legend's name is
    // also the deck's name more often than not.
    std::vector<std::string> lines;
    std::set<std::string> seen;
    auto add = [&](std::optional<std::string> value) {
        if (value && seen.insert(*value).second) lines.push_back(std::move(*value));
    };
    add(columns_string_at(metadata, "deck_name"));
    add(c.event);
    add(c.player);
    if (decklist.is_object()) {
        for (const char* section : kColumnsSections) {
            const auto it = decklist.find(section);
            if (it == decklist.end() || !it->is_array()) continue;
            for (const nlohmann::json& card : *it) {
                add(columns_string_at(card, "name_cn"));
                add(columns_string_at(card, "name_en"));
            }
        }
    }
    for (const std::string& line : lines) {
        if (!c.search_text.empty()) c.search_text += '\n';
        c.search_text += line;
    }
    return c;
}

std::string stored_json(const nlohmann::json& decklist) {
    return decklist.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json parse_stored_json(std::string_view text) {
    try {
        return nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
        throw Error(ErrorType::internal,
                    std::string("decklist library: a stored decklist is not JSON: ") + e.what());
    }
}

std::string utc_now_iso8601() {
    return utc_iso8601(std::chrono::system_clock::now());
}

std::string utc_iso8601(std::chrono::system_clock::time_point time) {
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count();
    const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&seconds, &tm);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms % 1000));
    return buffer;
}

std::chrono::system_clock::time_point parse_utc_iso8601(std::string_view text) {
    std::tm tm{};
    int millis = 0;
    char zone = 0;
    const std::string copy(text);
    if (copy.size() != 24 ||
        std::sscanf(copy.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d%c", &tm.tm_year, &tm.tm_mon,
                    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &millis, &zone) != 8 ||
        zone != 'Z')
        throw Error(ErrorType::internal,
                    "decklist library: a stored time is not ISO 8601 UTC: " + copy);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return std::chrono::system_clock::from_time_t(timegm(&tm)) + std::chrono::milliseconds(millis);
}

OutboxEntry outbox_entry(std::string_view kind, const std::string& decklist_id, int revision,
                         const nlohmann::json& decklist, const std::string& created_at) {
    OutboxEntry entry{make_uuid4(), std::string(kind), {}};
    entry.payload = stored_json({{"event", entry.kind},
                                 {"delivery_id", entry.delivery_id},
                                 {"decklist_id", decklist_id},
                                 {"revision", revision},
                                 {"decklist", decklist},
                                 {"created_at", created_at}});
    return entry;
}

std::string encode_cursor(std::int64_t seq) {
    return std::to_string(seq);
}

std::optional<std::int64_t> decode_cursor(std::string_view cursor) {
    if (cursor.empty()) return std::nullopt;
    // 18 digits cannot overflow an int64; a seq never comes near that.
    bool digits = cursor.size() <= 18;
    for (char ch : cursor) digits = digits && ch >= '0' && ch <= '9';
    std::int64_t seq = 0;
    if (digits)
        for (char ch : cursor) seq = seq * 10 + (ch - '0');
    if (!digits || seq <= 0)
        throw Error(ErrorType::validation,
                    "cursor is not one this server returned: pass next_cursor unchanged",
                    {{"field", "cursor"}});
    return seq;
}

int clamp_limit(int limit) noexcept {
    return limit < 1 ? 1 : (limit > kMaxListLimit ? kMaxListLimit : limit);
}

std::string like_contains_pattern(std::string_view text) {
    std::string pattern = "%";
    for (char ch : text) {
        if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
        pattern += ch;
    }
    pattern += '%';
    return pattern;
}

std::string checked_sha256(std::string_view sha256) {
    std::string out(sha256);
    bool ok = out.size() == 64;
    for (char& ch : out) {
        if (ch >= 'A' && ch <= 'F') ch = static_cast<char>(ch - 'A' + 'a');
        ok = ok && ((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f'));
    }
    if (!ok)
        throw Error(ErrorType::validation, "image_sha256 must be 64 hexadecimal digits",
                    {{"field", "image_sha256"}});
    return out;
}

void check_query(const DecklistQuery& query) {
    for (const auto* bound : {&query.date_from, &query.date_to}) {
        if (*bound && !columns_is_date(**bound))
            throw Error(ErrorType::validation, "dates must be YYYY-MM-DD, got \"" + **bound + "\"",
                        {{"field", bound == &query.date_from ? "date_from" : "date_to"}});
    }
}

std::string redacted_url(std::string_view url) {
    std::string out(url);
    // URI form: scheme://user:password@host...
    const auto scheme = out.find("://");
    if (scheme != std::string::npos) {
        const auto start = scheme + 3;
        const auto end = out.find_first_of("/?#", start);
        const auto at = out.rfind('@', end == std::string::npos ? out.size() : end);
        if (at != std::string::npos && at > start) {
            const auto colon = out.find(':', start);
            if (colon != std::string::npos && colon < at)
                out.replace(colon + 1, at - colon - 1, "***");
        }
    }
    // Either form may carry password=... (a query parameter or a keyword).
    for (std::size_t pos = out.find("password="); pos != std::string::npos;
         pos = out.find("password=", pos + 1)) {
        const auto value = pos + 9;
        const auto end = out.find_first_of("& ", value);
        out.replace(value, (end == std::string::npos ? out.size() : end) - value, "***");
    }
    return out;
}

}  // namespace decklist::library
