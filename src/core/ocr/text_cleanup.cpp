#include "ocr/text_cleanup.hpp"

#include <cctype>

namespace decklist::ocr {

std::string clean_line(std::string_view raw) {
    std::string collapsed;
    for (char c : raw) {
        const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
        if (space) {
            if (!collapsed.empty() && collapsed.back() != ' ') collapsed.push_back(' ');
        } else {
            collapsed.push_back(c);
        }
    }
    while (!collapsed.empty() && collapsed.back() == ' ') collapsed.pop_back();
    std::string out;
    for (std::size_t i = 0; i < collapsed.size(); ++i) {
        if (collapsed[i] == ' ') {
            const bool before_ascii = !out.empty() && static_cast<unsigned char>(out.back()) < 0x80;
            const bool after_ascii =
                i + 1 < collapsed.size() && static_cast<unsigned char>(collapsed[i + 1]) < 0x80;
            if (!before_ascii || !after_ascii) continue;
        }
        out.push_back(collapsed[i]);
    }
    return out;
}

}  // namespace decklist::ocr
