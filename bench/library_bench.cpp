// What the decklist library costs (docs/PERFORMANCE.md, "Decklist library"):
//
//  1. Saving: the work the batch runner adds to an image when a request asks ?save=true
//     (sha256_hex of the upload, DecklistLibrary::recall missing, DecklistLibrary::save), for N
//     distinct copies of one real screenshot and the Decklist the engine read from it, on
//     SQLite with images kept and not kept (and on PostgreSQL, without a bar); then the
//     duplicate path: sha256_hex and a recall that finds the image.
//  2. Listing: one filtered DecklistStore::list() over R stored decklists, on SQLite and on
//     PostgreSQL (a throwaway cluster, tests/support/postgres_cluster.hpp).
//
// This VM's speed drifts by about 15 % within minutes, so both parts run in rounds that
// alternate between the configurations; each round prints its median, the summary the median
// of the rounds.
//
//   OMP_THREAD_LIMIT=1 library-bench [SHARED_DIR]
//   DECKLIST_BENCH_SAVES (500), DECKLIST_BENCH_ROWS (10000), DECKLIST_BENCH_ROUNDS (3)
//
// PostgreSQL is skipped, with a note, when initdb is not installed. Not a test: nothing here
// asserts a time.

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "core/common/stopwatch.hpp"
#include "decklist/assemble/uuid.hpp"
#include "decklist/config/defaults.hpp"
#include "decklist/engine.hpp"
#include "decklist/library/decklist_library.hpp"
#include "decklist/library/decklist_store.hpp"
#include "decklist/sha256.hpp"
#include "file_bytes.hpp"
#include "postgres_cluster.hpp"
#include "programs/single_threaded_openmp.hpp"

using namespace decklist;

namespace {

// Nearest-rank percentile; p = 50 is the median.
double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    const auto rank = static_cast<std::size_t>(std::max(1.0, std::ceil(p / 100.0 * values.size())));
    return values[std::min(rank, values.size()) - 1];
}

double median(const std::vector<double>& values) {
    return percentile(values, 50);
}

int env_count(const char* name, int fallback) {
    const char* text = std::getenv(name);
    if (!text || !*text) return fallback;
    char* end = nullptr;
    const long value = std::strtol(text, &end, 10);
    if (*end != '\0' || value < 1 || value > 10'000'000)
        throw std::runtime_error(std::string(name) +
                                 " must be a whole number from 1 to 10000000, not '" + text + "'");
    return static_cast<int>(value);
}

std::string cpu_model() {
    std::ifstream in("/proc/cpuinfo");
    for (std::string line; std::getline(in, line);)
        if (line.rfind("model name", 0) == 0) {
            const auto value = line.find_first_not_of(" \t", line.find(':') + 1);
            return value == std::string::npos ? "?" : line.substr(value);
        }
    return "?";
}

std::string load_average() {
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    in >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    ::gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &tm);
    return text;
}

// A directory under /tmp, deleted with everything in it when this goes.
class ScratchDir {
  public:
    ScratchDir() {
        char pattern[] = "/tmp/decklist-library-bench-XXXXXX";
        if (!::mkdtemp(pattern)) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const std::string& path() const { return path_; }

  private:
    std::string path_;
};

enum class Backend { sqlite, postgresql };

const char* backend_label(Backend backend) {
    return backend == Backend::sqlite ? "sqlite" : "postgresql";
}

// Where one measurement keeps its decklists: a new SQLite file (in a new directory) or a new
// PostgreSQL database, removed afterwards.
class ScratchStore {
  public:
    ScratchStore(Backend backend, test::PostgresCluster* cluster, const std::string& database,
                 bool keep_images) {
        StoreOptions options;
        options.keep_images = keep_images;
        if (backend == Backend::postgresql) {
            cluster_ = cluster;
            database_ = database;
            options.store_url = cluster_->create_database(database_);
        } else {
            dir_ = std::make_unique<ScratchDir>();
            options.data_dir = dir_->path() + "/library";  // what a server's data dir holds
        }
        store_ = open_decklist_store(options);
    }
    ~ScratchStore() {
        store_.reset();
        if (cluster_) cluster_->drop_database(database_);
    }
    ScratchStore(const ScratchStore&) = delete;
    ScratchStore& operator=(const ScratchStore&) = delete;
    DecklistStore& store() { return *store_; }

