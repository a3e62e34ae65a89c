#pragma once
// Shared pieces of the batch tests: the real engine on the real shared screenshots, and an
// event collector that tests wait on (condition variable, no sleeps).

#include <gtest/gtest.h>

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <mutex>
#include <string>
#include <vector>

#include "decklist/batch/batch_runner.hpp"
#include "decklist/engine.hpp"

namespace decklist::test {

inline const Engine& shared_engine() {
    static Engine engine([] {
        EngineOptions options;
        options.cards_csv = std::string(DECKLIST_SHARED_DIR) + "/riftbound/cards.csv";
        return options;
    }());
    return engine;
}

inline std::vector<std::filesystem::path> screenshot_paths() {
    std::vector<std::filesystem::path> paths;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(DECKLIST_SHARED_DIR) +
                                                                 "/riftbound/screenshots"))
        if (entry.path().extension() == ".jpg") paths.push_back(entry.path());
    std::sort(paths.begin(), paths.end());
    return paths;
}

inline std::vector<std::uint8_t> read_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline ImageUpload upload(std::string filename, std::vector<std::uint8_t> bytes) {
    return ImageUpload{std::move(filename), std::move(bytes), {}};
}

inline ImageUpload screenshot_upload(std::size_t i) {
    const auto paths = screenshot_paths();
    const auto& path = paths.at(i % paths.size());
    return upload(path.filename().string(), read_bytes(path));
}

inline ImageUpload text_upload(std::string filename = "notes.txt") {
    const std::string text = "this is not an image\n";
    return upload(std::move(filename), std::vector<std::uint8_t>(text.begin(), text.end()));
}

// Records every event; lets a test block until a condition over the events holds.
class EventLog {
  public:
    BatchRunner::EventSink sink() {
        return [this](const BatchEvent& event) {
            std::lock_guard lock(mutex_);
            events_.push_back(event);
            changed_.notify_all();
        };
    }

    // Waits (bounded only as a safety net against a hung test) until pred(events) holds.
    bool wait_for(const std::function<bool(const std::vector<BatchEvent>&)>& pred) {
        std::unique_lock lock(mutex_);
        return changed_.wait_for(lock, std::chrono::minutes(2), [&] { return pred(events_); });
    }
    bool wait_complete() {
        return wait_for([](const auto& events) {
            return !events.empty() && std::holds_alternative<CompleteEvent>(events.back());
        });
    }

    std::vector<BatchEvent> events() const {
        std::lock_guard lock(mutex_);
        return events_;
    }

  private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<BatchEvent> events_;
};

template <class T>
std::vector<T> of_type(const std::vector<BatchEvent>& events) {
    std::vector<T> out;
    for (const auto& e : events)
        if (auto* p = std::get_if<T>(&e)) out.push_back(*p);
    return out;
}

// For every index: progress events, then exactly one result or error; complete once, last.
inline void expect_well_ordered(const std::vector<BatchEvent>& events, std::size_t total) {
    std::vector<int> finished(total, 0);
    std::size_t completes = 0;
    for (std::size_t i = 0; i < events.size(); ++i) {
        const auto& e = events[i];
        if (auto* p = std::get_if<ProgressEvent>(&e)) {
            ASSERT_LT(p->index, total);
            EXPECT_EQ(finished[p->index], 0) << "progress after the result of " << p->index;
        } else if (auto* r = std::get_if<ResultEvent>(&e)) {
            ASSERT_LT(r->index, total);
            ++finished[r->index];
        } else if (auto* er = std::get_if<ErrorEvent>(&e)) {
            ASSERT_LT(er->index, total);
            ++finished[er->index];
        } else {
            ++completes;
            EXPECT_EQ(i, events.size() - 1) << "complete is not the last event";
        }
    }
    EXPECT_EQ(completes, 1u);
    for (std::size_t i = 0; i < total; ++i) EXPECT_EQ(finished[i], 1) << "image " << i;
}

}  // namespace decklist::test
