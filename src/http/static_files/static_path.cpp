#include "http/static_files/static_path.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace decklist::http {
namespace {

bool contains_ci(std::string_view haystack, std::string_view needle) {
    auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                          [](char a, char b) {
                              return std::tolower(static_cast<unsigned char>(a)) ==
                                     std::tolower(static_cast<unsigned char>(b));
                          });
    return it != haystack.end();
}

bool is_inside(const std::filesystem::path& root, const std::filesystem::path& p) {
    auto r = root.begin(), q = p.begin();
    for (; r != root.end(); ++r, ++q)
        if (q == p.end() || *r != *q) return false;
    return true;
}

}  // namespace

std::optional<std::filesystem::path> resolve_static_path(const std::filesystem::path& root,
                                                         std::string_view raw_path,
                                                         std::string_view decoded_path) {
    namespace fs = std::filesystem;
    // Encoded separators never name a file of ours; refusing them outright closes the
    // tricks that rely on a second decoding somewhere (a proxy, the filesystem).
    for (auto bad : {"%2f", "%5c", "%00", "%25"})
        if (contains_ci(raw_path, bad)) return std::nullopt;
    if (decoded_path.empty() || decoded_path.front() != '/') return std::nullopt;
    if (decoded_path.find('\\') != std::string_view::npos ||
        decoded_path.find('\0') != std::string_view::npos ||
        decoded_path.find('%') != std::string_view::npos)
        return std::nullopt;

    fs::path relative;
    std::string_view rest = decoded_path.substr(1);
    while (!rest.empty()) {
        const auto slash = rest.find('/');
        const auto segment = rest.substr(0, slash);
        rest.remove_prefix(slash == std::string_view::npos ? rest.size() : slash + 1);
        if (segment.empty()) continue;                    // "//" collapses
        if (segment.front() == '.') return std::nullopt;  // ".", "..", hidden files
        relative /= std::string(segment);
    }

    fs::path candidate = root / relative;
    std::error_code ec;
    if (fs::is_directory(candidate, ec)) candidate /= "index.html";
    const auto real = fs::canonical(candidate, ec);
    if (ec || !is_inside(root, real) || !fs::is_regular_file(real, ec)) return std::nullopt;
    return real;
}

}  // namespace decklist::http
