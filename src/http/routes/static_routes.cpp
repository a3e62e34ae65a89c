// GET / and the files of the web root (config web_root), as the router's fallback: any GET
// or HEAD outside /api/ that no other route takes.

#include <filesystem>
#include <fstream>
#include <sstream>

#include <spdlog/spdlog.h>

#include "http/core/responses.hpp"
#include "http/router/router.hpp"
#include "http/routes/route_groups.hpp"
#include "http/static_files/mime_types.hpp"
#include "http/static_files/static_path.hpp"

namespace decklist::http {
namespace {

Error not_found(const Request& request) {
    return Error(ErrorType::not_found, "not found", {{"path", request.path}});
}

}  // namespace

void register_static_routes(Router& router, const std::string& web_root) {
    std::error_code ec;
    auto root = std::filesystem::canonical(web_root, ec);
    if (ec) {
        spdlog::warn("web root {} not found: static files disabled", web_root);
        return;
    }
    router.set_fallback([root](const Request& request) -> Response {
        const auto raw = request.target.substr(0, request.target.find('?'));
        const auto file = resolve_static_path(root, raw, request.path);
        if (!file) throw not_found(request);
        std::ifstream in(*file, std::ios::binary);
        if (!in) throw not_found(request);
        std::ostringstream content;
        content << in.rdbuf();
        Response response{bhttp::status::ok, 11};
        response.set(bhttp::field::content_type, std::string(mime_type_for(file->string())));
        response.set(bhttp::field::cache_control, "no-cache");
        response.set("X-Content-Type-Options", "nosniff");
        response.body() = content.str();
        return response;
    });
}

}  // namespace decklist::http
