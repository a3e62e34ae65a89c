// read_decklist: the layout, then each line it found read by its field reader (registered in
// page_fields.cpp), then the sections merged (a stitched screenshot may show a panel twice).

#include "decklist/parse/read_decklist.hpp"

#include <algorithm>
#include <optional>
#include <string>

#include <opencv2/imgproc.hpp>

#include "common/stopwatch.hpp"
#include "decklist/error.hpp"
#include "decklist/layout/page_layout.hpp"
#include "parse/field_readers.hpp"
#include "parse/page_fields.hpp"

namespace decklist {
namespace {

struct ReadSection {
    std::optional<Section> section;
    std::vector<ParsedTile> tiles;
    bool cut_off = false;
};

ReadSection read_section(parse::PageText& page, const SectionLayout& layout) {
    ReadSection out;
    out.cut_off = layout.cut_off;
    if (layout.title) out.section = parse::read_section_title(page, *layout.title);
    for (const TileLayout& tile : layout.tiles) out.tiles.push_back(parse::read_tile(page, tile));
    return out;
}

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
    parse::PageText page{grey, ocr, out.warnings, {}};
    std::vector<ReadSection> sections;
    for (const SectionLayout& s : layout.sections) sections.push_back(read_section(page, s));
    merge_sections(sections, out);
    note_cut_below(layout.end, sections, out);
    const auto& legend = out.tiles(Section::legend);
    if (!legend.empty()) page.legend_title = legend.front().title;
    out.metadata = parse::read_header(page, layout.header);
    if (timing) {
        timing->layout_ms = layout_ms;
        timing->ocr_ms = ocr_time.elapsed_ms();
    }
    return out;
}

}  // namespace decklist
