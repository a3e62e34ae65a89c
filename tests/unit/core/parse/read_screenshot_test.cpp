// Reads the real screenshots end to end (decode, layout, OCR) and compares every tile with
// the hand-made truth: titles and subtitles compared after normalise_name (spaces, quote
// styles), quantities exactly.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "decklist/error.hpp"
#include "decklist/eval/truth.hpp"
#include "decklist/image/intake.hpp"
#include "decklist/layout/page_layout.hpp"
#include "decklist/match/card_db.hpp"
#include "decklist/match/name_text.hpp"
#include "decklist/ocr/ocr_engine.hpp"
#include "decklist/parse/read_decklist.hpp"
#include "shared_data.hpp"

namespace decklist {
namespace {

std::vector<std::uint8_t> read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool same_name(const std::string& a, const std::string& b) {
    return normalise_name(a) == normalise_name(b);
}

struct Score {
    int checked = 0;
    int right = 0;
    std::vector<std::string> misses;
    double percent() const { return checked ? 100.0 * right / checked : 0; }
};

// One point each for every title, subtitle (including "no subtitle") and quantity.
Score score_reading(const ParsedDecklist& read, const Truth& truth) {
    Score score;
    auto check = [&](bool ok, const std::string& what) {
        ++score.checked;
        if (ok) {
            ++score.right;
        } else {
            score.misses.push_back(what);
        }
    };
    for (Section s : kAllSections) {
        const auto& expected = truth.entries(s);
        const auto& got = read.tiles(s);
        const std::string key(section_key(s));
        check(got.size() == expected.size(), key + " tile count " + std::to_string(got.size()) +
                                                 " != " + std::to_string(expected.size()));
        for (std::size_t i = 0; i < expected.size(); ++i) {
            const auto& e = expected[i];
            if (i >= got.size()) {
                score.checked += 3;
                score.misses.push_back(key + " missing tile " + e.title);
                continue;
            }
            const auto& g = got[i];
            check(same_name(g.title, e.title),
                  key + " title '" + g.title + "' != '" + e.title + "'");
            check(same_name(g.subtitle, e.subtitle),
                  key + " subtitle '" + g.subtitle + "' != '" + e.subtitle + "'");
            check(g.quantity == e.quantity, key + " quantity of " + e.title + " " +
                                                std::to_string(g.quantity) +
                                                " != " + std::to_string(e.quantity));
        }
    }
    return score;
}

class ReadScreenshot : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        const auto cards = CardDatabase::load_csv(testing::shared_cards_csv());
        OcrOptions options;
        for (const CardRecord& card : cards.rows()) {
            options.name_lexicon.push_back(card.title);
            if (!card.subtitle.empty()) options.name_lexicon.push_back(card.subtitle);
        }
        ocr_ = std::make_unique<OcrEngine>(options);
        ocr_->warm_up();
    }
    static void TearDownTestSuite() { ocr_.reset(); }

    static ParsedDecklist read(const cv::Mat& bgr) { return read_decklist(bgr, *ocr_); }

    static std::filesystem::path screenshot_for(const Truth& truth) {
        return testing::shared_screenshot_dir() / truth.image;
    }

    static std::unique_ptr<OcrEngine> ocr_;
};
std::unique_ptr<OcrEngine> ReadScreenshot::ocr_;

TEST_F(ReadScreenshot, EveryTileOfEveryRealScreenshotIsReadExactly) {
    const auto files = testing::shared_truth_files();
    ASSERT_FALSE(files.empty());
    for (const auto& file : files) {
        const Truth truth = load_truth(file.string());
        const auto bytes = read_bytes(screenshot_for(truth));
        const ParsedDecklist read = read_decklist(decode_image(bytes, ImageLimits{}), *ocr_);
        const Score score = score_reading(read, truth);
        for (const auto& miss : score.misses) ADD_FAILURE() << truth.image << ": " << miss;
        std::cout << truth.image << ": " << score.right << "/" << score.checked << " right\n";
    }
}

TEST_F(ReadScreenshot, HeaderMetadataIsRead) {
    for (const auto& file : testing::shared_truth_files()) {
        const Truth truth = load_truth(file.string());
        const ParsedDecklist read =
            read_decklist(decode_image(read_bytes(screenshot_for(truth)), ImageLimits{}), *ocr_);
        const auto& m = read.metadata;
        EXPECT_TRUE(same_name(m.deck_name, truth.metadata.deck_name))
            << truth.image << ": deck name '" << m.deck_name << "'";
        EXPECT_TRUE(same_name(m.event, truth.metadata.event))
            << truth.image << ": event '" << m.event << "'";
        EXPECT_EQ(m.date, truth.metadata.date) << truth.image;
        EXPECT_EQ(m.placement, truth.metadata.placement) << truth.image;
        EXPECT_TRUE(same_name(m.player, truth.metadata.player))
            << truth.image << ": player '" << m.player << "'";
    }
}

