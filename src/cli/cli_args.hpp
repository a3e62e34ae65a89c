#pragma once
// A small argument reader for the subcommands: "--name value" options, "--flag" switches
// and positional arguments, in any order.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace decklist::cli {

struct ParsedArgs {
    std::map<std::string, std::string> options;  // "--cards" -> "path"
    std::set<std::string> flags;                 // "--json"
    std::vector<std::string> positional;

    std::optional<std::string> option(const std::string& name) const;
    bool flag(const std::string& name) const { return flags.count(name) > 0; }
    // The option as a positive integer; throws UsageError when it is not one.
    int positive_int(const std::string& name, int fallback) const;
};

struct UsageError {
    std::string message;
};

// `with_value` lists the options that take a value, `switches` those that do not; anything
// else starting with "--" is a UsageError.
ParsedArgs parse_args(const std::vector<std::string>& args, const std::set<std::string>& with_value,
                      const std::set<std::string>& switches);

}  // namespace decklist::cli
