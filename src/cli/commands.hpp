#pragma once
// The decklist-cli subcommands. Each takes the arguments after its name and returns the
// process exit code: 0 success, 1 some image failed, 2 bad usage or setup.

#include <string>
#include <vector>

namespace decklist::cli {

int run_parse(const std::vector<std::string>& args);
int run_eval(const std::vector<std::string>& args);
int run_bench(const std::vector<std::string>& args);
int run_sweep(const std::vector<std::string>& args);
int run_decode_code(const std::vector<std::string>& args);

// --cards when given, else $DECKLIST_CARDS_CSV, else the server's configured default.
std::string cards_path(const std::string& from_flag);

}  // namespace decklist::cli