// Resized (540 to 2160 px wide) and recompressed copies: at least 98 % of titles, subtitles
// and quantities right, and the header's placement, date and player.
TEST_F(ReadScreenshot, ResizedAndRecompressedCopiesReadAtLeast98Percent) {
    struct Variant {
        const char* name;
        double scale;
        const char* ext;
        int jpeg_quality;
    };
    const Variant variants[] = {
        {"0.5x", 0.5, ".png", 0},      {"1.5x", 1.5, ".png", 0},           {"2x", 2.0, ".png", 0},
        {"jpeg q40", 1.0, ".jpg", 40}, {"0.5x jpeg q40", 0.5, ".jpg", 40}, {"png", 1.0, ".png", 0}};
    for (const auto& file : testing::shared_truth_files()) {
        const Truth truth = load_truth(file.string());
        const cv::Mat original = decode_image(read_bytes(screenshot_for(truth)), ImageLimits{});
        for (const Variant& v : variants) {
            cv::Mat image = original;
            if (v.scale != 1.0) {
                cv::resize(original, image, cv::Size(), v.scale, v.scale,
                           v.scale < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
            }
            std::vector<std::uint8_t> encoded;
            std::vector<int> params;
            if (v.jpeg_quality) params = {cv::IMWRITE_JPEG_QUALITY, v.jpeg_quality};
            ASSERT_TRUE(cv::imencode(v.ext, image, encoded, params));
            const ParsedDecklist parsed = read(decode_image(encoded, ImageLimits{}));
            const Score score = score_reading(parsed, truth);
            std::cout << truth.image << " " << v.name << ": " << score.right << "/" << score.checked
                      << " right\n";
            for (const auto& miss : score.misses) std::cout << "    " << miss << "\n";
            EXPECT_GE(score.percent(), 98.0) << truth.image << " " << v.name;
            EXPECT_EQ(parsed.metadata.placement, truth.metadata.placement) << v.name;
            EXPECT_EQ(parsed.metadata.date, truth.metadata.date) << v.name;
            EXPECT_TRUE(same_name(parsed.metadata.player, truth.metadata.player)) << v.name;
        }
    }
}

// A phone that stitches a long screenshot badly can show a panel twice: the panel counts
// once and the reading says so.
TEST_F(ReadScreenshot, RepeatedPanelIsCountedOnceWithAWarning) {
    const auto files = testing::shared_truth_files();
    const Truth truth = load_truth(files.front().string());
    const cv::Mat page = decode_image(read_bytes(screenshot_for(truth)), ImageLimits{});
    const PageLayout layout = find_page_layout(page);
    // The runes panel: from a little above its title bar to a little above the next one.
    const int margin = page.cols / 20;
    const int top = layout.sections[3].title_bar.y - margin;
    const int bottom = layout.sections[4].title_bar.y - margin;
    cv::Mat stitched;
    cv::vconcat(std::vector<cv::Mat>{page.rowRange(0, bottom), page.rowRange(top, bottom),
                                     page.rowRange(bottom, page.rows)},
                stitched);
    const ParsedDecklist reading = read(stitched);
    const Score score = score_reading(reading, truth);
    for (const auto& miss : score.misses) ADD_FAILURE() << miss;
    ASSERT_EQ(reading.warnings.size(), 1u);
    EXPECT_NE(reading.warnings[0].find("runes"), std::string::npos) << reading.warnings[0];
    EXPECT_NE(reading.warnings[0].find("twice"), std::string::npos) << reading.warnings[0];
    EXPECT_EQ(reading.sections_seen_twice, std::vector<Section>{Section::runes});
    EXPECT_FALSE(reading.cut_off_section.has_value());
}

// The last screenshot ends without the side deck's closing border.
TEST_F(ReadScreenshot, PageCutInsideAPanelIsReportedInWarnings) {
    for (const auto& file : testing::shared_truth_files()) {
        const Truth truth = load_truth(file.string());
        const cv::Mat page = decode_image(read_bytes(screenshot_for(truth)), ImageLimits{});
        const PageLayout layout = find_page_layout(page);
        const ParsedDecklist whole = read(page);
        const bool open_end = layout.sections.back().cut_off;
        EXPECT_EQ(whole.warnings.size(), open_end ? 1u : 0u) << truth.image;

        const auto& battlefields = layout.sections[2];
        const int cut = battlefields.tiles.back().tile.y - page.cols / 50;
        const ParsedDecklist cut_read = read(page.rowRange(0, cut).clone());
        ASSERT_EQ(cut_read.warnings.size(), 1u) << truth.image;
        EXPECT_NE(cut_read.warnings[0].find("battlefields"), std::string::npos)
            << cut_read.warnings[0];
        EXPECT_EQ(cut_read.cut_off_section, Section::battlefields) << truth.image;
        EXPECT_TRUE(cut_read.sections_seen_twice.empty());
        EXPECT_EQ(cut_read.tiles(Section::battlefields).size(),
                  battlefields.tiles.size() - (battlefields.tiles.size() % 2 ? 1 : 2));
        EXPECT_TRUE(cut_read.tiles(Section::runes).empty());
    }
}

TEST(OcrEngineSetup, MissingLanguageDataIsAnInternalError) {
    OcrOptions options;
    options.tessdata_dir = "/nonexistent/tessdata";
    try {
        OcrEngine engine(options);
        ADD_FAILURE() << "the engine started without language data";
    } catch (const Error& e) {
        EXPECT_EQ(e.type(), ErrorType::internal);
        EXPECT_NE(std::string(e.what()).find("/nonexistent/tessdata"), std::string::npos);
    }
}

TEST_F(ReadScreenshot, ImagesThatAreNotDecklistsAreProcessingErrors) {
    cv::Mat noise(1200, 1080, CV_8UC3);
    cv::randu(noise, cv::Scalar::all(0), cv::Scalar::all(255));
    const cv::Mat blank(1200, 1080, CV_8UC3, cv::Scalar::all(255));
    for (const cv::Mat& image : {noise, blank}) {
        try {
            read(image);
            ADD_FAILURE() << "a decklist was read";
        } catch (const Error& e) {
            EXPECT_EQ(e.type(), ErrorType::processing);
            EXPECT_STREQ(e.what(), "no decklist layout found");
        }
    }
}

}  // namespace
}  // namespace decklist
