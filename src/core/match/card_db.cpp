#include "decklist/match/card_db.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>
#include <tuple>

#include "decklist/error.hpp"
#include "decklist/match/csv.hpp"
#include "match/printing_order.hpp"

namespace decklist {
namespace {

[[noreturn]] void invalid(const std::string& path, std::size_t line, const std::string& what) {
    std::string message = "card database " + path;
    if (line > 0) message += ":" + std::to_string(line);
    message += ": " + what;
    throw Error(ErrorType::validation, message, {{"file", path}, {"line", line}, {"reason", what}});
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) invalid(path, 0, "cannot open file");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) invalid(path, 0, "cannot read file");
    return buffer.str();
}

std::string trim(std::string_view s) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return std::string(s);
}

// Maps header names to column positions; optional columns may be absent.
class Columns {
  public:
    Columns(const CsvRecord& header, const std::string& path) {
        for (std::size_t i = 0; i < header.fields.size(); ++i) index_[trim(header.fields[i])] = i;
        for (const char* required : {"name_cn", "name_en", "card_number", "type_en"})
            if (!index_.count(required))
                invalid(path, header.line, std::string("missing column ") + required);
        width_ = header.fields.size();
    }
    std::size_t width() const { return width_; }
    std::string get(const CsvRecord& record, const std::string& name) const {
        const auto it = index_.find(name);
        return it == index_.end() ? std::string() : trim(record.fields[it->second]);
    }

  private:
    std::unordered_map<std::string, std::size_t> index_;
    std::size_t width_ = 0;
};

std::optional<int> parse_cost(const std::string& text, const std::string& path, std::size_t line) {
    if (text.empty()) return std::nullopt;
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        invalid(path, line, "cost is not a number: \"" + text + "\"");
    return value;
}

CardRecord to_card(const CsvRecord& record, const Columns& columns, const std::string& path) {
    if (record.fields.size() != columns.width())
        invalid(path, record.line,
                "expected " + std::to_string(columns.width()) + " fields, found " +
                    std::to_string(record.fields.size()));
    CardRecord card;
    card.name_cn = columns.get(record, "name_cn");
    if (card.name_cn.empty()) invalid(path, record.line, "empty name_cn");
    card.name_en = columns.get(record, "name_en");
    card.card_number = columns.get(record, "card_number");
    card.domain_cn = columns.get(record, "domain_cn");
    card.domain_en = columns.get(record, "domain_en");
    card.cost = parse_cost(columns.get(record, "cost"), path, record.line);
    card.type_cn = columns.get(record, "type_cn");
    card.type_en = columns.get(record, "type_en");
    card.rarity_cn = columns.get(record, "rarity_cn");
    card.rarity_en = columns.get(record, "rarity_en");
    card.description_cn = columns.get(record, "description_cn");
    card.description_en = columns.get(record, "description_en");
    card.image_url_cn = columns.get(record, "image_url_cn");
    card.image_url_en = columns.get(record, "image_url_en");
    std::string temporary = columns.get(record, "temporary");
    std::transform(temporary.begin(), temporary.end(), temporary.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    card.temporary = temporary == "YES" || temporary == "TRUE" || temporary == "1";
    return card;
}

}  // namespace

void split_name_cn(std::string_view name_cn, std::string& title, std::string& subtitle) {
    const auto comma = name_cn.find(", ");
    if (comma == std::string_view::npos) {
        title = std::string(name_cn);
        subtitle.clear();
        return;
    }
    title = std::string(name_cn.substr(0, comma));
    subtitle = std::string(name_cn.substr(comma + 2));
}

CardDatabase CardDatabase::load_csv(const std::string& path) {
    const std::string text = read_file(path);
    std::vector<CsvRecord> records;
    try {
        records = parse_csv(text);
    } catch (const CsvError& e) {
        invalid(path, e.line(), e.what());
    }
    if (records.empty()) invalid(path, 0, "file is empty");
    const Columns columns(records.front(), path);
    std::vector<CardRecord> rows;
    rows.reserve(records.size() - 1);
    for (std::size_t i = 1; i < records.size(); ++i)
        rows.push_back(to_card(records[i], columns, path));
    if (rows.empty()) invalid(path, 0, "no card rows");
    return from_rows(std::move(rows));
}

CardDatabase CardDatabase::from_rows(std::vector<CardRecord> rows) {
    CardDatabase db;
    db.rows_ = std::move(rows);
    for (CardRecord& row : db.rows_)
        if (row.title.empty()) split_name_cn(row.name_cn, row.title, row.subtitle);
    db.index();
    return db;
}

void CardDatabase::index() {
    names_.clear();
    by_name_.clear();
    preferred_.clear();
    by_number_.clear();
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        auto [it, inserted] = by_name_.try_emplace(rows_[i].name_cn);
        if (inserted) names_.push_back(rows_[i].name_cn);
        it->second.push_back(i);
        if (!rows_[i].card_number.empty()) by_number_.try_emplace(rows_[i].card_number, i);
    }
    for (const auto& [name, indexes] : by_name_) {
        const auto best =
            std::min_element(indexes.begin(), indexes.end(), [this](std::size_t a, std::size_t b) {
                return printing_order_key(rows_[a]) < printing_order_key(rows_[b]);
            });
        preferred_[name] = *best;
    }
}

std::vector<const CardRecord*> CardDatabase::printings(std::string_view name_cn) const {
    std::vector<const CardRecord*> result;
    const auto it = by_name_.find(std::string(name_cn));
    if (it == by_name_.end()) return result;
    for (std::size_t i : it->second) result.push_back(&rows_[i]);
    return result;
}

const CardRecord* CardDatabase::preferred_printing(std::string_view name_cn) const {
    const auto it = preferred_.find(std::string(name_cn));
    return it == preferred_.end() ? nullptr : &rows_[it->second];
}

const CardRecord* CardDatabase::by_card_number(std::string_view card_number) const {
    const auto it = by_number_.find(std::string(card_number));
    return it == by_number_.end() ? nullptr : &rows_[it->second];
}

}  // namespace decklist
