// Each card's bbox on the real screenshots: the tile the layout found, in the decoded image's
// pixels, in reading order; and the engine's decklist read back from its JSON unchanged.

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "decklist/decklist.hpp"
#include "decklist/image/intake.hpp"
#include "decklist/layout/page_layout.hpp"
#include "engine_fixture.hpp"
#include "file_bytes.hpp"
#include "json_schema.hpp"

namespace decklist {
namespace {

class TileBoxesTest : public testing::EngineSuite {
  protected:
    struct Screenshot {
        std::string name;
        cv::Mat image;  // decoded as the engine decodes it
        Decklist decklist;
    };

    static const std::vector<Screenshot>& screenshots() {
        static const std::vector<Screenshot> read = [] {
            std::vector<Screenshot> out;
            for (const auto& truth : testing::shared_truth_files()) {
                const auto path = testing::shared_screenshot_dir() / truth.stem().concat(".jpg");
                const auto bytes = testing::read_bytes(path);
                out.push_back({path.filename().string(), decode_image(bytes, ImageLimits{}),
                               worker().process(bytes, path.filename().string())});
            }
            return out;
        }();
        return read;
    }
};

cv::Rect as_rect(const TileBox& box) {
    return {box.x, box.y, box.width, box.height};
}

// Every tile of a section, cards then unmatched tiles.
std::vector<const DecklistCard*> tiles_of(const Decklist& d, Section s) {
    std::vector<const DecklistCard*> tiles;
    for (const DecklistCard& c : d.cards(s)) tiles.push_back(&c);
    for (const DecklistCard& t : d.unmatched_tiles(s)) tiles.push_back(&t);
    return tiles;
}

TEST_F(TileBoxesTest, EveryTileHasABoxInsideTheImageWideEnoughForItsText) {
    ASSERT_FALSE(screenshots().empty());
    for (const Screenshot& shot : screenshots()) {
        const cv::Rect image(0, 0, shot.image.cols, shot.image.rows);
        int tiles = 0;
        for (Section s : kAllSections) {
            for (const DecklistCard* tile : tiles_of(shot.decklist, s)) {
                ++tiles;
                ASSERT_TRUE(tile->bbox) << shot.name << " " << tile->name_cn;
                const cv::Rect box = as_rect(*tile->bbox);
                EXPECT_EQ(box & image, box) << shot.name << " " << tile->name_cn;
                // Two tiles a row: a tile is most of half the page wide, a line of text high.
                EXPECT_GT(box.width, image.width / 4) << shot.name << " " << tile->name_cn;
                EXPECT_GT(box.height, image.width / 30) << shot.name << " " << tile->name_cn;
                EXPECT_LT(box.height, box.width) << shot.name << " " << tile->name_cn;
            }
        }
        EXPECT_GT(tiles, 20) << shot.name;
    }
}

TEST_F(TileBoxesTest, BoxesOfASectionDoNotOverlapAndFollowReadingOrder) {
    for (const Screenshot& shot : screenshots()) {
        for (Section s : kAllSections) {
            const auto tiles = tiles_of(shot.decklist, s);
            for (std::size_t i = 0; i < tiles.size(); ++i)
                for (std::size_t j = i + 1; j < tiles.size(); ++j)
                    EXPECT_TRUE((as_rect(*tiles[i]->bbox) & as_rect(*tiles[j]->bbox)).empty())
                        << shot.name << " " << section_key(s) << " " << i << " " << j;
            // The section's cards are its tiles in reading order, less the unmatched ones:
            // row by row, left then right.
            const auto& cards = shot.decklist.cards(s);
            for (std::size_t i = 1; i < cards.size(); ++i) {
                const cv::Rect a = as_rect(*cards[i - 1].bbox), b = as_rect(*cards[i].bbox);
                const bool next_row = b.y >= a.y + a.height / 2;
                const bool same_row_right = std::abs(b.y - a.y) < a.height / 2 && b.x > a.x;
                EXPECT_TRUE(next_row || same_row_right)
                    << shot.name << " " << section_key(s) << " " << i;
            }
        }
    }
}

TEST_F(TileBoxesTest, EachBoxIsALayoutTileHoldingItsTitleLine) {
    for (const Screenshot& shot : screenshots()) {
        const PageLayout layout = find_page_layout(shot.image);
        for (Section s : kAllSections) {
            for (const DecklistCard* tile : tiles_of(shot.decklist, s)) {
                const cv::Rect box = as_rect(*tile->bbox);
                const TileLayout* found = nullptr;
                for (const SectionLayout& section : layout.sections)
                    for (const TileLayout& t : section.tiles)
                        if (t.tile == box) found = &t;
                ASSERT_NE(found, nullptr) << shot.name << " " << tile->name_cn;
                EXPECT_EQ(found->title.box & box, found->title.box)
                    << shot.name << " " << tile->name_cn;
                EXPECT_GT(found->title.box.area(), 0) << shot.name << " " << tile->name_cn;
                if (found->quantity) {
                    EXPECT_EQ(found->quantity->box & box, found->quantity->box);
                }
            }
        }
    }
}

TEST_F(TileBoxesTest, TheEngineDecklistRoundTripsThroughJsonAndMatchesTheSchema) {
    static test::SchemaSet schemas(std::string(DECKLIST_SOURCE_DIR) + "/docs/schemas");
    for (const Screenshot& shot : screenshots()) {
        const nlohmann::json json = to_json(shot.decklist);
        EXPECT_EQ(schemas.explain("decklist.json", json), "") << shot.name;
        EXPECT_EQ(to_json(decklist_from_json(json)), json) << shot.name;
        EXPECT_TRUE(json["legend"][0]["bbox"]["width"].is_number_integer()) << shot.name;
    }
}

}  // namespace
}  // namespace decklist
