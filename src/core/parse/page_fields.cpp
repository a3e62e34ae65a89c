#include "parse/page_fields.hpp"

#include <array>

#include "parse/field_readers.hpp"

namespace decklist::parse {
namespace {

template <typename Layout, typename Target>
struct Field {
    const TextBox* (*line)(const Layout&);  // nullptr when the layout found no such line
    void (*read)(PageText&, const TextBox&, Target&);
};

const TextBox* present(const std::optional<TextBox>& line) {
    return line ? &*line : nullptr;
}

// In reading order: the quantity's warning names the title read before it.
constexpr std::array<Field<TileLayout, ParsedTile>, 3> kTileFields{{
    {[](const TileLayout& t) { return &t.title; }, read_tile_title},
    {[](const TileLayout& t) { return present(t.subtitle); }, read_tile_subtitle},
    {[](const TileLayout& t) { return present(t.quantity); }, read_tile_quantity},
}};

constexpr std::array<Field<HeaderLayout, ParsedMetadata>, 5> kHeaderFields{{
    {[](const HeaderLayout& h) { return present(h.deck_name); }, read_deck_name},
    {[](const HeaderLayout& h) { return present(h.event); }, read_event},
    {[](const HeaderLayout& h) { return present(h.date); }, read_date},
    {[](const HeaderLayout& h) { return present(h.player); }, read_player},
    {[](const HeaderLayout& h) { return present(h.placement); }, read_placement},
}};

template <typename Layout, typename Target, std::size_t N>
Target read_fields(PageText& page, const Layout& layout,
                   const std::array<Field<Layout, Target>, N>& fields) {
    Target out;
    for (const auto& field : fields) {
        if (const TextBox* line = field.line(layout)) field.read(page, *line, out);
    }
    return out;
}

}  // namespace

ParsedTile read_tile(PageText& page, const TileLayout& layout) {
    ParsedTile tile = read_fields(page, layout, kTileFields);
    // The layout measures the page read, the decoded input image, so its pixels are the
    // image's own.
    tile.bbox = TileBox{layout.tile.x, layout.tile.y, layout.tile.width, layout.tile.height};
    return tile;
}

ParsedMetadata read_header(PageText& page, const HeaderLayout& layout) {
    return read_fields(page, layout, kHeaderFields);
}

}  // namespace decklist::parse