  private:
    test::PostgresCluster* cluster_ = nullptr;
    std::string database_;
    std::unique_ptr<ScratchDir> dir_;
    std::unique_ptr<DecklistStore> store_;
};

// ---------------------------------------------------------------------------------------
// 1. Saving

// Upload number `i`: the real screenshot with four bytes after its end, which decoders
// ignore and which give every upload its own SHA-256.
void make_upload(const std::vector<std::uint8_t>& screenshot, int i,
                 std::vector<std::uint8_t>& out) {
    out.assign(screenshot.begin(), screenshot.end());
    for (int shift : {0, 8, 16, 24}) out.push_back(static_cast<std::uint8_t>(i >> shift));
}

struct SaveConfig {
    const char* label;
    Backend backend;
    bool keep_images;
};

// One round's times per upload, in milliseconds: the whole path and its three steps, and the
// duplicate path (sha256_hex + a recall that finds the image).
struct SaveRound {
    std::vector<double> total, sha256, recall, save, duplicate;
};

// `saves` new uploads into a new store, each timed from its bytes to its saved decklist as
// BatchRunner::run_image does it; then each of them again, which the library recognises.
SaveRound measure_saves(const SaveConfig& config, test::PostgresCluster* cluster,
                        const CardDatabase& cards, const Decklist& read,
                        const std::vector<std::uint8_t>& screenshot, int saves, int round) {
    ScratchStore scratch(config.backend, cluster, "save_" + std::to_string(round),
                         config.keep_images);
    DecklistLibrary library(scratch.store(), cards, "/api/v1/decklists/");
    const SaveContext context{"bench-batch", "", ""};
    SaveRound result;
    std::vector<std::uint8_t> upload;
    for (int i = 0; i < saves; ++i) {
        // What the OCR hands over, outside the clock: a new decklist with its own id.
        make_upload(screenshot, i, upload);
        Decklist decklist = read;
        decklist.decklist_id = make_uuid4();

        const Stopwatch stopwatch;
        const std::string digest = sha256_hex(upload);
        const double hashed_ms = stopwatch.elapsed_ms();
        const std::optional<Decklist> recalled = library.recall(digest);
        const double looked_up_ms = stopwatch.elapsed_ms();
        if (!recalled) library.save(decklist, upload, digest, context);
        const double saved_ms = stopwatch.elapsed_ms();

        result.total.push_back(saved_ms);
        result.sha256.push_back(hashed_ms);
        result.recall.push_back(looked_up_ms - hashed_ms);
        result.save.push_back(saved_ms - looked_up_ms);
        if (recalled || !decklist.saved || decklist.duplicate_of)
            throw std::runtime_error("upload " + std::to_string(i) + " was not saved as new");
    }
    for (int i = 0; i < saves; ++i) {
        make_upload(screenshot, i, upload);
        const Stopwatch stopwatch;
        const std::string digest = sha256_hex(upload);
        const std::optional<Decklist> recalled = library.recall(digest);
        result.duplicate.push_back(stopwatch.elapsed_ms());
        if (!recalled || !recalled->duplicate_of)
            throw std::runtime_error("upload " + std::to_string(i) + " was not recalled");
    }
    return result;
}

// The columns of one line of the saving table, in milliseconds.
struct SaveLine {
    double median, p95, sha256, recall, save, duplicate;
};

void print_save_line(const char* label, const std::string& round, const SaveLine& l) {
    std::printf("%-24s %5s %8.2f %8.2f %8.3f %8.3f %8.2f %10.3f\n", label, round.c_str(), l.median,
                l.p95, l.sha256, l.recall, l.save, l.duplicate);
}

void run_save_bench(const std::vector<SaveConfig>& configs, test::PostgresCluster* cluster,
                    const CardDatabase& cards, const Decklist& read,
                    const std::vector<std::uint8_t>& screenshot, int saves, int rounds) {
    std::printf("\n## saving: %d new uploads per round, sha256_hex + recall (miss) + save\n",
                saves);
    std::printf("%-24s %5s %8s %8s %8s %8s %8s %10s\n", "store", "round", "median", "p95", "sha256",
                "recall", "save", "duplicate");
    std::vector<std::vector<SaveLine>> lines(configs.size());
    for (int r = 1; r <= rounds; ++r)
        for (std::size_t c = 0; c < configs.size(); ++c) {
            const SaveRound round = measure_saves(configs[c], cluster, cards, read, screenshot,
                                                  saves, r * 10 + static_cast<int>(c));
            lines[c].push_back({median(round.total), percentile(round.total, 95),
                                median(round.sha256), median(round.recall), median(round.save),
                                median(round.duplicate)});
            print_save_line(configs[c].label, std::to_string(r), lines[c].back());
            std::fflush(stdout);
        }
    std::printf("median of the rounds (ms; sha256, recall and save are each their own median)\n");
    for (std::size_t c = 0; c < configs.size(); ++c) {
        auto over_rounds = [&](double SaveLine::*field) {
            std::vector<double> values;
            for (const SaveLine& line : lines[c]) values.push_back(line.*field);
            return median(values);
        };
        print_save_line(configs[c].label, "all",
                        {over_rounds(&SaveLine::median), over_rounds(&SaveLine::p95),
                         over_rounds(&SaveLine::sha256), over_rounds(&SaveLine::recall),
                         over_rounds(&SaveLine::save), over_rounds(&SaveLine::duplicate)});
    }
}

// ---------------------------------------------------------------------------------------
// 2. Listing

// Entry k of `cards`, or a blank card when the engine read none there.
DecklistCard card_like(const std::vector<DecklistCard>& cards, std::size_t k) {
    return cards.empty() ? DecklistCard{} : cards[k % cards.size()];
}

// Stored decklist number `i`: the real one the engine read, with the spread of values the
// filters select on (40 events, 20 legends, 500 players, 56 dates, a quarter needing review)
// and 24 main-deck entries from 300 card names, each Chinese and English.
Decklist listing_row(const Decklist& read, int i) {
    Decklist d = read;
    d.decklist_id = make_uuid4();
    d.filename = "deck-" + std::to_string(i) + ".jpg";
    const std::string legend = std::to_string(i % 20);
    const int day = i % 28 + 1;
    d.metadata.deck_name = "卡组 " + std::to_string(i % 97);
    d.metadata.event = "Event " + std::to_string(i % 40);
    d.metadata.date = std::string("2026-") + (i % 4 < 2 ? "10" : "11") + "-" +
                      (day < 10 ? "0" : "") + std::to_string(day);
    d.metadata.player = "Player " + std::to_string(i % 500);
    d.metadata.placement = i % 64 + 1;
    d.metadata.legend_name_en = "Legend " + legend;

    DecklistCard legend_card = card_like(read.cards(Section::legend), 0);
    legend_card.name_cn = "传奇" + legend;
    legend_card.name_en = "Legend " + legend;
    d.cards(Section::legend) = {legend_card};
    std::vector<DecklistCard> main_deck;
    for (int k = 0; k < 24; ++k) {
        const std::string card = std::to_string((i * 7 + k * 13) % 300);
        DecklistCard entry = card_like(read.cards(Section::main_deck), k);
        entry.name_cn = "卡牌名称" + card;
        entry.name_en = "Card Name " + card;
        entry.quantity = k % 3 + 1;
        main_deck.push_back(std::move(entry));
    }
    d.cards(Section::main_deck) = std::move(main_deck);

    d.needs_review = i % 4 == 0;
    d.review_reasons.clear();
    if (d.needs_review)
        d.review_reasons.push_back({ReviewCode::section_off_rules, "main_deck needs a look"});
    d.exports["deck_code"] = "CEAAAAIBAEAQCAIB" + std::to_string(i);
    return d;
}

// Saves `rows` decklists from four threads, as four workers would; SQLite serialises them.
// Returns the id of the one in the middle, for get().
std::string fill_store(DecklistStore& store, const Decklist& read, int rows, const char* label) {
    constexpr int kWriters = 4;
    std::vector<std::string> ids(static_cast<std::size_t>(rows));
    std::vector<std::string> failures(kWriters);
    const Stopwatch stopwatch;
    std::vector<std::thread> writers;
    for (int w = 0; w < kWriters; ++w)
        writers.emplace_back([&, w] {
            try {
                for (int i = w; i < rows; i += kWriters) {
                    const Decklist d = listing_row(read, i);
                    // A small stand-in for the screenshot: listing never reads the bytes.
                    const std::string text =
                        "\x89PNG\r\n\x1a\n" + d.decklist_id + std::string(2000, 'x');
                    const std::vector<std::uint8_t> image(text.begin(), text.end());
                    NewDecklist record;
                    record.decklist = to_json(d);
                    record.image = image;
                    record.image_sha256 = sha256_hex(image);
                    store.save(record);
                    ids[static_cast<std::size_t>(i)] = d.decklist_id;
                }
            } catch (const std::exception& e) {
                failures[static_cast<std::size_t>(w)] = e.what();
            }
        });
    for (auto& writer : writers) writer.join();
    for (const std::string& failure : failures)
        if (!failure.empty()) throw std::runtime_error(std::string(label) + ": " + failure);
    const double ms = stopwatch.elapsed_ms();
    std::printf("[%s] %d saves: %.0f ms, %.2f ms per save (4 threads)\n", label, rows, ms,
                ms / rows);
    std::fflush(stdout);
    return ids[ids.size() / 2];
}

struct ListCase {
    std::string label;
    std::function<void(DecklistQuery&)> set;  // `cursor` is the store's own second page
};

std::vector<ListCase> list_cases() {
    return {
        {"no filter", [](DecklistQuery&) {}},
        {"second page", [](DecklistQuery&) {}},  // the cursor is filled per store
        {"no filter, limit 200", [](DecklistQuery& q) { q.limit = 200; }},
        {"event", [](DecklistQuery& q) { q.event = "Event 7"; }},
        {"legend", [](DecklistQuery& q) { q.legend = "Legend 3"; }},
        {"player", [](DecklistQuery& q) { q.player = "Player 42"; }},
        {"date range",
         [](DecklistQuery& q) {
             q.date_from = "2026-11-03";
             q.date_to = "2026-11-09";
         }},
        {"needs_review", [](DecklistQuery& q) { q.needs_review = true; }},
        {"event+legend+review",
         [](DecklistQuery& q) {
             q.event = "Event 8";
             q.legend = "Legend 8";
             q.needs_review = true;
         }},
        {"text (Chinese card)", [](DecklistQuery& q) { q.text = "卡牌名称17"; }},
        {"text (no match)", [](DecklistQuery& q) { q.text = "zzzz-nothing"; }},
        {"event+text",
         [](DecklistQuery& q) {
             q.event = "Event 9";
             q.text = "card name 1";
         }},
    };
}

// Median of `runs` calls.
double median_of_calls(const std::function<void()>& call, int runs) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const Stopwatch stopwatch;
        call();
        times.push_back(stopwatch.elapsed_ms());
    }
    return median(times);
}

