#include "ocr/text_cleanup.hpp"

#include <cctype>

namespace decklist::ocr {
namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool is_ascii(char c) {
    return static_cast<unsigned char>(c) < 0x80;
}

// Chinese input methods type full-width brackets, which Tesseract reads as ASCII ones with a
// space where the glyph's blank half is. A bracket that opens onto, or closes after, a
// non-ASCII character is taken to be full-width; Latin text keeps its ASCII brackets.
std::string full_width_brackets(const std::string& line) {
    std::string out;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '(') {
            std::size_t next = i + 1;
            while (next < line.size() && line[next] == ' ') ++next;
            if (next < line.size() && !is_ascii(line[next])) {
                out += "\xEF\xBC\x88";  // U+FF08
                continue;
            }
        } else if (c == ')') {
            std::size_t end = out.size();
            while (end > 0 && out[end - 1] == ' ') --end;
            if (end > 0 && !is_ascii(out[end - 1])) {
                out += "\xEF\xBC\x89";  // U+FF09
                continue;
            }
        }
        out.push_back(c);
    }
    return out;
}

char lower(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool same_but_case(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

// "LizZ" -> "Liz", "MaXxzen" -> "Maxzen": a letter followed by itself in the other case.
std::string undo_case_doubles(const std::string& text) {
    std::string out;
    for (char c : text) {
        const bool doubled = !out.empty() && std::isalpha(static_cast<unsigned char>(c)) &&
                             out.back() != c && lower(out.back()) == lower(c);
        if (!doubled) out.push_back(c);
    }
    return out;
}

}  // namespace

std::string latin_letter_case(const std::string& chi_sim, const std::string& eng) {
    if (eng.empty()) return chi_sim;
    if (same_but_case(chi_sim, eng) || same_but_case(undo_case_doubles(chi_sim), eng)) return eng;
    return chi_sim;
}

std::string clean_line(std::string_view raw) {
    std::string collapsed;
    for (char c : raw) {
        if (is_space(c)) {
            if (!collapsed.empty() && collapsed.back() != ' ') collapsed.push_back(' ');
        } else {
            collapsed.push_back(c);
        }
    }
    while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
    collapsed = full_width_brackets(collapsed);
    std::string out;
    for (std::size_t i = 0; i < collapsed.size(); ++i) {
        if (collapsed[i] == ' ') {
            const bool before_ascii = !out.empty() && is_ascii(out.back());
            const bool after_ascii = i + 1 < collapsed.size() && is_ascii(collapsed[i + 1]);
            if (!before_ascii || !after_ascii) continue;
        }
        out.push_back(collapsed[i]);
    }
    return out;
}

}  // namespace decklist::ocr
