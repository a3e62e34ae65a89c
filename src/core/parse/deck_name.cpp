#include "decklist/parse/deck_name.hpp"

#include "decklist/match/utf8.hpp"

namespace decklist::parse {

std::optional<std::string> with_title_in_place(const std::string& reading,
                                               const std::string& title) {
    const std::u32string read = utf8::decode(reading);
    const std::u32string want = utf8::decode(title);
    if (want.size() < 2 || want.size() > read.size()) return std::nullopt;
    if (read.find(want) != std::u32string::npos) return std::nullopt;
    for (std::size_t at = 0; at + want.size() <= read.size(); ++at) {
        std::size_t different = 0;
        for (std::size_t i = 0; i < want.size() && different < 2; ++i)
            different += read[at + i] != want[i];
        if (different != 1) continue;
        std::u32string out = read;
        out.replace(at, want.size(), want);
        return utf8::encode(out);
    }
    return std::nullopt;
}

}  // namespace decklist::parse
