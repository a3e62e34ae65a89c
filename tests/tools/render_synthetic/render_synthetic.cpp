// render-synthetic: random legal decks drawn from the whole card database, rendered in the
// app's style, each with its ground truth, to measure the engine on far more names and
// layouts than the few real screenshots show.
//
//   render-synthetic --out DIR [--seed N] [--count N] [--width 540..2160] [--quality 1..100]
//                    [--format jpg|png|webp] [--encoder opencv|magick] [--then-quality 1..100]
//                    [--cards CSV] [--fonts DIR] [--with-tokens]
//
// --encoder magick saves through ImageMagick's convert ($DECKLIST_CONVERT, else
// /usr/bin/convert), whose JPEG tables differ from OpenCV's; --then-quality re-saves the
// JPEG once more at that quality, as a screenshot forwarded twice is.
//
// Writes DIR/synthetic_<seed>_<i>.<ext> and DIR/truth/synthetic_<seed>_<i>.json and prints
// how many of the database's names the run exercised.

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <opencv2/imgcodecs.hpp>
#include <string>
#include <vector>

#include "decklist/error.hpp"
#include "decklist/match/card_db.hpp"
#include "synth/deck_generator.hpp"
#include "synth/page_renderer.hpp"
#include "synth/truth_writer.hpp"

namespace {

struct Options {
    std::uint64_t seed = 1;
    int count = 1;
    int width = 1080;
    int quality = 90;
    int then_quality = 0;  // 0: saved once
    std::string format = "jpg";
    std::string encoder = "opencv";
    std::string out;
    std::string cards = DECKLIST_DEFAULT_CARDS;
    std::string fonts = "/usr/share/fonts/opentype/noto";
    bool with_tokens = false;
};

[[noreturn]] void usage(const std::string& problem) {
    std::cerr << "render-synthetic: " << problem << "\n"
              << "usage: render-synthetic --out DIR [--seed N] [--count N] [--width 540..2160]\n"
                 "       [--quality 1..100] [--format jpg|png|webp] [--encoder opencv|magick]\n"
                 "       [--then-quality 1..100] [--cards CSV] [--fonts DIR] [--with-tokens]\n";
    std::exit(2);
}

long number(const std::string& flag, const std::string& text, long lo, long hi) {
    char* end = nullptr;
    const long value = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || value < lo || value > hi)
        usage(flag + " wants a whole number from " + std::to_string(lo) + " to " +
              std::to_string(hi));
    return value;
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "--with-tokens") {
            o.with_tokens = true;
            continue;
        }
        if (i + 1 >= argc) usage("missing value after " + flag);
        const std::string value = argv[++i];
        if (flag == "--seed")
            o.seed = static_cast<std::uint64_t>(number(flag, value, 0, 1L << 40));
        else if (flag == "--count")
            o.count = static_cast<int>(number(flag, value, 1, 100000));
        else if (flag == "--width")
            o.width = static_cast<int>(number(flag, value, 540, 2160));
        else if (flag == "--quality")
            o.quality = static_cast<int>(number(flag, value, 1, 100));
        else if (flag == "--then-quality")
            o.then_quality = static_cast<int>(number(flag, value, 1, 100));
        else if (flag == "--format")
            o.format = value;
        else if (flag == "--encoder")
            o.encoder = value;
        else if (flag == "--out")
            o.out = value;
        else if (flag == "--cards")
            o.cards = value;
        else if (flag == "--fonts")
            o.fonts = value;
        else
            usage("unknown option " + flag);
    }
    if (o.out.empty()) usage("--out DIR is required");
    if (o.format != "jpg" && o.format != "png" && o.format != "webp")
        usage("--format is jpg, png or webp");
    if (o.encoder != "opencv" && o.encoder != "magick") usage("--encoder is opencv or magick");
    if (o.then_quality && o.format != "jpg") usage("--then-quality needs --format jpg");
    return o;
}

std::string quoted(const std::filesystem::path& path) {
    return "'" + path.string() + "'";
}

// Saves `page` as `path` with the chosen encoder and quality, then re-saves it once more
// when asked.
void save(const cv::Mat& page, const std::filesystem::path& path, const Options& o) {
    if (o.encoder == "opencv") {
        const std::vector<int> params =
            o.format == "jpg"    ? std::vector<int>{cv::IMWRITE_JPEG_QUALITY, o.quality}
            : o.format == "webp" ? std::vector<int>{cv::IMWRITE_WEBP_QUALITY, o.quality}
                                 : std::vector<int>{cv::IMWRITE_PNG_COMPRESSION, 3};
        if (!cv::imwrite(path.string(), page, params))
            throw std::runtime_error("cannot write " + path.string());
    } else {
        const char* from_env = std::getenv("DECKLIST_CONVERT");
        const std::string convert = from_env ? from_env : "/usr/bin/convert";
        const std::filesystem::path lossless = path.string() + ".png";
        if (!cv::imwrite(lossless.string(), page))
            throw std::runtime_error("cannot write " + lossless.string());
        const std::string command = "'" + convert + "' " + quoted(lossless) + " -quality " +
                                    std::to_string(o.quality) + " " + quoted(path);
        const int status = std::system(command.c_str());
        std::filesystem::remove(lossless);
        if (status != 0) throw std::runtime_error("failed: " + command);
    }
    if (o.then_quality) {
        const cv::Mat once = cv::imread(path.string(), cv::IMREAD_COLOR);
        Options again = o;
        again.quality = o.then_quality;
        again.then_quality = 0;
        save(once, path, again);
    }
}

}  // namespace

int main(int argc, char** argv) {
    using namespace decklist;
    const Options o = parse(argc, argv);
    try {
        const CardDatabase db = CardDatabase::load_csv(o.cards);
        const synth::TextPainter text(o.fonts + "/NotoSansCJK-Regular.ttc",
                                      o.fonts + "/NotoSansCJK-Bold.ttc");
        const std::filesystem::path out(o.out);
        std::filesystem::create_directories(out / "truth");

        synth::DeckGenerator generator(db, o.seed, {o.with_tokens});
        for (int i = 0; i < o.count; ++i) {
            const synth::SyntheticDeck deck = generator.next();
            const std::string stem =
                "synthetic_" + std::to_string(o.seed) + "_" + std::to_string(i);
            const std::string image_name = stem + "." + o.format;
            const cv::Mat page = synth::scale_to_width(
                synth::render_page(deck, text, o.seed * 1000003ULL + static_cast<unsigned>(i)),
                o.width);
            save(page, out / image_name, o);
            const std::string note = "Synthetic deck from render-synthetic --seed " +
                                     std::to_string(o.seed) + ", deck " + std::to_string(i) +
                                     ", width " + std::to_string(o.width) + ".";
            std::ofstream(out / "truth" / (stem + ".json"))
                << synth::truth_json(deck, db, image_name, note).dump(1) << "\n";
        }
        const synth::Coverage cov = generator.coverage();
        std::cout << "rendered " << o.count << " decks into " << o.out << "\n"
                  << "coverage: " << cov.used << "/" << cov.eligible << " eligible names ("
                  << cov.total << " names in the database"
                  << (o.with_tokens
                          ? ""
                          : "; Token Unit names are never in a legal deck, see --with-tokens")
                  << ")\n";
        if (!cov.missing.empty() && cov.missing.size() <= 40) {
            std::cout << "not yet drawn:";
            for (const auto& name : cov.missing) std::cout << " " << name;
            std::cout << "\n";
        }
    } catch (const std::exception& e) {
        std::cerr << "render-synthetic: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
