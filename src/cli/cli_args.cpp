#include "cli_args.hpp"

#include <charconv>

namespace decklist::cli {

std::optional<std::string> ParsedArgs::option(const std::string& name) const {
    const auto it = options.find(name);
    if (it == options.end()) return std::nullopt;
    return it->second;
}

int ParsedArgs::positive_int(const std::string& name, int fallback) const {
    const auto text = option(name);
    if (!text) return fallback;
    int value = 0;
    const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (ec != std::errc() || end != text->data() + text->size() || value < 1)
        throw UsageError{name + " needs a positive integer, got \"" + *text + "\""};
    return value;
}

ParsedArgs parse_args(const std::vector<std::string>& args, const std::set<std::string>& with_value,
                      const std::set<std::string>& switches) {
    ParsedArgs parsed;
    bool only_positional = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (only_positional || arg.size() < 2 || arg.rfind("--", 0) != 0) {
            parsed.positional.push_back(arg);
        } else if (arg == "--") {
            only_positional = true;
        } else if (const auto eq = arg.find('=');
                   eq != std::string::npos && with_value.count(arg.substr(0, eq))) {
            parsed.options[arg.substr(0, eq)] = arg.substr(eq + 1);
        } else if (with_value.count(arg)) {
            if (i + 1 >= args.size()) throw UsageError{arg + " needs a value"};
            parsed.options[arg] = args[++i];
        } else if (switches.count(arg)) {
            parsed.flags.insert(arg);
        } else {
            throw UsageError{"unknown option " + arg};
        }
    }
    return parsed;
}

}  // namespace decklist::cli
