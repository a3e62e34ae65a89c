// sse-parse: runs tests/support/sse_parser.hpp over an event stream and prints what it
// dispatches, so that tests/browser/unit/sse-parser-differential.test.mjs can compare the C++
// parser with the page's parser and with the npm package eventsource-parser.
//
//   sse-parse [--chunks N,N,...] [--summary] [FILE]
//
// Reads FILE (or stdin) as bytes and feeds it to the parser in chunks of the given sizes,
// cycled (default: the whole input at once). Prints one JSON object per dispatched event per
// line: {"event":...,"data":...,"id":...}. --summary adds a last line
// {"summary":{"retry":N|null,"comments":N}} with the reconnection time and the comment count.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "sse_parser.hpp"

namespace {

[[noreturn]] void usage(const std::string& problem) {
    std::cerr << "sse-parse: " << problem << "\n"
              << "usage: sse-parse [--chunks N,N,...] [--summary] [FILE]\n";
    std::exit(2);
}

std::vector<std::size_t> chunk_sizes(const std::string& text) {
    std::vector<std::size_t> sizes;
    std::stringstream list(text);
    std::string item;
    while (std::getline(list, item, ',')) {
        char* end = nullptr;
        const unsigned long long size = std::strtoull(item.c_str(), &end, 10);
        // A zero size would never make progress through the input.
        if (item.empty() || *end != '\0' || size == 0 || item[0] == '-')
            usage("--chunks wants positive whole numbers separated by commas");
        sizes.push_back(static_cast<std::size_t>(size));
    }
    if (sizes.empty()) usage("--chunks wants at least one size");
    return sizes;
}

void print(const nlohmann::ordered_json& line) {
    // The C++ parser works on bytes, so a stream that is not UTF-8 must not abort the dump.
    std::cout << line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace)
              << '\n';
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::size_t> sizes;
    bool summary = false;
    std::string path;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--chunks") {
            if (i + 1 >= argc) usage("--chunks needs a value");
            sizes = chunk_sizes(argv[++i]);
        } else if (arg == "--summary") {
            summary = true;
        } else if (arg == "-h" || arg == "--help") {
            usage("prints the events an event stream holds");
        } else if (!arg.empty() && arg[0] == '-' && arg != "-") {
            usage("unknown option " + arg);
        } else if (path.empty()) {
            path = arg;
        } else {
            usage("one input file at most");
        }
    }

    std::string input;
    if (path.empty() || path == "-") {
        input.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
        std::ifstream file(path, std::ios::binary);
        if (!file) {
            std::cerr << "sse-parse: cannot read " << path << "\n";
            return 1;
        }
        input.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
    }
    if (sizes.empty()) sizes.push_back(input.empty() ? 1 : input.size());

    decklist::test::SseParser parser;
    const std::string_view whole(input);
    std::size_t offset = 0;
    for (std::size_t n = 0; offset < input.size(); ++n) {
        const std::size_t size = sizes[n % sizes.size()];
        for (const auto& event : parser.feed(whole.substr(offset, size))) {
            nlohmann::ordered_json line;
            line["event"] = event.event;
            line["data"] = event.data;
            line["id"] = event.id;
            print(line);
        }
        offset += size;
    }
    if (summary) {
        nlohmann::ordered_json totals;
        if (const auto retry = parser.retry_ms())
            totals["retry"] = *retry;
        else
            totals["retry"] = nullptr;
        totals["comments"] = parser.comments();
        print({{"summary", totals}});
    }
    std::cout.flush();
    return std::cout ? 0 : 1;
}
