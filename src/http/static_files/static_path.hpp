#pragma once
// Mapping a request path to a file under the web root, refusing every way out of it:
// "..", encoded dots and slashes (%2e, %2f, %5c), double encoding, backslashes, NUL,
// hidden files, and symlinks that leave the root.

#include <filesystem>
#include <optional>
#include <string_view>

namespace decklist::http {

// `raw_path` is the path as sent (still percent-encoded), `decoded_path` the same decoded
// once. Returns the regular file to serve ("/" and directories map to their index.html),
// or nullopt. `root` must be canonical.
std::optional<std::filesystem::path> resolve_static_path(const std::filesystem::path& root,
                                                         std::string_view raw_path,
                                                         std::string_view decoded_path);

}  // namespace decklist::http
