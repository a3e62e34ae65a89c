#pragma once
// JSON Schema (draft-07) validation for the tests, by Debian's valijson through its
// nlohmann/json adapter: every JSON body and event is checked against docs/schemas.
// References to other files ("decklist.json#/definitions/x") are loaded from the same folder.

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace decklist::test {

class SchemaSet {
  public:
    // Compiles each schema of `dir` the first time it is asked for, by file name.
    explicit SchemaSet(std::string dir) : dir_(std::move(dir)) {}

    // Problems found, one per line ("<root> [stats] [accuracy]: Value ... above maximum");
    // empty when `value` conforms to the schema in file `schema_file`. Thread-safe.
    std::vector<std::string> validate(const std::string& schema_file, const nlohmann::json& value) {
        std::lock_guard lock(mutex_);
        valijson::Validator validator;
        valijson::ValidationResults results;
        valijson::adapters::NlohmannJsonAdapter target(value);
        std::vector<std::string> problems;
        if (validator.validate(schema(schema_file), target, &results)) return problems;
        for (const auto& error : results) {
            std::string where;
            for (const auto& step : error.context) where += step;
            problems.push_back(where + ": " + error.description);
        }
        return problems;
    }

    // Convenience for gtest: the problems joined, or "" when valid.
    std::string explain(const std::string& schema_file, const nlohmann::json& value) {
        std::string out;
        for (const auto& p : validate(schema_file, value)) out += p + "\n";
        return out;
    }

  private:
    nlohmann::json load(const std::string& file) const {
        // A reference names a file of the folder, possibly with a path before it.
        const auto path = std::filesystem::path(dir_) / std::filesystem::path(file).filename();
        std::ifstream in(path);
        if (!in) throw std::runtime_error("no schema file " + path.string());
        return nlohmann::json::parse(in);
    }

    const valijson::Schema& schema(const std::string& file) {
        auto& compiled = compiled_[file];
        if (compiled) return *compiled;
        const nlohmann::json document = load(file);
        auto schema = std::make_unique<valijson::Schema>();
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        parser.populateSchema(
            valijson::adapters::NlohmannJsonAdapter(document), *schema,
            [this](const std::string& uri) -> const nlohmann::json* {
                return new nlohmann::json(load(uri.substr(0, uri.find('#'))));
            },
            [](const nlohmann::json* fetched) { delete fetched; });
        compiled = std::move(schema);
        return *compiled;
    }

    std::string dir_;
    std::mutex mutex_;
    std::map<std::string, std::unique_ptr<valijson::Schema>> compiled_;
};

}  // namespace decklist::test
