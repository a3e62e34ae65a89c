// Not a test but a measurement, run by hand: how long one filtered list() takes over 10,000
// decklists on each backend. Disabled, and without assertions on time, since machines differ;
// the benchmark that holds the bar lives elsewhere.
//
//   integration_store --gtest_also_run_disabled_tests --gtest_filter='*Timing*'
//
// DECKLIST_STORE_TIMING_ROWS changes the number of decklists.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <thread>

#include "store_fixture.hpp"

namespace decklist::store_test {
namespace {

using TimingClock = std::chrono::steady_clock;

double median_ms(const std::function<void()>& call, int runs) {
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        const auto start = TimingClock::now();
        call();
        times.push_back(
            std::chrono::duration<double, std::milli>(TimingClock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

// A decklist of about the engine's size: a legend, 3 battlefields' worth of main-deck
// entries and Chinese and English names on every card.
DeckSpec timing_spec(int i) {
    DeckSpec s;
    s.id = "t-" + std::to_string(i);
    s.deck_name = "卡组 " + std::to_string(i % 97);
    s.event = "Event " + std::to_string(i % 40);
    s.date = "2026-" + std::string(i % 4 < 2 ? "10" : "11") + "-" + (i % 28 + 1 < 10 ? "0" : "") +
             std::to_string(i % 28 + 1);
    s.player = "Player " + std::to_string(i % 500);
    s.placement = i % 64 + 1;
    s.legend = Card{"传奇" + std::to_string(i % 20), "Legend " + std::to_string(i % 20)};
    for (int k = 0; k < 24; ++k) {
        const int card = (i * 7 + k * 13) % 300;
        s.main_deck.push_back(
            {"卡牌名称" + std::to_string(card), "Card Name " + std::to_string(card), k % 3 + 1});
    }
    s.deck_code = "CEAAAAIBAEAQCAIB" + std::to_string(i);
    s.needs_review = i % 4 == 0;
    return s;
}

TEST_P(StoreTest, DISABLED_ListTimingOverTenThousandDecklists) {
    const char* env = std::getenv("DECKLIST_STORE_TIMING_ROWS");
    const int rows = env ? std::atoi(env) : 10000;
    const char* name = GetParam() == Backend::sqlite ? "sqlite" : "postgresql";

    // Four writers, as four worker threads would save; SQLite serialises them on its mutex.
    const auto start = TimingClock::now();
    std::vector<std::thread> writers;
    constexpr int kWriters = 4;
    for (int w = 0; w < kWriters; ++w) {
        writers.emplace_back([&, w] {
            for (int i = w; i < rows; i += kWriters) {
                const DeckSpec s = timing_spec(i);
                save(*store_, s, image_bytes(s.id + std::string(2000, 'x')));
            }
        });
    }
    for (auto& writer : writers) writer.join();
    const double save_ms =
        std::chrono::duration<double, std::milli>(TimingClock::now() - start).count();
    std::printf("[%s] %d saves: %.0f ms, %.2f ms per save (4 threads)\n", name, rows, save_ms,
                save_ms / rows);

    DecklistQuery first_page;
    const std::string cursor = store_->list(first_page).next_cursor;
    struct Case {
        const char* label;
        DecklistQuery query;
    };
    std::vector<Case> cases;
    auto add = [&](const char* label, std::function<void(DecklistQuery&)> set) {
        DecklistQuery q;
        set(q);
        cases.push_back({label, q});
    };
    add("no filter", [](DecklistQuery&) {});
    add("second page", [&](DecklistQuery& q) { q.cursor = cursor; });
    add("event", [](DecklistQuery& q) { q.event = "Event 7"; });
    add("legend", [](DecklistQuery& q) { q.legend = "Legend 3"; });
    add("player", [](DecklistQuery& q) { q.player = "Player 42"; });
    add("date range", [](DecklistQuery& q) {
        q.date_from = "2026-11-03";
        q.date_to = "2026-11-09";
    });
    add("needs_review", [](DecklistQuery& q) { q.needs_review = true; });
    add("event+legend+review", [](DecklistQuery& q) {
        q.event = "Event 8";
        q.legend = "Legend 8";
        q.needs_review = true;
    });
    add("text (Chinese card)", [](DecklistQuery& q) { q.text = "卡牌名称17"; });
    add("text (no match)", [](DecklistQuery& q) { q.text = "zzzz-nothing"; });
    add("event+text", [](DecklistQuery& q) {
        q.event = "Event 9";
        q.text = "card name 1";
    });
    for (const Case& c : cases) {
        std::size_t found = 0;
        const double ms = median_ms([&] { found = store_->list(c.query).items.size(); }, 51);
        std::printf("[%s] list %-22s median %6.2f ms (%zu items)\n", name, c.label, ms, found);
    }
    const double get_ms = median_ms([&] { store_->get("t-4242"); }, 201);
    std::printf("[%s] get                          median %6.2f ms\n", name, get_ms);
    const double events_ms = median_ms([&] { store_->events(); }, 51);
    std::printf("[%s] events                       median %6.2f ms\n", name, events_ms);
}

}  // namespace
}  // namespace decklist::store_test
