// decklist-cli sweep: the same screenshots re-encoded, resized and degraded the ways phones
// and messaging apps do it, each variant scored against the truth. A reading that holds at
// the original but falls off a cliff at one JPEG table shows up here as one bad row.

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <mutex>
#include <thread>

#include <unistd.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "cli_args.hpp"
#include "commands.hpp"
#include "decklist/config/defaults.hpp"
#include "decklist/eval/evaluate.hpp"
#include "image_files.hpp"

namespace decklist::cli {
namespace {

using Bytes = std::vector<std::uint8_t>;

struct Source {
    std::filesystem::path path;
    Truth truth;
    cv::Mat bgr;
};

// Makes one variant's file bytes from a source screenshot.
using Maker = std::function<Bytes(const Source&)>;

struct Variant {
    std::string name;
    Maker make;
    bool loses_cards = false;  // a cut image: its recall is not the point, needs_review is
};

Bytes encode(const cv::Mat& image, const char* ext, std::vector<int> params) {
    Bytes bytes;
    if (!cv::imencode(ext, image, bytes, params))
        throw Error(ErrorType::internal, std::string("OpenCV cannot encode ") + ext);
    return bytes;
}

Bytes opencv_jpeg(const cv::Mat& image, int quality) {
    return encode(image, ".jpg", {cv::IMWRITE_JPEG_QUALITY, quality});
}

cv::Mat decoded(const Bytes& bytes) {
    return cv::imdecode(bytes, cv::IMREAD_COLOR);
}

// ImageMagick's convert through files in a private temporary folder: it has its own JPEG
// quantisation tables and chroma subsampling, unlike OpenCV's libjpeg defaults.
class Magick {
  public:
    explicit Magick(std::string program) : program_(std::move(program)) {
        folder_ = std::filesystem::temp_directory_path() /
                  ("decklist-sweep-" + std::to_string(::getpid()));
        std::filesystem::create_directories(folder_);
    }
    ~Magick() {
        std::error_code ignored;
        std::filesystem::remove_all(folder_, ignored);
    }
    Magick(const Magick&) = delete;
    Magick& operator=(const Magick&) = delete;

    Bytes jpeg(const Bytes& input, int quality) const {
        const auto id = std::to_string(next_.fetch_add(1));
        const auto in = folder_ / ("in-" + id + ".jpg"), out = folder_ / ("out-" + id + ".jpg");
        {
            std::ofstream file(in, std::ios::binary);
            file.write(reinterpret_cast<const char*>(input.data()),
                       static_cast<std::streamsize>(input.size()));
        }
        const std::string command = "'" + program_ + "' '" + in.string() + "' -quality " +
                                    std::to_string(quality) + " '" + out.string() + "'";
        const int status = std::system(command.c_str());
        std::filesystem::remove(in);
        if (status != 0) throw Error(ErrorType::internal, "failed: " + command);
        Bytes bytes = read_file_bytes(out);
        std::filesystem::remove(out);
        return bytes;
    }

