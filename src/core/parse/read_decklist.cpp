// read_decklist: layout, then one OCR call per line of text, then the sections merged
// (a stitched screenshot may show a panel twice) into a ParsedDecklist.

#include "decklist/parse/read_decklist.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include <opencv2/imgproc.hpp>

#include "common/stopwatch.hpp"
#include "decklist/error.hpp"
#include "decklist/layout/page_layout.hpp"
#include "decklist/ocr/prepare_crop.hpp"
#include "decklist/ocr/read_quantity.hpp"
#include "decklist/parse/deck_name.hpp"
#include "parse/section_title.hpp"

namespace decklist {
namespace {

// Glyph heights the crops are scaled to; Tesseract's models read 30-40 px glyphs best.
constexpr int kNameHeight = 36;
constexpr int kDigitHeight = 32;

std::optional<int> parse_number(const std::string& digits) {
    if (digits.empty() || digits.size() > 4) return std::nullopt;
    int value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

struct ReadSection {
    std::optional<Section> section;
    std::vector<ParsedTile> tiles;
    bool cut_off = false;
};

class PageReader {
  public:
    PageReader(const cv::Mat& grey, OcrEngine& ocr, std::vector<std::string>& warnings)
        : grey_(grey), ocr_(ocr), warnings_(warnings) {}

    // `legend_title`: the legend tile's title as read (empty when there is none).
    ParsedMetadata read_header(const HeaderLayout& header, const std::string& legend_title) {
        ParsedMetadata out;
        if (header.deck_name) out.deck_name = deck_name(*header.deck_name, legend_title);
        if (header.event) out.event = text(*header.event);
        if (header.date) {
            out.date = ocr_.read_date(prepare_line_crop(grey_, *header.date, kNameHeight)).text;
        }
        if (header.player) out.player = text(*header.player);
        if (header.placement) {
            out.placement = parse_number(
                ocr_.read_digits(prepare_line_crop(grey_, *header.placement, kDigitHeight, true))
                    .text);
        }
        return out;
    }

    ReadSection read_section(const SectionLayout& layout) {
        ReadSection out;
        out.cut_off = layout.cut_off;
        if (layout.title) {
            const OcrLine title =
                ocr_.read_section_title(prepare_line_crop(grey_, *layout.title, kNameHeight));
            out.section = parse::section_from_title(title.text);
        }
        for (const TileLayout& tile : layout.tiles) out.tiles.push_back(read_tile(tile));
        return out;
    }

  private:
    std::string text(const TextBox& box) {
        return ocr_.read_text_line(prepare_line_crop(grey_, box, kNameHeight)).text;
    }

    // Decks are often named after their legend (无极剑圣, 盲僧控制), whose title the legend tile
    // gives exactly; chi_sim misreads a character of such a name now and then (盲 as 言). When
    // the reading is that title but for one character, the renderings decide between the two.
    std::string deck_name(const TextBox& box, const std::string& legend_title) {
        const cv::Mat crop = prepare_line_crop(grey_, box, kNameHeight);
        const std::string reading = ocr_.read_text_line(crop).text;
        const auto titled = parse::with_title_in_place(reading, legend_title);
        if (!titled) return reading;
        const std::string closest = ocr_.closest_rendering(crop, {reading, *titled});
        return closest.empty() ? reading : closest;
    }

    ParsedTile read_tile(const TileLayout& layout) {
        ParsedTile tile;
        const OcrLine title =
            ocr_.read_name_line(prepare_line_crop(grey_, layout.title, kNameHeight));
        tile.title = title.text;
        tile.confidence = title.confidence;
        if (layout.subtitle) {
            tile.subtitle =
                ocr_.read_name_line(prepare_line_crop(grey_, *layout.subtitle, kNameHeight)).text;
        }
        if (layout.quantity) {
            const auto quantity = read_badge_quantity(ocr_, grey_, *layout.quantity);
            if (quantity) {
                tile.quantity = *quantity;
            } else {
                warnings_.push_back("could not read the quantity of \"" + tile.title +
                                    "\"; counted as 1");
            }
        }
        return tile;
    }

    const cv::Mat& grey_;
    OcrEngine& ocr_;
    std::vector<std::string>& warnings_;
};

bool same_tiles(const std::vector<ParsedTile>& a, const std::vector<ParsedTile>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].title != b[i].title || a[i].subtitle != b[i].subtitle ||
            a[i].quantity != b[i].quantity) {
            return false;
        }
    }
    return true;
}

