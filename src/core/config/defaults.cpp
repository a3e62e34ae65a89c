#include "decklist/config/defaults.hpp"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace decklist {
namespace {

namespace fs = std::filesystem;

std::string env_or_empty(const char* name) {
    const char* value = std::getenv(name);
    return value ? std::string(value) : std::string();
}

bool holds_card_database(const fs::path& folder) {
    std::error_code error;
    return fs::is_regular_file(folder / kDefaultCardsCsv, error);
}

fs::path find_application_root() {
    std::error_code error;
    const fs::path executable = fs::read_symlink("/proc/self/exe", error);
    if (error) return fs::current_path();
    const fs::path bin = executable.parent_path();
    // Installed (<prefix>/bin, <prefix>/share/decklist-ocr), then the source tree: programs
    // sit in build/, test programs one folder deeper (build/tests/).
    const fs::path candidates[] = {bin / ".." / "share" / "decklist-ocr", bin / "..",
                                   bin / ".." / ".."};
    for (const auto& candidate : candidates) {
        if (!holds_card_database(candidate)) continue;
        const fs::path root = candidate.lexically_normal();  // "/srv/decklist/" for "bin/.."
        return root.has_filename() ? root : root.parent_path();
    }
    return fs::current_path();
}

}  // namespace

std::string application_root() {
    static const std::string root = find_application_root().string();
    return root;
}

std::string resolve_application_path(std::string_view path) {
    const fs::path p(path);
    if (p.is_absolute()) return p.lexically_normal().string();
    return (fs::path(application_root()) / p).lexically_normal().string();
}

std::string default_cards_csv(std::string_view configured) {
    if (std::string env = env_or_empty("DECKLIST_CARDS_CSV"); !env.empty()) return env;
    return resolve_application_path(configured.empty() ? kDefaultCardsCsv : configured);
}

std::string default_tessdata_dir() {
    return env_or_empty("DECKLIST_TESSDATA_DIR");
}

}  // namespace decklist
