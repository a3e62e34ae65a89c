#pragma once
// Paths to the shared, read-only Riftbound data the tests read (never copied into the repo).

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace decklist::testing {

inline std::string shared_cards_csv() {
    return std::string(DECKLIST_SHARED_DIR) + "/riftbound/cards.csv";
}

inline std::filesystem::path shared_truth_dir() {
    return std::filesystem::path(DECKLIST_SHARED_DIR) / "riftbound" / "truth";
}

inline std::filesystem::path shared_screenshot_dir() {
    return std::filesystem::path(DECKLIST_SHARED_DIR) / "riftbound" / "screenshots";
}

// Every truth file, sorted so that test output is stable.
inline std::vector<std::filesystem::path> shared_truth_files() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(shared_truth_dir()))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace decklist::testing