  private:
    std::string program_;
    std::filesystem::path folder_;
    mutable std::atomic<int> next_{0};
};

std::string find_convert(const std::optional<std::string>& flag) {
    if (flag) return *flag;
    // Debian's ImageMagick; a convert earlier on PATH may be something else.
    if (std::filesystem::exists("/usr/bin/convert")) return "/usr/bin/convert";
    return "convert";
}

std::string padded(int value, int width) {
    std::string text = std::to_string(value);
    return std::string(std::max(0, width - static_cast<int>(text.size())), '0') + text;
}

std::vector<Variant> variants(const std::string& subset, const Magick& magick) {
    std::vector<Variant> out;
    auto jpeg_pair = [&](int q) {
        out.push_back({"opencv-jpeg-q" + padded(q, 2),
                       [q](const Source& s) { return opencv_jpeg(s.bgr, q); }});
        out.push_back({"magick-jpeg-q" + padded(q, 2), [q, &magick](const Source& s) {
                           return magick.jpeg(read_file_bytes(s.path), q);
                       }});
    };
    if (subset == "ci") {
        // Every 5th quality, and the neighbourhood of the old cliff at 44-46.
        std::vector<int> qualities;
        for (int q = 20; q <= 95; q += 5) qualities.push_back(q);
        for (int q : {30, 44, 45, 46}) qualities.push_back(q);
        std::sort(qualities.begin(), qualities.end());
        qualities.erase(std::unique(qualities.begin(), qualities.end()), qualities.end());
        for (int q : qualities) jpeg_pair(q);
        return out;
    }
    for (int q = 20; q <= 95; ++q) jpeg_pair(q);
    // Widths 480-2400 px, about 10 % apart, saved as a phone would (JPEG q90).
    std::vector<int> widths;
    for (double width = 480; width < 2400; width *= 1.1) widths.push_back(std::lround(width));
    widths.push_back(2400);
    for (int w : widths) {
        out.push_back({"width-" + padded(w, 4), [w](const Source& s) {
                           cv::Mat resized;
                           const double f = static_cast<double>(w) / s.bgr.cols;
                           cv::resize(s.bgr, resized, cv::Size(), f, f,
                                      f < 1 ? cv::INTER_AREA : cv::INTER_CUBIC);
                           return opencv_jpeg(resized, 90);
                       }});
    }
    for (int q = 30; q <= 90; q += 10) {
        out.push_back({"webp-q" + padded(q, 2), [q](const Source& s) {
                           return encode(s.bgr, ".webp", {cv::IMWRITE_WEBP_QUALITY, q});
                       }});
    }
    out.push_back({"greyscale-jpeg-q90", [](const Source& s) {
                       cv::Mat grey;
                       cv::cvtColor(s.bgr, grey, cv::COLOR_BGR2GRAY);
                       return opencv_jpeg(grey, 90);
                   }});
    out.push_back({"opencv-jpeg-q75-then-q60", [](const Source& s) {
                       return opencv_jpeg(decoded(opencv_jpeg(s.bgr, 75)), 60);
                   }});
    out.push_back({"magick-jpeg-q75-then-q60", [&magick](const Source& s) {
                       return magick.jpeg(magick.jpeg(read_file_bytes(s.path), 75), 60);
                   }});
    // The bottom fifth cut away: cards are lost, and the decklist must say so.
    out.push_back({"cut-bottom-20pct",
                   [](const Source& s) {
                       return opencv_jpeg(s.bgr.rowRange(0, s.bgr.rows * 4 / 5).clone(), 90);
                   },
                   true});
    return out;
}

struct Score {
    EntryCounts entries;
    double worst_image_recall = 100;
    std::string worst_image;
    int images = 0, needs_review = 0, failed = 0;
    int lost_section_unflagged = 0;  // images that lost a whole section without needs_review
};

// A section the truth fills that the decklist left empty, with nothing telling the client.
bool lost_section_silently(const Decklist& d, const Truth& truth) {
    if (d.needs_review) return false;
    for (Section s : kAllSections) {
        if (!truth.entries(s).empty() && d.cards(s).empty()) return true;
    }
    return false;
}

std::vector<std::filesystem::path> image_paths(const std::vector<std::string>& positional) {
    std::vector<std::filesystem::path> paths;
    for (const std::filesystem::path p : positional) {
        if (!std::filesystem::is_directory(p)) {
            paths.push_back(p);
            continue;
        }
        for (const auto& entry : std::filesystem::directory_iterator(p)) {
            const auto ext = entry.path().extension().string();
            if (ext == ".jpg" || ext == ".jpeg" || ext == ".png" || ext == ".webp")
                paths.push_back(entry.path());
        }
    }
    std::sort(paths.begin(), paths.end());
    return paths;
}

// The failing image's bytes under DIR/variant/, with the source's stem and the variant's
// own format, so `decklist-cli eval --truth` finds its truth by name.
void keep_failure(const std::filesystem::path& folder, const std::string& source_name,
                  const Bytes& bytes) {
    std::filesystem::create_directories(folder);
    const char* ext = bytes.size() > 12 && std::equal(bytes.begin() + 8, bytes.begin() + 12, "WEBP")
                          ? ".webp"
                          : ".jpg";
    std::ofstream file(folder / (std::filesystem::path(source_name).stem().string() + ext),
                       std::ios::binary);
    file.write(reinterpret_cast<const char*>(bytes.data()),
               static_cast<std::streamsize>(bytes.size()));
}

double percent_arg(const ParsedArgs& args, const std::string& name, double fallback) {
    const auto text = args.option(name);
    if (!text) return fallback;
    char* end = nullptr;
    const double value = std::strtod(text->c_str(), &end);
    if (end == text->c_str() || *end != '\0' || value < 0 || value > 100)
        throw UsageError{name + " takes a percentage between 0 and 100"};
    return value;
}

}  // namespace

int run_sweep(const std::vector<std::string>& raw) {
    const ParsedArgs args =
        parse_args(raw,
                   {"--truth", "--cards", "--threads", "--subset", "--convert",
                    "--min-image-recall", "--min-total-recall", "--only", "--keep-failures"},
                   {});
    const auto truth_dir = args.option("--truth");
    if (!truth_dir) throw UsageError{"--truth DIR is required"};
    const std::string subset = args.option("--subset").value_or("full");
    if (subset != "full" && subset != "ci") throw UsageError{"--subset is full or ci"};
    const int threads = args.positive_int("--threads", 1);
    const double min_image_recall = percent_arg(args, "--min-image-recall", 98);
    const double min_total_recall = percent_arg(args, "--min-total-recall", 99.5);

    std::vector<Source> sources;
    for (const auto& path : image_paths(args.positional)) {
        Source s{
            path,
            load_truth(
                (std::filesystem::path(*truth_dir) / (path.stem().string() + ".json")).string()),
            decoded(read_file_bytes(path))};
        if (s.bgr.empty()) throw Error(ErrorType::validation, "cannot decode " + path.string());
        sources.push_back(std::move(s));
    }
    if (sources.empty()) throw UsageError{"no images given"};

    const std::string convert = find_convert(args.option("--convert"));
    if (std::system(("'" + convert + "' -version > /dev/null 2>&1").c_str()) != 0)
        throw Error(ErrorType::validation,
                    "ImageMagick's convert not found (" + convert +
                        "); install Debian's imagemagick or pass --convert PATH");
    const Magick magick(convert);
    std::vector<Variant> all = variants(subset, magick);
    // --only narrows the sweep to the variants whose names contain the text, to re-run one
    // failing row without the hours the full sweep takes.
    if (const auto only = args.option("--only")) {
        std::erase_if(all,
                      [&](const Variant& v) { return v.name.find(*only) == std::string::npos; });
        if (all.empty()) throw UsageError{"--only " + *only + " names no variant"};
    }
    // --keep-failures DIR keeps each image that misses a bar, as the engine saw it, so the
    // failure can be read again with decklist-cli eval.
    const auto keep_dir = args.option("--keep-failures");

    const Engine engine(
        EngineOptions{cards_path(args.option("--cards").value_or("")), default_tessdata_dir()});
    std::vector<std::unique_ptr<Engine::Worker>> workers;
    for (int i = 0; i < threads; ++i) workers.push_back(engine.make_worker());

    std::vector<Score> scores(all.size());
    const std::size_t jobs = all.size() * sources.size();
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            for (std::size_t job; (job = next.fetch_add(1)) < jobs;) {
                const std::size_t v = job / sources.size();
                const Source& source = sources[job % sources.size()];
                const std::string name = source.path.filename().string();
                std::optional<Decklist> decklist;
                Bytes bytes;
                try {
                    bytes = all[v].make(source);
                    decklist = workers[t]->process(bytes, name);
                } catch (const Error&) {
                    // Scored as nothing read: every truth entry missed.
                }
                const ImageEvaluation e = evaluate(decklist.value_or(Decklist{}), source.truth);
                const bool silent = decklist && lost_section_silently(*decklist, source.truth);
                const bool missed = all[v].loses_cards
                                        ? silent || !decklist || !decklist->needs_review
                                        : e.entries.recall() < min_image_recall;
                if (keep_dir && missed && !bytes.empty())
                    keep_failure(std::filesystem::path(*keep_dir) / all[v].name, name, bytes);
                std::lock_guard lock(mutex);
                Score& score = scores[v];
                score.entries += e.entries;
                ++score.images;
                score.failed += !decklist;
                if (decklist) {
                    score.needs_review += decklist->needs_review;
                    score.lost_section_unflagged += silent;
                }
                // Ties go to the first name, so the report does not depend on thread timing.
                if (score.worst_image.empty() || e.entries.recall() < score.worst_image_recall ||
                    (e.entries.recall() == score.worst_image_recall && name < score.worst_image)) {
                    score.worst_image_recall = e.entries.recall();
                    score.worst_image = name;
                }
            }
        });
    }
    for (std::thread& thread : pool) thread.join();

    std::printf("%-26s %6s %8s %8s %8s %12s %7s %6s %6s\n", "variant", "images", "entries", "prec%",
                "recall%", "worst img%", "review", "failed", "silent");
    EntryCounts sweep;
    std::size_t worst = 0;
    bool bars_met = true;
    for (std::size_t v = 0; v < all.size(); ++v) {
        const Score& s = scores[v];
        std::printf("%-26s %6d %8d %8.1f %8.1f %12.1f %3d/%-3d %6d %6d%s\n", all[v].name.c_str(),
                    s.images, s.entries.expected, s.entries.precision(), s.entries.recall(),
                    s.worst_image_recall, s.needs_review, s.images, s.failed,
                    s.lost_section_unflagged, all[v].loses_cards ? "  (cut: review expected)" : "");
        bars_met &= s.lost_section_unflagged == 0;
        if (all[v].loses_cards) {
            bars_met &= s.needs_review == s.images;
            continue;
        }
        sweep += s.entries;
        bars_met &= s.worst_image_recall >= min_image_recall;
        if (all[worst].loses_cards || s.entries.recall() < scores[worst].entries.recall() ||
            (s.entries.recall() == scores[worst].entries.recall() &&
             s.worst_image_recall < scores[worst].worst_image_recall))
            worst = v;
    }
    bars_met &= sweep.recall() >= min_total_recall;
    std::printf(
        "\nsweep (%zu variants x %zu images, cut variants aside): precision %.2f%%, "
        "recall %.2f%%\n",
        all.size(), sources.size(), sweep.precision(), sweep.recall());
    std::printf("worst variant: %s (recall %.1f%%, worst image %s at %.1f%%)\n",
                all[worst].name.c_str(), scores[worst].entries.recall(),
                scores[worst].worst_image.c_str(), scores[worst].worst_image_recall);
    std::printf(
        "bars (each image >= %.1f%%, sweep >= %.1f%%, no section lost silently, cut "
        "images need review): %s\n",
        min_image_recall, min_total_recall, bars_met ? "met" : "NOT MET");
    return bars_met ? 0 : 1;
}

}  // namespace decklist::cli
