#pragma once
// A small JSON Schema validator for the tests: the subset docs/schemas/*.json use, which is
// type (a name or an array of names, so ["string","null"] is "nullable"), enum, required,
// properties, additionalProperties, items, minimum, maximum, minLength, minItems, oneOf,
// anyOf and $ref ("other.json", "other.json#/definitions/x", "#/definitions/x").
// Debian packages no C++ JSON Schema library, and this subset is all the contract needs.
// A keyword it does not know makes validation fail loudly, so a schema cannot silently
// outgrow the validator.

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace decklist::test {

class SchemaSet {
  public:
    // Loads every *.json in `dir` lazily, by file name.
    explicit SchemaSet(std::string dir) : dir_(std::move(dir)) {}

    // Problems found, one per line ("$.decklist.stats.accuracy: 120 > maximum 100");
    // empty when `value` conforms to the schema in file `schema_file`.
    std::vector<std::string> validate(const std::string& schema_file, const nlohmann::json& value) {
        std::vector<std::string> problems;
        check(document(schema_file), schema_file, value, "$", problems);
        return problems;
    }

    // Convenience for gtest: the problems joined, or "" when valid.
    std::string explain(const std::string& schema_file, const nlohmann::json& value) {
        std::string out;
        for (const auto& p : validate(schema_file, value)) out += p + "\n";
        return out;
    }

  private:
    const nlohmann::json& document(const std::string& file) {
        auto it = docs_.find(file);
        if (it != docs_.end()) return it->second;
        std::ifstream in(dir_ + "/" + file);
        if (!in) throw std::runtime_error("schema not found: " + dir_ + "/" + file);
        std::stringstream text;
        text << in.rdbuf();
        return docs_.emplace(file, nlohmann::json::parse(text.str())).first->second;
    }

    // Resolves a $ref against the document it appears in; returns the schema and its file.
    std::pair<const nlohmann::json*, std::string> resolve(const std::string& ref,
                                                          const std::string& file) {
        const auto hash = ref.find('#');
        const std::string target_file = hash == 0 ? file : ref.substr(0, hash);
        const nlohmann::json* schema = &document(target_file);
        if (hash != std::string::npos && hash + 1 < ref.size())
            schema = &schema->at(nlohmann::json::json_pointer(ref.substr(hash + 1)));
        return {schema, target_file};
    }

    static bool has_type(const nlohmann::json& v, const std::string& type) {
        if (type == "null") return v.is_null();
        if (type == "boolean") return v.is_boolean();
        if (type == "object") return v.is_object();
        if (type == "array") return v.is_array();
        if (type == "string") return v.is_string();
        if (type == "number") return v.is_number();
        if (type == "integer")
            return v.is_number_integer() ||
                   (v.is_number_float() &&
                    v.get<double>() == static_cast<long long>(v.get<double>()));
        throw std::runtime_error("schema uses unknown type " + type);
    }

    void check(const nlohmann::json& schema, const std::string& file, const nlohmann::json& v,
               const std::string& path, std::vector<std::string>& problems) {
        static const std::set<std::string> annotations = {"$schema", "$id", "title", "description",
                                                          "definitions"};
        static const std::set<std::string> known = {
            "type",  "enum",    "required", "properties", "additionalProperties",
            "items", "minimum", "maximum",  "minLength",  "minItems",
            "oneOf", "anyOf",   "$ref"};
        for (const auto& [key, _] : schema.items())
            if (!annotations.count(key) && !known.count(key))
                problems.push_back(path + ": schema keyword '" + key + "' is not supported");

        if (schema.contains("$ref")) {
            auto [target, target_file] = resolve(schema["$ref"].get<std::string>(), file);
            check(*target, target_file, v, path, problems);
        }
        if (schema.contains("type")) {
            const auto& t = schema["type"];
            bool ok = false;
            if (t.is_string()) ok = has_type(v, t.get<std::string>());
            for (const auto& one : t.is_array() ? t : nlohmann::json::array())
                ok = ok || has_type(v, one.get<std::string>());
            if (!ok) {
                problems.push_back(path + ": " + v.dump() + " is not of type " + t.dump());
                return;  // the other keywords would only repeat the same problem
            }
        }
        if (schema.contains("enum")) {
            bool found = false;
            for (const auto& allowed : schema["enum"]) found = found || allowed == v;
            if (!found)
                problems.push_back(path + ": " + v.dump() + " not in " + schema["enum"].dump());
        }
        if (v.is_number()) {
            const double x = v.get<double>();
            if (schema.contains("minimum") && x < schema["minimum"].get<double>())
                problems.push_back(path + ": " + v.dump() + " < minimum " +
                                   schema["minimum"].dump());
            if (schema.contains("maximum") && x > schema["maximum"].get<double>())
                problems.push_back(path + ": " + v.dump() + " > maximum " +
                                   schema["maximum"].dump());
        }
        if (v.is_string() && schema.contains("minLength") &&
            v.get<std::string>().size() < schema["minLength"].get<std::size_t>())
            problems.push_back(path + ": string shorter than " + schema["minLength"].dump());
        if (v.is_object()) check_object(schema, file, v, path, problems);
        if (v.is_array()) {
            if (schema.contains("minItems") && v.size() < schema["minItems"].get<std::size_t>())
                problems.push_back(path + ": fewer than " + schema["minItems"].dump() + " items");
            if (schema.contains("items"))
                for (std::size_t i = 0; i < v.size(); ++i)
                    check(schema["items"], file, v[i], path + "[" + std::to_string(i) + "]",
                          problems);
        }
        for (const char* combinator : {"oneOf", "anyOf"}) {
            if (!schema.contains(combinator)) continue;
            std::size_t matching = 0;
            for (const auto& option : schema[combinator]) {
                std::vector<std::string> sub;
                check(option, file, v, path, sub);
                if (sub.empty()) ++matching;
            }
            const bool ok = std::string(combinator) == "oneOf" ? matching == 1 : matching >= 1;
            if (!ok)
                problems.push_back(path + ": " + std::to_string(matching) + " options of " +
                                   combinator + " match");
        }
    }

    void check_object(const nlohmann::json& schema, const std::string& file,
                      const nlohmann::json& v, const std::string& path,
                      std::vector<std::string>& problems) {
        for (const auto& name : schema.value("required", nlohmann::json::array()))
            if (!v.contains(name.get<std::string>()))
                problems.push_back(path + ": missing required '" + name.get<std::string>() + "'");
        const auto properties = schema.value("properties", nlohmann::json::object());
        for (const auto& [key, value] : v.items()) {
            if (properties.contains(key)) {
                check(properties[key], file, value, path + "." + key, problems);
            } else if (schema.contains("additionalProperties")) {
                const auto& extra = schema["additionalProperties"];
                if (extra.is_boolean() && !extra.get<bool>())
                    problems.push_back(path + ": unexpected property '" + key + "'");
                else if (extra.is_object())
                    check(extra, file, value, path + "." + key, problems);
            }
        }
    }

    std::string dir_;
    std::map<std::string, nlohmann::json> docs_;
};

}  // namespace decklist::test