// Names each panel (falling back to page order when its title is unreadable) and keeps
// one copy of a panel a stitched screenshot shows twice.
void merge_sections(std::vector<ReadSection>& read, ParsedDecklist& out) {
    std::array<bool, 5> seen{};
    std::optional<Section> previous;
    for (ReadSection& r : read) {
        if (!r.section) {
            const auto next = previous ? static_cast<std::size_t>(*previous) + 1 : 0;
            if (next >= kAllSections.size()) continue;
            r.section = kAllSections[next];
        }
        previous = r.section;
        const auto index = static_cast<std::size_t>(*r.section);
        const std::string name(section_key(*r.section));
        if (seen[index]) {
            if (std::find(out.sections_seen_twice.begin(), out.sections_seen_twice.end(),
                          *r.section) == out.sections_seen_twice.end())
                out.sections_seen_twice.push_back(*r.section);
            auto& kept = out.sections[index];
            if (same_tiles(kept, r.tiles)) {
                out.warnings.push_back("section " + name +
                                       " appears twice (stitched screenshot); counted once");
            } else {
                out.warnings.push_back("section " + name +
                                       " appears twice with different tiles; kept the longer");
                if (r.tiles.size() > kept.size()) kept = std::move(r.tiles);
            }
            continue;
        }
        seen[index] = true;
        out.sections[index] = std::move(r.tiles);
    }
    if (!read.empty() && read.back().cut_off && read.back().section) {
        out.cut_off_section = read.back().section;
        out.warnings.push_back("the image ends inside section " +
                               std::string(section_key(*read.back().section)) +
                               "; it may be incomplete");
    }
}

// A whole last panel with signs of a cut under it: the sections after it are missing. Bare
// page short of the app's margin under the side deck, the app's last section, loses nothing.
void note_cut_below(PageEnd end, const std::vector<ReadSection>& read, ParsedDecklist& out) {
    if (end == PageEnd::margin || read.empty() || read.back().cut_off || !read.back().section)
        return;
    const Section last = *read.back().section;
    if (end == PageEnd::short_margin && last == Section::side_deck) return;
    out.cut_below_section = last;
    out.warnings.push_back("the image ends below section " + std::string(section_key(last)) +
                           " where the page goes on; the sections after it may be missing");
}

}  // namespace

ParsedDecklist read_decklist(const cv::Mat& bgr, OcrEngine& ocr, ReadTiming* timing) {
    const Stopwatch layout_time;
    cv::Mat grey;
    cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
    const PageLayout layout = find_page_layout(bgr, grey);
    const double layout_ms = layout_time.elapsed_ms();

    const Stopwatch ocr_time;
    ParsedDecklist out;
    PageReader reader(grey, ocr, out.warnings);
    std::vector<ReadSection> sections;
    for (const SectionLayout& s : layout.sections) sections.push_back(reader.read_section(s));
    merge_sections(sections, out);
    note_cut_below(layout.end, sections, out);
    const auto& legend = out.tiles(Section::legend);
    out.metadata = reader.read_header(layout.header, legend.empty() ? "" : legend.front().title);
    if (timing) {
        timing->layout_ms = layout_ms;
        timing->ocr_ms = ocr_time.elapsed_ms();
    }
    return out;
}

}  // namespace decklist
