// decklist-cli parse: one JSON line per image, in the order given.

#include <unistd.h>

#include <iostream>

#include "cli_args.hpp"
#include "commands.hpp"
#include "decklist/config/defaults.hpp"
#include "export_output.hpp"
#include "image_files.hpp"

namespace decklist::cli {

int run_parse(const std::vector<std::string>& raw) {
    const ParsedArgs args = parse_args(raw, {"--cards", "--format"}, {});
    const std::string format = args.option("--format").value_or("json");
    if (!is_output_format(format)) throw UsageError{"unknown --format \"" + format + "\""};
    if (args.positional.empty()) throw UsageError{"no images given"};

    const Engine engine(
        EngineOptions{cards_path(args.option("--cards").value_or("")), default_tessdata_dir()});
    const auto worker = engine.make_worker();
    // Progress is for people; a pipe or a file gets only the JSON lines.
    const bool show_progress = ::isatty(STDERR_FILENO) == 1;

    bool all_parsed = true;
    const std::size_t total = args.positional.size();
    for (std::size_t i = 0; i < total; ++i) {
        const std::filesystem::path path = args.positional[i];
        if (show_progress)
            std::cerr << "\r[" << i + 1 << "/" << total << "] " << path.filename().string()
                      << "\033[K" << std::flush;
        const Outcome outcome = process_file(*worker, path);
        if (format != "json") {
            all_parsed &= print_export(outcome, format, path.filename().string(), total > 1,
                                       std::cout, std::cerr);
        } else if (const auto* decklist = std::get_if<Decklist>(&outcome)) {
            std::cout << to_json(*decklist).dump(-1, ' ', false,
                                                 nlohmann::json::error_handler_t::replace)
                      << "\n";
        } else {
            all_parsed = false;
            std::cout << error_json(path.filename().string(), std::get<Error>(outcome))
                             .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)
                      << "\n";
        }
        std::cout.flush();
    }
    if (show_progress) std::cerr << "\r\033[K" << std::flush;
    return all_parsed ? 0 : 1;
}

}  // namespace decklist::cli
