#include "image_files.hpp"

#include <fstream>
#include <iterator>

namespace decklist::cli {

std::vector<std::uint8_t> read_file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorType::not_found, "cannot read " + path.string());
    return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), {});
}

Outcome process_file(Engine::Worker& worker, const std::filesystem::path& path) {
    try {
        const std::vector<std::uint8_t> bytes = read_file_bytes(path);
        return worker.process(bytes, path.filename().string());
    } catch (const Error& e) {
        return e;
    } catch (const std::exception& e) {
        return Error(ErrorType::internal, e.what());
    }
}

nlohmann::json error_json(const std::string& filename, const Error& error) {
    nlohmann::json j = error.to_json();
    j["filename"] = filename;
    return j;
}

}  // namespace decklist::cli
