#include "decklist/config/defaults.hpp"

#include <cstdlib>
#include <filesystem>

#ifndef DECKLIST_REPO_ROOT
#error "DECKLIST_REPO_ROOT must be defined by the build (src/core/CMakeLists.txt)"
#endif

namespace decklist {
namespace {

std::string env_or_empty(const char* name) {
    const char* value = std::getenv(name);
    return value ? std::string(value) : std::string();
}

}  // namespace

std::string repo_root() {
    return DECKLIST_REPO_ROOT;
}

std::string resolve_repo_path(std::string_view path) {
    const std::filesystem::path p(path);
    if (p.is_absolute()) return p.lexically_normal().string();
    return (std::filesystem::path(repo_root()) / p).lexically_normal().string();
}

std::string default_cards_csv(std::string_view configured) {
    if (std::string env = env_or_empty("DECKLIST_CARDS_CSV"); !env.empty()) return env;
    return resolve_repo_path(configured.empty() ? kDefaultCardsCsv : configured);
}

std::string default_tessdata_dir() {
    return env_or_empty("DECKLIST_TESSDATA_DIR");
}

}  // namespace decklist
