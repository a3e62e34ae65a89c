#include "decklist/library/event_export.hpp"

#include "decklist/section.hpp"

namespace decklist {
namespace {

// A string member of a JSON object, "" when absent, null or of another type.
std::string export_text_at(const nlohmann::json& object, std::string_view key) {
    if (!object.is_object()) return "";
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// An integer member as text, "" when absent or not an integer.
std::string export_integer_at(const nlohmann::json& object, std::string_view key) {
    if (!object.is_object()) return "";
    const auto it = object.find(key);
    return it != object.end() && it->is_number_integer() ? std::to_string(it->get<long long>())
                                                         : "";
}

// The cards (or tiles) of one section; an empty array when the section is missing.
const nlohmann::json& export_section(const nlohmann::json& object, std::string_view key) {
    static const nlohmann::json empty = nlohmann::json::array();
    if (!object.is_object()) return empty;
    const auto it = object.find(key);
    return it != object.end() && it->is_array() ? *it : empty;
}

// An object member of a JSON object; an empty object when it is missing.
const nlohmann::json& export_object_at(const nlohmann::json& object, std::string_view key) {
    static const nlohmann::json empty = nlohmann::json::object();
    if (!object.is_object()) return empty;
    const auto it = object.find(key);
    return it != object.end() && it->is_object() ? *it : empty;
}

const nlohmann::json& export_metadata(const StoredDecklist& stored) {
    return export_object_at(stored.decklist, "metadata");
}

// A spreadsheet runs a cell that starts with one of these as a formula, and player and deck
// names are typed by whoever took the screenshot: a leading ' makes the cell plain text
// (OWASP's advice for CSV injection; tab and CR are the same trick with a hidden start).
bool export_looks_like_formula(std::string_view field) {
    if (field.empty()) return false;
    const char first = field.front();
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' ||
           first == '\r';
}

// One RFC 4180 field: quoted when it holds a separator, a quote or a line break.
void export_csv_field(std::string& out, std::string_view raw) {
    std::string field;
    if (export_looks_like_formula(raw)) field += '\'';
    field += raw;
    if (field.find_first_of(",\"\r\n") == std::string::npos) {
        out += field;
        return;
    }
    out += '"';
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

void export_csv_row(std::string& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out += ',';
        export_csv_field(out, fields[i]);
    }
    out += "\r\n";
}

const std::vector<std::string> kExportCsvHeader = {
    "decklist_id", "event",   "date",      "placement",    "player",
    "deck_name",   "legend",  "deck_code", "section",      "card_number",
    "name_en",     "name_cn", "quantity",  "needs_review", "matched"};

// One row per matched card and one per unmatched tile (matched=false, the text read in
// name_cn), so that a tile nobody corrected is visible rather than silently missing; a deck
// with neither still gets one row, with empty card fields, so that no deck disappears.
std::string export_csv(const std::vector<StoredDecklist>& decklists) {
    std::string out;
    export_csv_row(out, kExportCsvHeader);
    for (const StoredDecklist& stored : decklists) {
        const std::vector<std::string> deck = {
            stored.id,     stored.event,
            stored.date,   stored.placement ? std::to_string(*stored.placement) : "",
            stored.player, export_text_at(export_metadata(stored), "deck_name"),
            stored.legend, stored.deck_code};
        const std::string needs_review = stored.needs_review ? "true" : "false";
        auto row = [&](std::string_view section, std::string card_number, std::string name_en,
                       std::string name_cn, std::string quantity, std::string matched) {
            std::vector<std::string> fields = deck;
            fields.insert(fields.end(), {std::string(section), std::move(card_number),
                                         std::move(name_en), std::move(name_cn),
                                         std::move(quantity), needs_review, std::move(matched)});
            export_csv_row(out, fields);
        };
        const std::size_t before = out.size();
        const nlohmann::json& unmatched = export_object_at(stored.decklist, "unmatched");
        for (Section s : kAllSections) {
            const std::string_view key = section_key(s);
            for (const nlohmann::json& card : export_section(stored.decklist, key))
                row(key, export_text_at(card, "card_number"), export_text_at(card, "name_en"),
                    export_text_at(card, "name_cn"), export_integer_at(card, "quantity"), "true");
            for (const nlohmann::json& tile : export_section(unmatched, key))
                row(key, "", "", export_text_at(tile, "ocr_text"),
                    export_integer_at(tile, "quantity"), "false");
        }
        if (out.size() == before) row("", "", "", "", "", "");
    }
    return out;
}

std::string export_json(std::string_view event, const std::vector<StoredDecklist>& decklists) {
    nlohmann::json items = nlohmann::json::array();
    for (const StoredDecklist& stored : decklists) {
        nlohmann::json item =
            stored.decklist.is_object() ? stored.decklist : nlohmann::json::object();
        item["id"] = stored.id;
        item["revision"] = stored.revision;
        items.push_back(std::move(item));
    }
    const nlohmann::json body = {{"event", event}, {"decklists", std::move(items)}};
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string export_ordinal(int n) {
    const int tens = n % 100, ones = n % 10;
    const char* suffix = (tens >= 11 && tens <= 13) ? "th"
                         : ones == 1                ? "st"
                         : ones == 2                ? "nd"
                         : ones == 3                ? "rd"
                                                    : "th";
    return std::to_string(n) + suffix;
}

// "# 1st place - Alice - Kai'Sa Aggro": who played what, what a reader scans for. The deck
// name falls back to the legend; the id stands in only when nothing else is known.
std::string export_txt_header(const StoredDecklist& stored) {
    std::vector<std::string> parts;
    if (stored.placement) parts.push_back(export_ordinal(*stored.placement) + " place");
    if (!stored.player.empty()) parts.push_back(stored.player);
    std::string deck_name = export_text_at(export_metadata(stored), "deck_name");
    if (deck_name.empty()) deck_name = stored.legend;
    if (!deck_name.empty()) parts.push_back(deck_name);
    if (parts.empty()) parts.push_back("Decklist " + stored.id);
    std::string header = "#";
    for (std::size_t i = 0; i < parts.size(); ++i) header += (i ? " - " : " ") + parts[i];
    // A line break in a typed name would start a line that looks like part of the list.
    for (char& c : header)
        if (c == '\r' || c == '\n') c = ' ';
    return header;
}

std::string export_txt(const std::vector<StoredDecklist>& decklists) {
    std::string out;
    for (const StoredDecklist& stored : decklists) {
        if (!out.empty()) out += '\n';
        out += export_txt_header(stored) + '\n';
        const nlohmann::json& decklist = stored.decklist;
        const auto it = decklist.is_object() ? decklist.find("text") : decklist.end();
        if (it == decklist.end() || !it->is_string()) {
            out += "(this decklist could not be rendered as text)\n";
            continue;
        }
        std::string text = it->get<std::string>();
        while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
        out += (text.empty() ? "(no cards)" : text) + '\n';
    }
    return out;
}

}  // namespace

std::optional<EventExportFormat> event_export_format(std::string_view name) {
    if (name == "csv") return EventExportFormat::csv;
    if (name == "json") return EventExportFormat::json;
    if (name == "txt") return EventExportFormat::txt;
    return std::nullopt;
}

EventExport export_event(std::string_view event, const std::vector<StoredDecklist>& decklists,
                         EventExportFormat format) {
    switch (format) {
        case EventExportFormat::csv:
            return {export_csv(decklists), "text/csv; charset=utf-8", "csv"};
        case EventExportFormat::json:
            return {export_json(event, decklists), "application/json", "json"};
        case EventExportFormat::txt:
            return {export_txt(decklists), "text/plain; charset=utf-8", "txt"};
    }
    return {export_json(event, decklists), "application/json", "json"};
}

}  // namespace decklist
