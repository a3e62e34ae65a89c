// decklist-cli bench: per-stage latency and throughput, each thread with its own worker.

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <thread>

#include <sys/resource.h>

#include "cli_args.hpp"
#include "commands.hpp"
#include "core/common/stopwatch.hpp"
#include "decklist/config/defaults.hpp"
#include "image_files.hpp"

namespace decklist::cli {
namespace {

struct Image {
    std::string name;
    std::vector<std::uint8_t> bytes;
};

// Nearest-rank percentile of an unsorted sample.
double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::max(1.0, std::ceil(p / 100.0 * values.size())));
    return values[std::min(rank, values.size()) - 1];
}

// User + system CPU seconds this process has used: unlike wall time, barely affected by
// other programs competing for the same cores.
double process_cpu_seconds() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct Samples {
    std::vector<double> decode, layout, ocr, match, total;
    void add(const StageTiming& t) {
        decode.push_back(t.decode);
        layout.push_back(t.layout);
        ocr.push_back(t.ocr);
        match.push_back(t.match);
        total.push_back(t.total);
    }
};

}  // namespace

int run_bench(const std::vector<std::string>& raw) {
    const ParsedArgs args = parse_args(raw, {"--threads", "--repeat", "--cards"}, {});
    const int threads = args.positive_int("--threads", 1);
    const int repeat = args.positive_int("--repeat", 3);
    if (args.positional.empty()) throw UsageError{"no images given"};

    std::vector<Image> images;
    for (const std::filesystem::path path : args.positional)
        images.push_back({path.filename().string(), read_file_bytes(path)});

    const Engine engine(
        EngineOptions{cards_path(args.option("--cards").value_or("")), default_tessdata_dir()});
    // Workers are created (and warmed up) before the clock starts, as the server does.
    std::vector<std::unique_ptr<Engine::Worker>> workers;
    for (int i = 0; i < threads; ++i) workers.push_back(engine.make_worker());

    const std::size_t jobs = images.size() * static_cast<std::size_t>(repeat);
    std::atomic<std::size_t> next{0};
    std::mutex mutex;
    Samples samples;
    std::vector<std::string> failures;
    const double cpu_start = process_cpu_seconds();
    const Stopwatch stopwatch;
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        pool.emplace_back([&, t] {
            for (std::size_t job; (job = next.fetch_add(1)) < jobs;) {
                const Image& image = images[job % images.size()];
                try {
                    const Decklist d = workers[t]->process(image.bytes, image.name);
                    std::lock_guard lock(mutex);
                    samples.add(d.timing_ms);
                } catch (const std::exception& e) {
                    std::lock_guard lock(mutex);
                    failures.push_back(image.name + ": " + e.what());
                }
            }
        });
    }
    for (std::thread& thread : pool) thread.join();
    const double wall_s = stopwatch.elapsed_ms() / 1000;

    std::printf("images %zu x repeat %d = %zu runs, threads %d, wall %.2f s\n", images.size(),
                repeat, jobs, threads, wall_s);
    std::printf("%-8s %10s %10s\n", "stage", "median ms", "p90 ms");
    const std::pair<const char*, const std::vector<double>*> stages[] = {
        {"decode", &samples.decode},
        {"layout", &samples.layout},
        {"ocr", &samples.ocr},
        {"match", &samples.match},
        {"total", &samples.total}};
    for (const auto& [name, values] : stages)
        std::printf("%-8s %10.2f %10.2f\n", name, percentile(*values, 50), percentile(*values, 90));
    std::printf("throughput %.2f images/s\n", samples.total.size() / wall_s);
    std::printf("cpu time %.0f ms per image (user + system, all threads)\n",
                1000.0 * (process_cpu_seconds() - cpu_start) / static_cast<double>(jobs));
    for (const std::string& f : failures) std::fprintf(stderr, "failed: %s\n", f.c_str());
    return failures.empty() ? 0 : 1;
}

}  // namespace decklist::cli
