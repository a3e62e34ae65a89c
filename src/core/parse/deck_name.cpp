#include "decklist/parse/deck_name.hpp"

#include "decklist/match/utf8.hpp"
#include "parse/field_readers.hpp"

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

namespace decklist::parse {

// Decks are often named after their legend (无极剑圣, 盲僧控制), whose title the legend tile
// gives exactly; chi_sim misreads a character of such a name now and then (盲 as 言). When
// the reading is that title but for one character, the renderings decide between the two.
void read_deck_name(PageText& page, const TextBox& line, ParsedMetadata& metadata) {
    const cv::Mat crop = page.crop(line);
    const std::string reading = read_free_text(page.ocr, crop).text;
    metadata.deck_name = reading;
    const auto titled = with_title_in_place(reading, page.legend_title);
    if (!titled) return;
    const auto closest = page.ocr.match_rendering(crop, {reading, *titled}, Renderings::this_call);
    if (closest) metadata.deck_name = closest->text;
}

}  // namespace decklist::parse