struct ListedStore {
    Backend backend = Backend::sqlite;
    std::unique_ptr<ScratchStore> scratch;
    std::string middle_id;
    std::vector<DecklistQuery> queries;  // one per list case
    std::vector<std::size_t> found;
};

void run_list_bench(test::PostgresCluster* cluster, const Decklist& read, int rows, int rounds) {
    std::printf("\n## listing: %d decklists, limit 50 unless said, median of 51 calls per round\n",
                rows);
    std::vector<ListedStore> stores;
    for (Backend backend : {Backend::sqlite, Backend::postgresql}) {
        if (backend == Backend::postgresql && !cluster) continue;
        ListedStore s;
        s.backend = backend;
        s.scratch = std::make_unique<ScratchStore>(backend, cluster, "listing", true);
        s.middle_id = fill_store(s.scratch->store(), read, rows, backend_label(backend));
        const std::string cursor = s.scratch->store().list(DecklistQuery{}).next_cursor;
        for (const ListCase& c : list_cases()) {
            DecklistQuery q;
            c.set(q);
            if (c.label == "second page") q.cursor = cursor;
            s.queries.push_back(q);
        }
        s.found.assign(s.queries.size(), 0);
        stores.push_back(std::move(s));
    }

    // Every case on every store, in turn, for each round; the store that goes first alternates.
    const std::vector<ListCase> cases = list_cases();
    const std::size_t calls = cases.size() + 2;  // + get + events
    // times[store][call][round]
    std::vector<std::vector<std::vector<double>>> times(stores.size(),
                                                        std::vector<std::vector<double>>(calls));
    for (int r = 0; r < rounds; ++r)
        for (std::size_t c = 0; c < calls; ++c)
            for (std::size_t k = 0; k < stores.size(); ++k) {
                ListedStore& s = stores[r % 2 == 0 ? k : stores.size() - 1 - k];
                const std::size_t index = &s - stores.data();
                DecklistStore& store = s.scratch->store();
                double ms = 0;
                if (c < cases.size())
                    ms = median_of_calls(
                        [&] { s.found[c] = store.list(s.queries[c]).items.size(); }, 51);
                else if (c == cases.size())
                    ms = median_of_calls([&] { store.get(s.middle_id); }, 201);
                else
                    ms = median_of_calls([&] { store.events(); }, 51);
                times[index][c].push_back(ms);
            }

    std::printf("%-26s", "call");
    for (const ListedStore& s : stores)
        std::printf(" | %-10s %-22s %6s", backend_label(s.backend), "rounds (ms)", "items");
    if (stores.size() == 2) std::printf(" | pg/sqlite");
    std::printf("\n");
    for (std::size_t c = 0; c < calls; ++c) {
        const std::string label = c < cases.size()    ? "list " + cases[c].label
                                  : c == cases.size() ? std::string("get")
                                                      : std::string("events");
        std::printf("%-26s", label.c_str());
        for (std::size_t k = 0; k < stores.size(); ++k) {
            std::string each;
            for (double ms : times[k][c]) {
                char text[16];
                std::snprintf(text, sizeof text, "%.2f ", ms);
                each += text;
            }
            const std::string items = c < cases.size() ? std::to_string(stores[k].found[c]) : "";
            std::printf(" | %7.2f ms %-22s %6s", median(times[k][c]), each.c_str(), items.c_str());
        }
        if (stores.size() == 2) std::printf(" | %5.2f", median(times[1][c]) / median(times[0][c]));
        std::printf("\n");
    }
}

}  // namespace

