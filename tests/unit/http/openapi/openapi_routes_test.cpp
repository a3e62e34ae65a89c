// The served OpenAPI document and the router agree: every route the server registers is
// described, and every described operation is a route. The document describes each API
// route once, under the first of Router::kApiPrefixes; the router registers it under each.

#include <gtest/gtest.h>

#include <cctype>
#include <functional>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "http/openapi/openapi_document.hpp"
#include "http/server/server.hpp"

namespace decklist::http {
namespace {

using OpenApiOperation = std::pair<std::string, std::string>;  // {"get", "/api/v1/batches/{id}"}

std::string lowercase_method(bhttp::verb method) {
    const auto name = bhttp::to_string(method);
    std::string out(name.data(), name.size());
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// An API route as the document names it: under the first prefix.
std::string openapi_path_of(const std::string& pattern) {
    const std::string documented_prefix(Router::kApiPrefixes[0]);
    for (auto prefix : Router::kApiPrefixes) {
        const std::string p(prefix);
        if (pattern.rfind(p + "/", 0) == 0) return documented_prefix + pattern.substr(p.size());
    }
    return pattern;
}

enum class PathNames { as_registered, as_documented };

std::set<OpenApiOperation> router_operations(PathNames names) {
    ServerConfig config;
    config.bind = "127.0.0.1";
    config.port = 0;
    Server server(config, nullptr);
    server.register_routes();
    std::set<OpenApiOperation> operations;
    for (const auto& route : server.router().routes())
        operations.emplace(lowercase_method(route.method), names == PathNames::as_documented
                                                               ? openapi_path_of(route.pattern)
                                                               : route.pattern);
    return operations;
}

std::set<OpenApiOperation> document_operations() {
    const auto document = nlohmann::json::parse(openapi_document_json());
    static const std::set<std::string> kMethods = {"get",     "put",  "post",  "delete",
                                                   "options", "head", "patch", "trace"};
    std::set<OpenApiOperation> operations;
    for (const auto& [path, item] : document.at("paths").items())
        for (const auto& [key, value] : item.items())
            if (kMethods.count(key)) operations.emplace(key, path);
    return operations;
}

std::string describe_operations(const std::set<OpenApiOperation>& operations) {
    std::string out;
    for (const auto& [method, path] : operations) out += "\n  " + method + " " + path;
    return out;
}

TEST(OpenApiRoutes, EveryRouteIsDocumentedAndEveryOperationIsARoute) {
    const auto routes = router_operations(PathNames::as_documented);
    const auto documented = document_operations();
    ASSERT_GT(routes.size(), 10u) << "the product's route groups were not linked in";
    std::set<OpenApiOperation> undocumented, unknown;
    for (const auto& op : routes)
        if (!documented.count(op)) undocumented.insert(op);
    for (const auto& op : documented)
        if (!routes.count(op)) unknown.insert(op);
    EXPECT_TRUE(undocumented.empty())
        << "routes missing from docs/openapi.yaml:" << describe_operations(undocumented);
    EXPECT_TRUE(unknown.empty()) << "operations in docs/openapi.yaml no route serves:"
                                 << describe_operations(unknown);
}

TEST(OpenApiRoutes, EveryApiRouteIsRegisteredUnderEachPrefix) {
    const auto routes = router_operations(PathNames::as_registered);
    ASSERT_GT(routes.size(), 10u) << "the product's route groups were not linked in";
    for (const auto& [method, path] : routes) {
        for (auto prefix : Router::kApiPrefixes) {
            if (path.rfind(std::string(prefix) + "/", 0) != 0) continue;
            const std::string rest = path.substr(prefix.size());
            for (auto other : Router::kApiPrefixes)
                EXPECT_TRUE(routes.count({method, std::string(other) + rest}))
                    << method << " " << other << rest << " is missing";
            break;
        }
    }
}

TEST(OpenApiRoutes, DocumentIsBundledOpenApi31) {
    const auto document = nlohmann::json::parse(openapi_document_json());
    EXPECT_EQ(document.at("openapi").get<std::string>().substr(0, 4), "3.1.");
    EXPECT_EQ(document.at("info").at("version"), DECKLIST_VERSION);
    // Bundled: a client fetching the document can follow every reference inside it.
    std::function<void(const nlohmann::json&)> check = [&](const nlohmann::json& node) {
        if (node.is_object()) {
            for (const auto& [key, value] : node.items()) {
                if (key == "$ref" && value.is_string()) {
                    const auto ref = value.get<std::string>();
                    ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
                    EXPECT_TRUE(document.contains(nlohmann::json::json_pointer(ref.substr(1))))
                        << ref;
                } else {
                    check(value);
                }
            }
        } else if (node.is_array()) {
            for (const auto& item : node) check(item);
        }
    };
    check(document);
}

}  // namespace
}  // namespace decklist::http
