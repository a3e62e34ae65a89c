#include "http/router/route_groups.hpp"

#include <map>
#include <vector>

namespace decklist::http {
namespace {

// A function-local static: registrations run during static initialisation of other
// translation units, in no particular order.
std::map<std::string, RouteGroupFunction>& groups() {
    static std::map<std::string, RouteGroupFunction> registered;
    return registered;
}

}  // namespace

RouteGroupRegistrar::RouteGroupRegistrar(const char* name, RouteGroupFunction function) {
    groups().emplace(name, function);
}

std::vector<std::string> register_route_groups(Router& router, ServerContext& context) {
    std::vector<std::string> names;
    for (const auto& [name, function] : groups()) {
        function(router, context);
        names.push_back(name);
    }
    return names;
}

}  // namespace decklist::http