int main(int argc, char** argv) {
    programs::restart_with_single_threaded_openmp(argv);
    try {
        const std::string shared = argc > 1 ? argv[1] : DECKLIST_SHARED_DIR;
        const int saves = env_count("DECKLIST_BENCH_SAVES", 500);
        const int rows = env_count("DECKLIST_BENCH_ROWS", 10000);
        const int rounds = env_count("DECKLIST_BENCH_ROUNDS", 3);

        std::printf("# %s on %u CPUs: %s\n", utc_now().c_str(), std::thread::hardware_concurrency(),
                    cpu_model().c_str());
        std::printf("# load average before: %s\n", load_average().c_str());

        std::vector<std::filesystem::path> screenshots;
        for (const auto& entry :
             std::filesystem::directory_iterator(shared + "/riftbound/screenshots"))
            if (entry.path().extension() == ".jpg") screenshots.push_back(entry.path());
        if (screenshots.empty())
            throw std::runtime_error("no .jpg in " + shared + "/riftbound/screenshots");
        std::sort(screenshots.begin(), screenshots.end());
        const std::vector<std::uint8_t> screenshot = testing::read_bytes(screenshots.front());

        const Engine engine(EngineOptions{shared + "/riftbound/cards.csv", default_tessdata_dir()});
        const Decklist read =
            engine.make_worker()->process(screenshot, screenshots.front().filename().string());
        std::printf("# screenshot %s, %zu bytes; its decklist: %d cards read, %zu bytes of JSON\n",
                    screenshots.front().filename().c_str(), screenshot.size(),
                    read.stats.total_cards, to_json(read).dump().size());

        std::unique_ptr<test::PostgresCluster> cluster;
        if (test::postgres_bin_dir().empty())
            std::printf(
                "# PostgreSQL skipped: no initdb (apt-get install postgresql-15, or set "
                "DECKLIST_PG_BIN)\n");
        else
            cluster = test::PostgresCluster::start();  // installed but failing: an error
        if (cluster)
            std::printf("# PostgreSQL: throwaway cluster (fsync=off) on 127.0.0.1:%d\n",
                        cluster->port());

        std::vector<SaveConfig> configs = {{"sqlite, images kept", Backend::sqlite, true},
                                           {"sqlite, images not kept", Backend::sqlite, false}};
        if (cluster) configs.push_back({"postgresql, images kept", Backend::postgresql, true});
        run_save_bench(configs, cluster.get(), engine.cards(), read, screenshot, saves, rounds);
        run_list_bench(cluster.get(), read, rows, rounds);
        std::printf("\n# load average after: %s\n", load_average().c_str());
        return 0;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "library-bench: %s\n", e.what());
        return 1;
    }
}
