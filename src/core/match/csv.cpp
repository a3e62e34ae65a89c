#include "decklist/match/csv.hpp"

namespace decklist {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

[[noreturn]] void fail(std::size_t line, const std::string& what) {
    throw CsvError(line, what);
}

// A small state machine over the bytes; field contents are copied verbatim (UTF-8 passes
// through untouched because every byte that matters is ASCII).
class CsvParser {
  public:
    explicit CsvParser(std::string_view text) : text_(text) {
        if (text_.substr(0, kUtf8Bom.size()) == kUtf8Bom) pos_ = kUtf8Bom.size();
    }

    std::vector<CsvRecord> parse() {
        std::vector<CsvRecord> records;
        while (pos_ < text_.size()) {
            CsvRecord record;
            record.line = line_;
            read_record(record.fields);
            // A blank line is not a record (it would read as one empty field).
            if (record.fields.size() == 1 && record.fields[0].empty()) continue;
            records.push_back(std::move(record));
        }
        return records;
    }

  private:
    std::string_view text_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;

    // Reads fields up to and including the record's line break (or the end of the text).
    void read_record(std::vector<std::string>& fields) {
        for (;;) {
            fields.push_back(peek() == '"' ? read_quoted() : read_bare());
            if (pos_ >= text_.size()) return;
            const char c = text_[pos_];
            if (c == ',') {
                ++pos_;
                continue;
            }
            consume_line_break();
            return;
        }
    }

    std::string read_quoted() {
        const std::size_t start_line = line_;
        ++pos_;  // opening quote
        std::string value;
        for (;;) {
            if (pos_ >= text_.size()) fail(start_line, "unterminated quoted field");
            const char c = text_[pos_++];
            if (c == '"') {
                if (peek() == '"') {
                    value.push_back('"');
                    ++pos_;
                    continue;
                }
                if (pos_ < text_.size()) {
                    const char next = text_[pos_];
                    if (next != ',' && next != '\n' && next != '\r')
                        fail(line_, "unexpected character after closing quote");
                }
                return value;
            }
            if (c == '\n') ++line_;
            value.push_back(c);
        }
    }

    std::string read_bare() {
        const std::size_t start = pos_;
        while (pos_ < text_.size()) {
            const char c = text_[pos_];
            if (c == ',' || c == '\n' || c == '\r') break;
            if (c == '"') fail(line_, "quote inside an unquoted field");
            ++pos_;
        }
        return std::string(text_.substr(start, pos_ - start));
    }

    void consume_line_break() {
        if (text_[pos_] == '\r') ++pos_;
        if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
        ++line_;
    }

    char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
};

}  // namespace

std::vector<CsvRecord> parse_csv(std::string_view text) {
    return CsvParser(text).parse();
}

}  // namespace decklist
